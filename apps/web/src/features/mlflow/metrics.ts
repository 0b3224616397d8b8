import "server-only";
import type { Database, SqlRunner } from "@pedigree/db";
import { buildMetricChunks, findLatestPoints } from "@pedigree/domain";
import { invalidParameter, notFound } from "./errors.ts";
import { checkKey } from "./names.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import { sampleSteps } from "./sample-steps.ts";
import { formatDouble, toSqlDouble } from "./wire.ts";

export interface MetricInput {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/**
 * A chunk of fewer points than this is small: a block that small writes (one point per
 * log-metric) have left holding COMPACT_AT_CHUNKS chunks is merged (pedigree_compact_metric_chunks).
 * Writes whose chunks are all larger skip the check: such chunks fill a block in a few writes.
 */
const SMALL_CHUNK_POINTS = 8;
const COMPACT_AT_CHUNKS = 4;

/**
 * An array literal of numbers, as PostgreSQL reads it: JavaScript spells NaN, Infinity and
 * -Infinity as PostgreSQL does, so join() needs no conversion per value.
 */
const arrayLiteral = (values: readonly number[]) => `{${values.join(",")}}`;
const doubleOrNull = (value: number | null) => (value === null ? null : toSqlDouble(value));

/**
 * Appends metric points and keeps LatestMetric current, in one statement. The points become one
 * MetricChunk row per (key, block of 32 steps), built here by the domain's buildMetricChunks (the
 * twin of the SQL function pedigree_metric_chunks), so a batch of 1,000 points is a few dozen
 * rows and the database only stores them. Numbers travel as text so that NaN and ±Infinity
 * arrive as themselves. The latest value per key is the highest (step, timestamp, value), as
 * MLflow's SQL store orders it; a concurrent batch only replaces it with a higher one. Blocks
 * that small writes have crowded are then merged.
 */
export async function logMetrics(
  sql: SqlRunner,
  runId: string,
  metrics: readonly MetricInput[],
): Promise<void> {
  if (metrics.length === 0) return;
  for (const metric of metrics) {
    checkKey("metric", metric.key);
    if (metric.timestamp < 0) {
      throw invalidParameter(
        `Metric '${metric.key}' has a negative timestamp: ${metric.timestamp}`,
      );
    }
  }
  const chunks = buildMetricChunks(metrics);
  const latest = findLatestPoints(metrics);
  await sql.query(
    `WITH chunks AS (
       INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
         "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
       SELECT $1, c.k, c.b, c.s::bigint[], c.t::bigint[], c.v::float8[], c.n, c.f, c.lo::float8,
         c.hi::float8, c.ls, c.lt, c.l::float8
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[],
         $8::int[], $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::text[])
         AS c(k, b, s, t, v, n, f, lo, hi, ls, lt, l)
     )
     INSERT INTO "LatestMetric" ("runId", "key", "step", "timestamp", "value")
     SELECT $1, l.k, l.s, l.t, l.v::float8
     FROM unnest($14::text[], $15::bigint[], $16::bigint[], $17::text[]) AS l(k, s, t, v)
     ON CONFLICT ("runId", "key") DO UPDATE
       SET "step" = EXCLUDED."step", "timestamp" = EXCLUDED."timestamp", "value" = EXCLUDED."value"
       WHERE (EXCLUDED."step", EXCLUDED."timestamp", EXCLUDED."value")
           > ("LatestMetric"."step", "LatestMetric"."timestamp", "LatestMetric"."value")`,
    [
      runId,
      chunks.map((chunk) => chunk.key),
      chunks.map((chunk) => chunk.block),
      chunks.map((chunk) => arrayLiteral(chunk.steps)),
      chunks.map((chunk) => arrayLiteral(chunk.timestamps)),
      chunks.map((chunk) => arrayLiteral(chunk.values)),
      chunks.map((chunk) => chunk.count),
      chunks.map((chunk) => chunk.finiteCount),
      chunks.map((chunk) => doubleOrNull(chunk.min)),
      chunks.map((chunk) => doubleOrNull(chunk.max)),
      chunks.map((chunk) => chunk.lastStep),
      chunks.map((chunk) => chunk.lastTimestamp),
      chunks.map((chunk) => doubleOrNull(chunk.last)),
      latest.map((point) => point.key),
      latest.map((point) => point.step),
      latest.map((point) => point.timestamp),
      latest.map((point) => toSqlDouble(point.value)),
    ],
  );
  const small = chunks.filter((chunk) => chunk.count < SMALL_CHUNK_POINTS);
  if (small.length === 0) return;
  await sql.query(`SELECT pedigree_compact_metric_chunks($1, $2::text[], $3::bigint[], $4)`, [
    runId,
    small.map((chunk) => chunk.key),
    small.map((chunk) => chunk.steps[0]),
    COMPACT_AT_CHUNKS,
  ]);
}

interface PointRow {
  run_id: string;
  key: string;
  value: number | string;
  timestamp: string | number | bigint;
  step: string | number | bigint;
}

// Values are read back as text: both drivers then hand over "NaN" and "Infinity" unchanged.
const POINT_COLUMNS = `c."runId" AS run_id, c."key", u."value"::text AS "value", u."timestamp", u."step"`;
// The points of the chunks that the WHERE clause (on c) selects.
const POINTS = `"MetricChunk" c
  CROSS JOIN LATERAL unnest(c."steps", c."timestamps", c."values") AS u("step", "timestamp", "value")`;

function toMetricJson(row: PointRow, withRunId: boolean) {
  return {
    key: row.key,
    value: formatDouble(Number(row.value)),
    timestamp: Number(row.timestamp),
    step: Number(row.step),
    ...(withRunId ? { run_id: row.run_id } : {}),
  };
}

/** One metric's history, ordered as upstream (timestamp, step, value); paged with max_results. */
export async function getMetricHistory(
  db: Database,
  input: { runId: string; key: string; maxResults?: number; pageToken?: string },
) {
  const exists = await db.prisma.run.count({ where: { id: input.runId } });
  if (exists === 0) {
    throw notFound(`Run with id=${input.runId} not found`);
  }
  const offset = readPageToken(input.pageToken);
  const limit =
    input.maxResults === undefined
      ? null
      : readMaxResults(input.maxResults, { fallback: 25_000, max: 1_000_000 });
  const rows = await db.sql.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM ${POINTS} WHERE c."runId" = $1 AND c."key" = $2
     ORDER BY u."timestamp", u."step", u."value" OFFSET $3 ${limit === null ? "" : "LIMIT $4"}`,
    limit === null ? [input.runId, input.key, offset] : [input.runId, input.key, offset, limit + 1],
  );
  const page = limit === null ? { items: rows } : toPage(rows, offset, limit);
  return {
    ...(page.items.length > 0
      ? { metrics: page.items.map((row) => toMetricJson(row, false)) }
      : {}),
    ...("nextPageToken" in page && page.nextPageToken
      ? { next_page_token: page.nextPageToken }
      : {}),
  };
}

export const MAX_BULK_RUNS = 100;
export const MAX_BULK_POINTS_PER_RUN = 2500;

/**
 * MLflow's get-history-bulk-interval: the distinct steps of the metric across the runs, at most
 * `max_results` of them evenly spaced plus each run's first and last, and every point at those.
 */
export async function getMetricHistoryBulkInterval(
  db: Database,
  input: {
    runIds: string[];
    key: string;
    startStep?: number;
    endStep?: number;
    maxResults?: number;
  },
) {
  if (input.runIds.length === 0)
    throw invalidParameter("Missing value for required parameter 'run_ids'");
  if (input.runIds.length > MAX_BULK_RUNS) {
    throw invalidParameter(`At most ${MAX_BULK_RUNS} run_ids may be requested at once`);
  }
  if ((input.startStep === undefined) !== (input.endStep === undefined)) {
    throw invalidParameter(
      "If either start step or end step are specified, both must be specified.",
    );
  }
  if (
    input.startStep !== undefined &&
    input.endStep !== undefined &&
    input.startStep > input.endStep
  ) {
    throw invalidParameter("end_step must be greater than or equal to start_step.");
  }
  const maxResults = readMaxResults(input.maxResults, {
    fallback: MAX_BULK_POINTS_PER_RUN,
    max: MAX_BULK_POINTS_PER_RUN,
  });
  const range =
    input.startStep === undefined
      ? ""
      : `AND c."block" BETWEEN pedigree_metric_block($3) AND pedigree_metric_block($4)
         AND u."step" BETWEEN $3 AND $4`;
  const rangeParams = input.startStep === undefined ? [] : [input.startStep, input.endStep];
  const stepRows = await db.sql.query<{
    run_id: string;
    step: string;
    first: boolean;
    last: boolean;
  }>(
    `SELECT "runId" AS run_id, "step"::text AS "step",
            "step" = min("step") OVER (PARTITION BY "runId") AS "first",
            "step" = max("step") OVER (PARTITION BY "runId") AS "last"
     FROM (SELECT DISTINCT c."runId", u."step" FROM ${POINTS}
           WHERE c."runId" = ANY($1::text[]) AND c."key" = $2 ${range}) s`,
    [input.runIds, input.key, ...rangeParams],
  );
  const steps = sampleSteps(
    stepRows.map((row) => Number(row.step)),
    stepRows.filter((row) => row.first || row.last).map((row) => Number(row.step)),
    maxResults,
  );
  if (steps.length === 0) return {};
  const rows = await db.sql.query<PointRow>(
    `SELECT ${POINT_COLUMNS} FROM ${POINTS}
     WHERE c."runId" = ANY($1::text[]) AND c."key" = $2
       AND c."block" IN (SELECT DISTINCT pedigree_metric_block(s) FROM unnest($3::bigint[]) s)
       AND u."step" = ANY($3::bigint[])
     ORDER BY c."runId", u."step", u."timestamp", u."value"`,
    [input.runIds, input.key, steps.map(String)],
  );
  return { metrics: rows.map((row) => toMetricJson(row, true)) };
}
