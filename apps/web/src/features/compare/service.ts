import "server-only";
import type { Database } from "@pedigree/db";
import { getProvenance } from "../provenance/service.ts";
import { diffVersions } from "./diff.ts";
import type { VersionComparison } from "./types.ts";

async function loadMetrics(
  db: Database,
  runId: string | undefined,
): Promise<Record<string, number>> {
  if (!runId) return {};
  const rows = await db.prisma.latestMetric.findMany({
    where: { runId },
    select: { key: true, value: true },
  });
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/** Two versions of one model side by side: load both provenances and metrics, then diff. */
export async function compareVersions(
  db: Database,
  name: string,
  a: number,
  b: number,
): Promise<VersionComparison> {
  const [left, right] = [await getProvenance(db, name, a), await getProvenance(db, name, b)];
  const [leftMetrics, rightMetrics] = [
    await loadMetrics(db, left.run?.id),
    await loadMetrics(db, right.run?.id),
  ];
  const side = (p: typeof left) => ({
    version: p.modelVersion.version,
    stage: p.modelVersion.stage,
    runId: p.run?.id ?? null,
  });
  return {
    model: left.modelVersion.name,
    a: side(left),
    b: side(right),
    ...diffVersions({ ...left, metrics: leftMetrics }, { ...right, metrics: rightMetrics }),
  };
}
