import type { Metadata } from "next";
import { ImpactReportView } from "../../../features/impact/components/impact-report.tsx";
import { ImpactSearch } from "../../../features/impact/components/impact-search.tsx";
import { getImpact, type ImpactStart } from "../../../features/impact/service.ts";
import { requireCurrentUser } from "../../../server/auth/current-user.ts";
import { getDatabase } from "../../../server/db.ts";
import { loadOrProblem } from "../../../server/errors.ts";

export const metadata: Metadata = { title: "Impact analysis" };

interface ImpactPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function readStart(params: Record<string, string | string[] | undefined>): ImpactStart | null {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.trim() || null;
  const partition = first(params.partition);
  if (partition) return { partition };
  const datasetVersion = first(params.datasetVersion);
  return datasetVersion ? { datasetVersion } : null;
}

export default async function ImpactPage({ searchParams }: ImpactPageProps) {
  await requireCurrentUser();
  const start = readStart(await searchParams);
  // An unknown partition or version is said on the page, not a 500.
  const answer = start
    ? await loadOrProblem(async () => ({ report: await getImpact(await getDatabase(), start) }))
    : null;
  return (
    <>
      <h1>Impact analysis</h1>
      <p className="muted">
        A partition turned out bad: which dataset versions were built from it, which model versions
        were trained on them, and which services serve those models.
      </p>
      <ImpactSearch
        key={start ? JSON.stringify(start) : "empty"}
        kind={start && "datasetVersion" in start ? "datasetVersion" : "partition"}
        value={start ? ("partition" in start ? start.partition : start.datasetVersion) : ""}
      />
      {answer === null ? (
        <section className="card empty-state" aria-labelledby="impact-start-title">
          <h2 id="impact-start-title">Start from a partition or a dataset version</h2>
          <p>
            Paste a raw partition&apos;s uri (as on a model&apos;s Trained-on card) or a dataset
            version id.
          </p>
        </section>
      ) : "problem" in answer ? (
        <section className="card" role="alert">
          <p>{answer.problem}</p>
        </section>
      ) : (
        <ImpactReportView report={answer.report} />
      )}
    </>
  );
}
