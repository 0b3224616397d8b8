import type { Database, SqlRunner } from "@pedigree/db";
import type { DemoCounts, DemoData, MetricCurve } from "./demo-data.ts";
import { type DemoOptions, generateDemo } from "./generate-demo.ts";

/** Rows per Prisma createMany call: far below PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_CREATE = 2_000;
/** Metric points per INSERT: one statement with five array parameters, whatever the size. */
const POINTS_PER_INSERT = 20_000;

async function createInChunks<Row>(
  rows: readonly Row[],
  create: (chunk: Row[]) => Promise<unknown>,
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_CREATE) {
    await create(rows.slice(i, i + ROWS_PER_CREATE));
  }
  return rows.length;
}

interface MetricColumns {
  runIds: string[];
  keys: string[];
  steps: number[];
  timestamps: number[];
  values: number[];
}

// Prisma cannot write NaN or ±Infinity, so metric values go through SQL: each column is one
// array parameter (values as text, which PostgreSQL reads as 'NaN' and 'Infinity').
const toParams = (columns: MetricColumns) => [
  columns.runIds,
  columns.keys,
  columns.steps,
  columns.timestamps,
  columns.values.map(String),
];

/** Points into chunks by the database's pedigree_metric_chunks, the twin of ingest's builder. */
async function insertChunks(sql: SqlRunner, columns: MetricColumns): Promise<void> {
  await sql.query(
    `INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
       "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
     SELECT * FROM pedigree_metric_chunks($1::text[], $2::text[], $3::bigint[], $4::bigint[],
       $5::text[]::float8[])`,
    toParams(columns),
  );
}

async function insertLatestRows(sql: SqlRunner, columns: MetricColumns): Promise<void> {
  await sql.query(
    `INSERT INTO "LatestMetric" ("runId", "key", "step", "timestamp", "value")
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[]::float8[])`,
    toParams(columns),
  );
}

async function insertCurves(sql: SqlRunner, curves: readonly MetricCurve[]): Promise<number> {
  let batch = {
    runIds: [] as string[],
    keys: [] as string[],
    steps: [] as number[],
    timestamps: [] as number[],
    values: [] as number[],
  };
  let total = 0;
  const flush = async () => {
    if (batch.runIds.length === 0) return;
    await insertChunks(sql, batch);
    total += batch.runIds.length;
    batch = { runIds: [], keys: [], steps: [], timestamps: [], values: [] };
  };
  for (const curve of curves) {
    for (let i = 0; i < curve.steps.length; i++) {
      batch.runIds.push(curve.runId);
      batch.keys.push(curve.key);
      batch.steps.push(curve.steps[i] as number);
      batch.timestamps.push(curve.timestamps[i] as number);
      batch.values.push(curve.values[i] as number);
      if (batch.runIds.length >= POINTS_PER_INSERT) await flush();
    }
  }
  await flush();
  return total;
}

async function insertLatestMetrics(
  sql: SqlRunner,
  rows: DemoData["latestMetrics"],
): Promise<number> {
  for (let i = 0; i < rows.length; i += POINTS_PER_INSERT) {
    const chunk = rows.slice(i, i + POINTS_PER_INSERT);
    await insertLatestRows(sql, {
      runIds: chunk.map((row) => row.runId),
      keys: chunk.map((row) => row.key),
      steps: chunk.map((row) => Number(row.step)),
      timestamps: chunk.map((row) => Number(row.timestamp)),
      values: chunk.map((row) => row.value),
    });
  }
  return rows.length;
}

/**
 * Writes a generated demo into an empty database, parents before children. Not one transaction
 * (Prisma and the SQL runner may use different connections); the CLI seeds empty databases only.
 */
export async function writeDemo(db: Database, data: DemoData): Promise<DemoCounts> {
  const p = db.prisma;
  const c = createInChunks;
  const counts = new Map<string, number>();
  const run = async (steps: [string, () => Promise<number>][]) => {
    for (const [table, write] of steps) counts.set(table, await write());
  };
  await run([
    ["users", () => c(data.users, (data) => p.user.createMany({ data }))],
    ["codeCommits", () => c(data.codeCommits, (data) => p.codeCommit.createMany({ data }))],
    ["experiments", () => c(data.experiments, (data) => p.experiment.createMany({ data }))],
    [
      "experimentTags",
      () => c(data.experimentTags, (data) => p.experimentTag.createMany({ data })),
    ],
    ["runs", () => c(data.runs, (data) => p.run.createMany({ data }))],
  ]);
  // Metric points are most of the rows; on a server they load over another connection meanwhile.
  await Promise.all([
    run([
      ["metricPoints", () => insertCurves(db.sql, data.metricCurves)],
      ["latestMetrics", () => insertLatestMetrics(db.sql, data.latestMetrics)],
    ]),
    run([
      ["params", () => c(data.params, (data) => p.param.createMany({ data }))],
      ["runTags", () => c(data.runTags, (data) => p.runTag.createMany({ data }))],
      ["rawPartitions", () => c(data.rawPartitions, (data) => p.rawPartition.createMany({ data }))],
      ["datasets", () => c(data.datasets, (data) => p.dataset.createMany({ data }))],
      [
        "datasetVersions",
        () => c(data.datasetVersions, (data) => p.datasetVersion.createMany({ data })),
      ],
      [
        "datasetVersionPartitions",
        () =>
          c(data.datasetVersionPartitions, (data) =>
            p.datasetVersionPartition.createMany({ data }),
          ),
      ],
      ["runInputs", () => c(data.runInputs, (data) => p.runInput.createMany({ data }))],
      [
        "registeredModels",
        () => c(data.registeredModels, (data) => p.registeredModel.createMany({ data })),
      ],
      [
        "registeredModelTags",
        () => c(data.registeredModelTags, (data) => p.registeredModelTag.createMany({ data })),
      ],
      ["modelVersions", () => c(data.modelVersions, (data) => p.modelVersion.createMany({ data }))],
      [
        "modelVersionTags",
        () => c(data.modelVersionTags, (data) => p.modelVersionTag.createMany({ data })),
      ],
      ["modelAliases", () => c(data.modelAliases, (data) => p.modelAlias.createMany({ data }))],
      [
        "promotionRequests",
        () => c(data.promotionRequests, (data) => p.promotionRequest.createMany({ data })),
      ],
      ["approvals", () => c(data.approvals, (data) => p.approval.createMany({ data }))],
      [
        "stageTransitions",
        () => c(data.stageTransitions, (data) => p.stageTransition.createMany({ data })),
      ],
      ["deployments", () => c(data.deployments, (data) => p.deployment.createMany({ data }))],
      [
        "featureProfiles",
        () => c(data.featureProfiles, (data) => p.featureProfile.createMany({ data })),
      ],
      ["driftReports", () => c(data.driftReports, (data) => p.driftReport.createMany({ data }))],
      ["windowMetrics", () => c(data.windowMetrics, (data) => p.windowMetric.createMany({ data }))],
      ["monitorRules", () => c(data.monitorRules, (data) => p.monitorRule.createMany({ data }))],
      [
        "retrainTriggers",
        () => c(data.retrainTriggers, (data) => p.retrainTrigger.createMany({ data })),
      ],
      ["auditEvents", () => c(data.auditEvents, (data) => p.auditEvent.createMany({ data }))],
    ]),
  ]);
  // In the order of DemoData (curves counted as points), whatever order the writes finished in.
  const tables = Object.keys(data).map((t) => (t === "metricCurves" ? "metricPoints" : t));
  return Object.fromEntries(tables.map((table) => [table, counts.get(table) ?? 0]));
}

/** Generates the demo for a seed and writes it: `writeDemo(db, generateDemo(options))`. */
export function seedDemo(db: Database, options: DemoOptions): Promise<DemoCounts> {
  return writeDemo(db, generateDemo(options));
}
