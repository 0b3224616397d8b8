/** One logged value of a metric at a step. */
export interface SeriesPoint {
  step: number;
  value: number;
}

/**
 * The summary of the points in one step bucket: its extremes and its last value, so that a chart
 * drawn from buckets still shows every spike (a spike is the min or the max of its bucket).
 */
export interface SeriesBucket {
  /** The first step of the bucket's range (not necessarily a logged step). */
  startStep: number;
  min: number;
  max: number;
  /** The highest logged step in the bucket and its value. */
  lastStep: number;
  last: number;
  count: number;
}

export const MAX_BUCKETS = 1000;

/**
 * Metric points are stored in chunks that never straddle a block of this many steps (block
 * = floor(step / 32); the SQL function pedigree_metric_block in migration 20261126090000 says the
 * same). A bucket plan aligned to blocks lets the database answer a chart from each chunk's
 * stored min, max and last without opening it.
 */
export const METRIC_BLOCK_STEPS = 32;

export interface BucketPlan {
  fromStep: number;
  toStep: number;
  /** Steps per bucket, at least 1. */
  width: number;
  /** Buckets start at origin + k * width; origin <= fromStep. */
  origin: number;
}

/**
 * Splits [fromStep, toStep] into at most `buckets` (capped at MAX_BUCKETS) buckets of equal width.
 * With `alignment` > 1, a width of at least `alignment` steps is rounded up to a multiple of it
 * and the buckets start on a multiple of it, so that no aligned block straddles two buckets; the
 * first bucket may then start before fromStep. The SQL aggregation uses the same plan, so the
 * server and this function agree on boundaries.
 */
export function planBuckets(
  fromStep: number,
  toStep: number,
  buckets: number,
  alignment = 1,
): BucketPlan {
  const count = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(buckets)));
  const last = Math.max(fromStep, toStep);
  const width = Math.max(1, Math.ceil((last - fromStep + 1) / count));
  if (alignment <= 1 || width < alignment) return { fromStep, toStep, width, origin: fromStep };
  const origin = Math.floor(fromStep / alignment) * alignment;
  const aligned = Math.ceil((last - origin + 1) / count / alignment) * alignment;
  return { fromStep, toStep, width: aligned, origin };
}

export function findBucketStart(plan: BucketPlan, step: number): number {
  return plan.origin + Math.floor((step - plan.origin) / plan.width) * plan.width;
}

/**
 * Downsamples a series to per-bucket min, max and last over the plan's step range. Points outside
 * the range and non-finite values (NaN, ±Infinity cannot be drawn) are left out. Points must be in
 * logging order (step, then time); for a repeated step the later point is the last.
 */
export function downsampleSeries(points: readonly SeriesPoint[], plan: BucketPlan): SeriesBucket[] {
  const byStart = new Map<number, SeriesBucket>();
  for (const { step, value } of points) {
    if (step < plan.fromStep || step > plan.toStep || !Number.isFinite(value)) continue;
    const startStep = findBucketStart(plan, step);
    const bucket = byStart.get(startStep);
    if (!bucket) {
      byStart.set(startStep, {
        startStep,
        min: value,
        max: value,
        lastStep: step,
        last: value,
        count: 1,
      });
      continue;
    }
    bucket.min = Math.min(bucket.min, value);
    bucket.max = Math.max(bucket.max, value);
    bucket.count += 1;
    if (step >= bucket.lastStep) {
      bucket.lastStep = step;
      bucket.last = value;
    }
  }
  return [...byStart.values()].sort((a, b) => a.startStep - b.startStep);
}

/**
 * The polyline a chart draws for buckets: per bucket the min and the max at its start (a vertical
 * stroke, narrower than a pixel at ~1,000 buckets) then the last value at its last step.
 */
export function traceBuckets(buckets: readonly SeriesBucket[]): SeriesPoint[] {
  const trace: SeriesPoint[] = [];
  for (const bucket of buckets) {
    if (bucket.count === 1) {
      trace.push({ step: bucket.lastStep, value: bucket.last });
      continue;
    }
    const firstStep = Math.min(bucket.startStep, bucket.lastStep);
    trace.push({ step: firstStep, value: bucket.min }, { step: firstStep, value: bucket.max });
    trace.push({ step: bucket.lastStep, value: bucket.last });
  }
  return trace;
}
