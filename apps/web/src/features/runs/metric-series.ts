import "server-only";
import type { Database } from "@pedigree/db";
import {
  type BucketPlan,
  MAX_BUCKETS,
  METRIC_BLOCK_STEPS,
  metricBlock,
  planBuckets,
  type SeriesBucket,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";

export const MAX_SERIES_RUNS = 50;

export interface MetricSeriesInput {
  runIds: readonly string[];
  key: string;
  /** The whole logged range when omitted. */
  fromStep?: number | undefined;
  toStep?: number | undefined;
  /** Default and maximum MAX_BUCKETS (1,000). */
  buckets?: number | undefined;
}

export interface MetricSeries {
  key: string;
  fromStep: number;
  toStep: number;
  /** Steps per bucket. */
  width: number;
  series: { runId: string; buckets: SeriesBucket[] }[];
}

interface BucketRow {
  runId: string;
  bucket: number;
  min: number;
  max: number;
  lastStep: number;
  last: number;
  count: number;
}

/** The lowest and highest logged step of the key over the runs: two index probes per run. */
async function findStepRange(db: Database, runIds: readonly string[], key: string) {
  const [row] = await db.sql.query<{ lo: number | null; hi: number | null }>(
    `SELECT MIN(lo)::float8 AS lo, MAX(hi)::float8 AS hi FROM (
      SELECT
        (SELECT c."steps"[1] FROM "MetricChunk" c WHERE c."runId" = ids.id AND c."key" = $2
         ORDER BY c."block" ASC, c."steps"[1] ASC LIMIT 1) AS lo,
        (SELECT c."steps"[cardinality(c."steps")] FROM "MetricChunk" c
         WHERE c."runId" = ids.id AND c."key" = $2
         ORDER BY c."block" DESC, c."steps"[cardinality(c."steps")] DESC LIMIT 1) AS hi
      FROM (SELECT unnest($1::text[]) AS id) ids
    ) bounds`,
    [runIds, key],
  );
  return { lo: row?.lo ?? 0, hi: row?.hi ?? 0 };
}

/**
 * The blocks of [fromStep, toStep] whose chunks can be summed up from their stored min, max and
 * last: those wholly inside the range, and only when buckets are whole blocks (an aligned plan).
 * Chunks of the other blocks are opened and their points bucketed one by one.
 */
function planChunkReads(plan: BucketPlan) {
  const first = metricBlock(plan.fromStep);
  const last = metricBlock(plan.toStep);
  const isAligned = plan.width % METRIC_BLOCK_STEPS === 0;
  const wholeFirst = plan.fromStep % METRIC_BLOCK_STEPS === 0 ? first : first + 1;
  const wholeLast = (plan.toStep + 1) % METRIC_BLOCK_STEPS === 0 ? last : last - 1;
  return isAligned
    ? { first, last, wholeFirst, wholeLast }
    : { first, last, wholeFirst: 1, wholeLast: 0 };
}

/**
 * The curves of one metric for several runs, downsampled in the database to per-bucket min, max
 * and last over [fromStep, toStep] (the same buckets as planBuckets/downsampleSeries in the
 * domain), so 100,000-step curves never travel to JavaScript. Buckets at least a block wide are
 * aligned to blocks, so every chunk inside the range counts through its stored summary; only the
 * chunks cut by the range's ends, or all of them when buckets are narrower than a block, are
 * opened. NaN and ±Infinity are left out (a chart cannot draw them).
 */
export async function loadMetricSeries(
  db: Database,
  input: MetricSeriesInput,
): Promise<MetricSeries> {
  const runIds = [...new Set(input.runIds)];
  if (runIds.length === 0 || runIds.length > MAX_SERIES_RUNS) {
    throw new AppError("INVALID_INPUT", `runIds must name between 1 and ${MAX_SERIES_RUNS} runs`);
  }
  if (input.key.length === 0) throw new AppError("INVALID_INPUT", "key is required");
  const buckets = input.buckets ?? MAX_BUCKETS;
  if (!Number.isSafeInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS) {
    throw new AppError("INVALID_INPUT", `buckets must be between 1 and ${MAX_BUCKETS}`);
  }
  const range =
    input.fromStep === undefined || input.toStep === undefined
      ? await findStepRange(db, runIds, input.key)
      : { lo: input.fromStep, hi: input.toStep };
  const fromStep = input.fromStep ?? range.lo;
  const toStep = input.toStep ?? range.hi;
  if (!Number.isSafeInteger(fromStep) || !Number.isSafeInteger(toStep) || toStep < fromStep) {
    throw new AppError(
      "INVALID_INPUT",
      "fromStep and toStep must be integers with fromStep <= toStep",
    );
  }
  const plan = planBuckets(fromStep, toStep, buckets, METRIC_BLOCK_STEPS);
  const blocks = planChunkReads(plan);
  // Plain SQL, not Prisma: converting thousands of bucket rows through Prisma's raw query
  // result cost more than the query. Numbers come back as float8 or int: both drivers give them
  // as JavaScript numbers.
  const rows = await db.sql.query<BucketRow>(
    `WITH parts AS (
      SELECT c."runId", (c."block" * ${METRIC_BLOCK_STEPS} - $3) / $4 AS bucket,
        c."min", c."max", c."finiteCount" AS count, c."lastStep", c."lastTimestamp", c."last",
        c."id", 0::bigint AS n
      FROM "MetricChunk" c
      WHERE c."runId" = ANY($1::text[]) AND c."key" = $2 AND c."finiteCount" > 0
        AND c."block" BETWEEN $5 AND $6
      UNION ALL
      SELECT c."runId", (u."step" - $3) / $4, u."value", u."value", 1, u."step",
        u."timestamp", u."value", c."id", u.n
      FROM "MetricChunk" c
      CROSS JOIN LATERAL unnest(c."steps", c."timestamps", c."values")
        WITH ORDINALITY AS u("step", "timestamp", "value", n)
      WHERE c."runId" = ANY($1::text[]) AND c."key" = $2
        AND c."block" BETWEEN $7 AND $8
        AND c."block" NOT BETWEEN $5 AND $6
        AND u."step" BETWEEN $9 AND $10
        AND u."value" NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
    )
    -- The last value is that of the highest (step, timestamp, chunk, position): max() over arrays
    -- compares them in order and, unlike an ordered array_agg, lets the groups be hashed.
    SELECT "runId", bucket::float8 AS bucket, MIN("min") AS min, MAX("max") AS max,
      SUM(count)::int AS count, MAX("lastStep")::float8 AS "lastStep",
      (max(ARRAY["lastStep"::float8, "lastTimestamp"::float8, "id"::float8, n::float8, "last"]))[5] AS last
    FROM parts GROUP BY "runId", bucket ORDER BY "runId", bucket`,
    [
      runIds,
      input.key,
      plan.origin,
      plan.width,
      blocks.wholeFirst,
      blocks.wholeLast,
      blocks.first,
      blocks.last,
      fromStep,
      toStep,
    ],
  );
  const byRun = new Map<string, SeriesBucket[]>(runIds.map((id) => [id, []]));
  for (const row of rows) {
    byRun.get(row.runId)?.push({
      startStep: plan.origin + row.bucket * plan.width,
      min: row.min,
      max: row.max,
      lastStep: row.lastStep,
      last: row.last,
      count: row.count,
    });
  }
  return {
    key: input.key,
    fromStep,
    toStep,
    width: plan.width,
    series: runIds.map((runId) => ({ runId, buckets: byRun.get(runId) ?? [] })),
  };
}
