import "server-only";
import { type Database, Prisma } from "@pedigree/db";
import { MAX_BUCKETS, planBuckets, type SeriesBucket } from "@pedigree/domain";
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
  bucket: bigint;
  min: number;
  max: number;
  lastStep: bigint;
  last: number;
  count: number;
}

/** The lowest and highest logged step of the key over the runs: two index probes per run. */
async function findStepRange(db: Database, runIds: readonly string[], key: string) {
  const [row] = await db.prisma.$queryRaw<{ lo: bigint | null; hi: bigint | null }[]>`
    SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
      SELECT
        (SELECT p."step" FROM "MetricPoint" p WHERE p."runId" = ids.id AND p."key" = ${key} ORDER BY p."step" ASC LIMIT 1) AS lo,
        (SELECT p."step" FROM "MetricPoint" p WHERE p."runId" = ids.id AND p."key" = ${key} ORDER BY p."step" DESC LIMIT 1) AS hi
      FROM (SELECT unnest(${[...runIds]}::text[]) AS id) ids
    ) bounds`;
  return { lo: row?.lo == null ? 0 : Number(row.lo), hi: row?.hi == null ? 0 : Number(row.hi) };
}

/**
 * The curves of one metric for several runs, downsampled in the database to per-bucket min, max
 * and last over [fromStep, toStep] (the same buckets as planBuckets/downsampleSeries in the
 * domain): one aggregation for all runs, so 100,000-step curves never travel to JavaScript.
 * NaN and ±Infinity are left out (a chart cannot draw them).
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
  const plan = planBuckets(fromStep, toStep, buckets);
  const from = BigInt(fromStep);
  const width = BigInt(plan.width);
  const finite = Prisma.sql`NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`;
  // Per run (a lateral join), min, max and count come from an index-only scan of (runId, key,
  // step, value) into a small hash of at most 1,000 buckets, with no sort; the last value of each
  // bucket is one index probe at its highest step rather than a sort inside every bucket.
  const rows = await db.prisma.$queryRaw<BucketRow[]>`
    SELECT ids.id AS "runId", b.bucket, b.min, b.max, b."lastStep", b.count, l."value" AS last
    FROM unnest(${runIds}::text[]) AS ids(id)
    CROSS JOIN LATERAL (
      SELECT (p."step" - ${from}) / ${width} AS bucket,
        MIN(p."value") AS min, MAX(p."value") AS max, MAX(p."step") AS "lastStep", COUNT(*)::int AS count
      FROM "MetricPoint" p
      WHERE p."runId" = ids.id AND p."key" = ${input.key}
        AND p."step" BETWEEN ${from} AND ${BigInt(toStep)} AND p."value" ${finite}
      GROUP BY 1
    ) b
    CROSS JOIN LATERAL (
      SELECT p."value" FROM "MetricPoint" p
      WHERE p."runId" = ids.id AND p."key" = ${input.key} AND p."step" = b."lastStep" AND p."value" ${finite}
      ORDER BY p."timestamp" DESC, p."id" DESC LIMIT 1
    ) l
    ORDER BY ids.id, b.bucket`;
  const byRun = new Map<string, SeriesBucket[]>(runIds.map((id) => [id, []]));
  for (const row of rows) {
    byRun.get(row.runId)?.push({
      startStep: fromStep + Number(row.bucket) * plan.width,
      min: row.min,
      max: row.max,
      lastStep: Number(row.lastStep),
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
