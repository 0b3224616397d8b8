import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";

export interface ExperimentSummary {
  id: string;
  name: string;
  runCount: number;
  /** ISO time of the newest run's start, null without runs. */
  lastRunAt: string | null;
  createdAt: string;
}

interface SummaryRow {
  id: string;
  name: string;
  createdAt: Date;
  runCount: number;
  lastRunAt: Date | null;
}

/** Active experiments with their count of active runs, in one aggregate query. */
export async function listExperiments(db: Database): Promise<ExperimentSummary[]> {
  const rows = await db.prisma.$queryRaw<SummaryRow[]>`
    SELECT e."id", e."name", e."createdAt",
      COUNT(r."id")::int AS "runCount", MAX(r."startTime") AS "lastRunAt"
    FROM "Experiment" e
    LEFT JOIN "Run" r ON r."experimentId" = e."id" AND r."lifecycleStage" = 'ACTIVE'
    WHERE e."lifecycleStage" = 'ACTIVE'
    GROUP BY e."id"
    ORDER BY MAX(r."startTime") DESC NULLS LAST, e."name"`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    runCount: row.runCount,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function getExperiment(db: Database, id: string) {
  const experiment = await db.prisma.experiment.findUnique({ where: { id } });
  if (!experiment) throw new AppError("NOT_FOUND", `No experiment ${id}`);
  return { id: experiment.id, name: experiment.name, lifecycleStage: experiment.lifecycleStage };
}

export interface RunKeys {
  metrics: string[];
  params: string[];
  tags: string[];
}

/**
 * The metric, param and tag keys of an experiment's newest 1,000 runs: what the column chooser
 * offers. Bounded so that it stays quick at 100,000 runs.
 */
export async function listRunKeys(db: Database, experimentId: string): Promise<RunKeys> {
  const rows = await db.prisma.$queryRaw<{ entity: "metric" | "param" | "tag"; key: string }[]>`
    WITH recent AS (
      SELECT r."id" FROM "Run" r
      WHERE r."experimentId" = ${experimentId} AND r."lifecycleStage" = 'ACTIVE'
      ORDER BY r."startTime" DESC LIMIT 1000
    )
    SELECT DISTINCT 'metric' AS entity, m."key" FROM "LatestMetric" m JOIN recent ON recent."id" = m."runId"
    UNION SELECT DISTINCT 'param', p."key" FROM "Param" p JOIN recent ON recent."id" = p."runId"
    UNION SELECT DISTINCT 'tag', t."key" FROM "RunTag" t JOIN recent ON recent."id" = t."runId"
    ORDER BY 1, 2`;
  const keys: RunKeys = { metrics: [], params: [], tags: [] };
  for (const row of rows) {
    if (row.entity === "metric") keys.metrics.push(row.key);
    else if (row.entity === "param") keys.params.push(row.key);
    else keys.tags.push(row.key);
  }
  return keys;
}
