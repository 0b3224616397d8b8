// Experiments, runs (params, tags), metric points and LatestMetric, all set-based SQL.
import type { Database } from "@pedigree/db";
import { EPOCH_SQL, padSql, type ScaleSizes, uniformSql } from "./config.ts";

export interface PartContext {
  db: Database;
  sizes: ScaleSizes;
  seed: number;
  log: (line: string) => void;
}

export const runIdSql = (g: string) => padSql("bench-run-", g);
export const commitIdSql = (c: string) => padSql("bench-commit-", c, 5);
/** A 40-hex "git sha" of commit `c` (the same in SQL and in datasets.ts). */
export const commitShaSql = (c: string, seed: number) =>
  `md5('${seed}:c:' || (${c})) || substr(md5((${c}) || ':c:${seed}'), 1, 8)`;
/** Run g's commit. */
export const runCommitSql = (g: string, commits: number) => `1 + (${g}) % ${commits}`;

/**
 * The value of metric `ki` (index into METRIC_KEYS) of run `g` at `step` of a curve of `steps`:
 * losses fall and scores rise towards a level of the run's own, with a little noise; the long
 * curves have one single-step spike of 100 (the compare chart must keep it).
 */
export function metricValueSql(g: string, ki: string, step: string, steps: number, seed: number) {
  const quality = `(0.5 + 0.5 * ${uniformSql(`(${g}) * 7 + (${ki})`, seed)})`;
  const decay = `(1.0 / (1 + (${step})::float8 / ${Math.max(1, steps / 10)}))`;
  const noise = `(0.01 * ${uniformSql(`(${g})::bigint * 1000003 + (${step}) * 7 + (${ki})`, seed)})`;
  const curve = `CASE WHEN (${ki}) IN (0, 4) THEN ${decay} * ${quality} + ${noise}
    ELSE 1 - 0.5 * ${decay} - 0.3 * (1 - ${quality}) - ${noise} END`;
  if (steps < 1000) return curve;
  const spike = `1 + floor(${uniformSql(`(${g}) * 13`, seed)} * ${steps - 2})::bigint`;
  return `CASE WHEN (${step}) = ${spike} THEN 100 ELSE ${curve} END`;
}

const timestampSql = (g: string, step: string) =>
  `((extract(epoch FROM ${EPOCH_SQL})::bigint - 200 * 86400 + (${g}) * 60) * 1000 + (${step}) * 1000)`;

export async function seedTracking({ db, sizes, seed, log }: PartContext): Promise<void> {
  const { runs, experiments, commits } = sizes;
  await db.sql.exec(`
    INSERT INTO "Experiment" ("id", "name", "artifactLocation", "createdAt", "updatedAt")
    SELECT ${padSql("bench-exp-", "e", 4)}, 'experiment-' || lpad(e::text, 4, '0'),
      'mlflow-artifacts:/bench/' || e, ${EPOCH_SQL} - interval '300 days', ${EPOCH_SQL} - interval '300 days'
    FROM generate_series(1, ${experiments}) e;

    INSERT INTO "Run" ("id", "experimentId", "name", "status", "startTime", "endTime", "userName",
      "commitId", "artifactUri")
    SELECT ${runIdSql("g")}, ${padSql("bench-exp-", `1 + (g - 1) % ${experiments}`, 4)},
      'run-' || g, (ARRAY['FINISHED', 'FINISHED', 'FINISHED', 'FAILED']::"RunStatus"[])[1 + g % 4],
      ${EPOCH_SQL} - interval '200 days' + g * interval '1 minute',
      ${EPOCH_SQL} - interval '200 days' + g * interval '1 minute' + interval '30 minutes',
      'bench', ${commitIdSql(runCommitSql("g", commits))}, 'mlflow-artifacts:/bench/runs/' || g
    FROM generate_series(1, ${runs}) g;

    INSERT INTO "Param" ("runId", "key", "value")
    SELECT ${runIdSql("g")}, k.key, CASE k.key
        WHEN 'lr' THEN (ARRAY['0.1', '0.01', '0.001', '0.0003'])[1 + g % 4]
        WHEN 'batch_size' THEN (32 * (1 + g % 8))::text
        WHEN 'model' THEN (ARRAY['xgboost', 'lightgbm', 'logreg', 'mlp'])[1 + (g / 4) % 4]
        WHEN 'optimizer' THEN (ARRAY['adam', 'sgd'])[1 + g % 2]
        ELSE (g % 1000)::text END
    FROM generate_series(1, ${runs}) g
    CROSS JOIN (VALUES ('lr'), ('batch_size'), ('model'), ('optimizer'), ('seed')) AS k(key);

    INSERT INTO "RunTag" ("runId", "key", "value")
    SELECT ${runIdSql("g")}, k.key, CASE k.key
        WHEN 'team' THEN 'team-' || (g % 20)
        WHEN 'mlflow.user' THEN 'bench'
        ELSE ${commitShaSql(runCommitSql("g", commits), seed)} END
    FROM generate_series(1, ${runs}) g
    CROSS JOIN (VALUES ('team'), ('mlflow.user'), ('mlflow.source.git.commit')) AS k(key);`);
  log(`  ${runs} runs in ${experiments} experiments, 5 params and 3 tags each`);
  await seedMetricPoints({ db, sizes, seed, log });
}

/**
 * Where points go: the MetricChunk table when the schema stores chunks (built by the migration's
 * own pedigree_metric_chunks, the one place that makes chunks), else the MetricPoint table.
 */
async function pointTable(db: PartContext["db"]): Promise<"MetricChunk" | "MetricPoint"> {
  const [row] = await db.sql.query<{ chunks: boolean }>(
    `SELECT to_regclass('"MetricChunk"') IS NOT NULL AS chunks`,
  );
  return row?.chunks ? "MetricChunk" : "MetricPoint";
}

const CHUNK_COLUMNS = `"runId", "key", "block", "steps", "timestamps", "values", "count",
  "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last"`;

/** Inserts the points that `select` gives (columns r, k, s, t, v; in logging order). */
function insertPointsSql(table: "MetricChunk" | "MetricPoint", select: string): string {
  if (table === "MetricPoint")
    return `INSERT INTO "MetricPoint" ("runId", "key", "step", "timestamp", "value")
      SELECT r, k, s, t, v FROM (${select}) q`;
  return `INSERT INTO "MetricChunk" (${CHUNK_COLUMNS})
    SELECT m.* FROM (SELECT array_agg(r) AS r, array_agg(k) AS k, array_agg(s) AS s,
      array_agg(t) AS t, array_agg(v) AS v FROM (${select}) q) p
    CROSS JOIN LATERAL pedigree_metric_chunks(p.r, p.k, p.s::bigint[], p.t::bigint[], p.v) m`;
}

/**
 * The points, with the table's secondary indexes dropped while they load and rebuilt after
 * (one sorted build is several times faster than millions of index insertions), then
 * LatestMetric from the same formula at each curve's last step.
 */
async function seedMetricPoints({ db, sizes, seed, log }: PartContext): Promise<void> {
  const { runs, longRuns, longSteps, shortSteps, metricKeys } = sizes;
  const table = await pointTable(db);
  const indexes = await db.sql.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE tablename = $1 AND indexname <> $2`,
    [table, `${table}_pkey`],
  );
  for (const index of indexes) await db.sql.exec(`DROP INDEX "${index.name}"`);
  const keys = `(VALUES ${metricKeys.map((key, i) => `('${key}', ${i})`).join(", ")}) AS k(key, ki)`;
  const chunk = 2_000;
  let points = 0;
  for (let from = 1; from <= runs; from += chunk) {
    const to = Math.min(runs, from + chunk - 1);
    await db.sql.exec(
      insertPointsSql(
        table,
        `SELECT ${runIdSql("g")} AS r, k.key AS k, s::bigint AS s, ${timestampSql("g", "s")} AS t,
          ${metricValueSql("g", "k.ki", "s", shortSteps, seed)} AS v
        FROM generate_series(${from}, ${to}) g CROSS JOIN ${keys}
        CROSS JOIN generate_series(0, ${shortSteps - 1}) s
        WHERE NOT (g <= ${longRuns} AND k.ki = 0)`,
      ),
    );
    points += (to - from + 1) * metricKeys.length * shortSteps;
    if (to % 20_000 === 0 || to === runs) log(`  metric points: short curves up to run ${to}`);
  }
  points -= longRuns * shortSteps;
  for (let g = 1; g <= longRuns; g += 1) {
    await db.sql.exec(
      insertPointsSql(
        table,
        `SELECT ${runIdSql(String(g))} AS r, 'loss' AS k, s::bigint AS s,
          ${timestampSql(String(g), "s")} AS t, ${metricValueSql(String(g), "0", "s", longSteps, seed)} AS v
        FROM generate_series(0, ${longSteps - 1}) s`,
      ),
    );
    points += longSteps;
  }
  log(
    `  ${points} metric points into ${table} (${longRuns} runs with ${longSteps}-step loss curves)`,
  );
  for (const index of indexes) await db.sql.exec(index.definition);
  log(`  rebuilt ${indexes.map((index) => index.name).join(", ") || "no index"}`);

  const lastStep = (g: string) =>
    `CASE WHEN ${g} <= ${longRuns} AND k.ki = 0 THEN ${longSteps - 1} ELSE ${shortSteps - 1} END`;
  const valueAt = (g: string) =>
    `CASE WHEN ${g} <= ${longRuns} AND k.ki = 0
      THEN ${metricValueSql(g, "k.ki", String(longSteps - 1), longSteps, seed)}
      ELSE ${metricValueSql(g, "k.ki", String(shortSteps - 1), shortSteps, seed)} END`;
  await db.sql.exec(`
    INSERT INTO "LatestMetric" ("runId", "key", "step", "timestamp", "value")
    SELECT ${runIdSql("g")}, k.key, ${lastStep("g")}, ${timestampSql("g", lastStep("g"))}, ${valueAt("g")}
    FROM generate_series(1, ${runs}) g CROSS JOIN ${keys}`);
  log(`  ${runs * metricKeys.length} LatestMetric rows`);
}
