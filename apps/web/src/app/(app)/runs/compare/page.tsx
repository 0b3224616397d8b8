import type { Metadata } from "next";
import Link from "next/link";
import { CompareChart } from "../../../../features/runs/components/compare-chart.tsx";
import { DiffTable } from "../../../../features/runs/components/diff-table.tsx";
import { ParamScatter } from "../../../../features/runs/components/param-scatter.tsx";
import { experimentPath } from "../../../../features/runs/components/runs-url.ts";
import { loadRunDetails } from "../../../../features/runs/load-runs.ts";
import { MAX_SERIES_RUNS } from "../../../../features/runs/metric-series.ts";
import { toRunJson } from "../../../../features/runs/types.ts";
import { requireCurrentUser } from "../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../server/db.ts";

export const metadata: Metadata = { title: "Compare runs" };

interface ComparePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ComparePage({ searchParams }: ComparePageProps) {
  await requireCurrentUser();
  const raw = (await searchParams).ids;
  const ids = [
    ...new Set((Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").filter(Boolean)),
  ].slice(0, MAX_SERIES_RUNS);
  const runs = (await loadRunDetails(await getDatabase(), ids)).map(toRunJson);
  if (runs.length === 0) {
    return (
      <>
        <h1>Compare runs</h1>
        <p className="muted">
          No runs to compare. Select runs in an <Link href="/experiments">experiment</Link>&apos;s
          table.
        </p>
      </>
    );
  }
  const metricKeys = [...new Set(runs.flatMap((run) => run.metrics.map((m) => m.key)))].sort();
  const paramKeys = [...new Set(runs.flatMap((run) => run.params.map((p) => p.key)))].sort();
  const experimentId = runs[0]?.experimentId ?? "";
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/experiments">Experiments</Link> /{" "}
        <Link href={experimentPath(experimentId)}>Runs</Link> /{" "}
        <span aria-current="page">Compare</span>
      </nav>
      <h1>Compare {runs.length} runs</h1>
      <CompareChart
        runs={runs.map((run) => ({ id: run.id, name: run.name }))}
        metricKeys={metricKeys}
      />
      <DiffTable runs={runs} field="params" title="Params" />
      <DiffTable runs={runs} field="tags" title="Tags" />
      <ParamScatter runs={runs} paramKeys={paramKeys} metricKeys={metricKeys} />
    </>
  );
}
