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

export interface BucketPlan {
  fromStep: number;
  toStep: number;
  /** Steps per bucket, at least 1. */
  width: number;
}

/**
 * Splits [fromStep, toStep] into at most `buckets` (capped at MAX_BUCKETS) buckets of equal width.
 * The SQL aggregation uses the same plan, so the server and this function agree on boundaries.
 */
export function planBuckets(fromStep: number, toStep: number, buckets: number): BucketPlan {
  const count = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(buckets)));
  const span = Math.max(0, toStep - fromStep) + 1;
  return { fromStep, toStep, width: Math.max(1, Math.ceil(span / count)) };
}

export function findBucketStart(plan: BucketPlan, step: number): number {
  return plan.fromStep + Math.floor((step - plan.fromStep) / plan.width) * plan.width;
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
