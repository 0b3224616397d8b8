import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunsBrowser } from "../../../../features/runs/components/runs-browser.tsx";
import { getExperiment, listRunKeys } from "../../../../features/runs/experiments.ts";
import { listExperimentRuns } from "../../../../features/runs/list-runs.ts";
import { toRunJson } from "../../../../features/runs/types.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";
import { AppError } from "../../../../server/errors.ts";

interface ExperimentPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const single = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? "") : (value ?? "");

async function findExperiment(id: string) {
  try {
    return await getExperiment(await getDatabase(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export async function generateMetadata({ params }: ExperimentPageProps): Promise<Metadata> {
  const experiment = await findExperiment(decodeURIComponent((await params).id));
  return { title: experiment ? `Runs · ${experiment.name}` : "Experiment not found" };
}

export default async function ExperimentPage({ params, searchParams }: ExperimentPageProps) {
  await requireCurrentUser();
  const id = decodeURIComponent((await params).id);
  const experiment = await findExperiment(id);
  if (!experiment) notFound();
  const query = await searchParams;
  const state = {
    filter: single(query.filter),
    orderBy: single(query.orderBy),
    columns: single(query.columns),
  };
  const db = await getDatabase();
  const keys = await listRunKeys(db, id);
  let page: Awaited<ReturnType<typeof listExperimentRuns>> = { runs: [], nextPageToken: null };
  let error: string | null = null;
  try {
    page = await listExperimentRuns(db, id, {
      filter: state.filter,
      orderBy: state.orderBy || undefined,
      maxResults: 100,
    });
  } catch (failure) {
    if (!(failure instanceof AppError && failure.code === "INVALID_INPUT")) throw failure;
    error = failure.message;
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/experiments">Experiments</Link> /{" "}
        <span aria-current="page">{experiment.name}</span>
      </nav>
      <h1>{experiment.name}</h1>
      <RunsBrowser
        key={JSON.stringify(state)}
        experimentId={id}
        state={state}
        runs={page.runs.map(toRunJson)}
        nextPageToken={page.nextPageToken}
        error={error}
        keys={keys}
      />
    </>
  );
}
