import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { modelPath } from "../../../../features/models/model-path.ts";
import { RunSections } from "../../../../features/runs/components/run-sections.tsx";
import { experimentPath } from "../../../../features/runs/components/runs-url.ts";
import { getRunDetail, type RunDetail } from "../../../../features/runs/run-detail.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";
import { AppError } from "../../../../server/errors.ts";
import { formatDateTime } from "../../../../ui/format.ts";

interface RunPageProps {
  params: Promise<{ id: string }>;
}

async function findRun(id: string): Promise<RunDetail | null> {
  try {
    return await getRunDetail(await getDatabase(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export async function generateMetadata({ params }: RunPageProps): Promise<Metadata> {
  const detail = await findRun(decodeURIComponent((await params).id));
  return { title: detail ? `Run · ${detail.run.name || detail.run.id}` : "Run not found" };
}

export default async function RunPage({ params }: RunPageProps) {
  await requireCurrentUser();
  const detail = await findRun(decodeURIComponent((await params).id));
  if (!detail) notFound();
  const { run } = detail;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/experiments">Experiments</Link> /{" "}
        <Link href={experimentPath(run.experimentId)}>{detail.experimentName}</Link> /{" "}
        <span aria-current="page">{run.name || run.id}</span>
      </nav>
      <h1>{run.name || run.id}</h1>
      <p className="muted">
        {run.status.toLowerCase()} · started {formatDateTime(run.startTime.toISOString())}
        {run.endTime ? ` · ended ${formatDateTime(run.endTime.toISOString())}` : ""}
        {run.userName ? ` · by ${run.userName}` : ""} · id <code>{run.id}</code>
      </p>
      {detail.modelVersions.length > 0 ? (
        <p>
          Produced:{" "}
          {detail.modelVersions.map((version, index) => (
            <span key={`${version.modelName}-${version.version}`}>
              {index > 0 ? ", " : ""}
              <Link href={modelPath(version.modelName)}>
                {version.modelName} v{version.version}
              </Link>{" "}
              <span className="muted">({version.stage.toLowerCase()})</span>
            </span>
          ))}
        </p>
      ) : null}
      <RunSections detail={detail} />
    </>
  );
}
