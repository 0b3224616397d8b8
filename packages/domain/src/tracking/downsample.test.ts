import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  downsampleSeries,
  MAX_BUCKETS,
  METRIC_BLOCK_STEPS,
  planBuckets,
  type SeriesPoint,
  traceBuckets,
} from "./downsample.ts";

function ramp(length: number): SeriesPoint[] {
  return Array.from({ length }, (_, step) => ({ step, value: Math.sin(step / 50) }));
}

describe("planBuckets", () => {
  it("never makes more than the requested buckets nor more than MAX_BUCKETS", () => {
    expect(planBuckets(0, 9999, 1000).width).toBe(10);
    expect(planBuckets(0, 9999, 5000).width).toBe(10);
    expect(planBuckets(0, 10, 1000).width).toBe(1);
    expect(planBuckets(5, 5, 0).width).toBe(1);
  });

  it("aligns wide buckets to blocks and stays within the bucket count", () => {
    expect(planBuckets(0, 99_999, 1000, 32)).toEqual({
      fromStep: 0,
      toStep: 99_999,
      width: 128,
      origin: 0,
    });
    expect(planBuckets(70, 10_069, 100, 32)).toMatchObject({ width: 128, origin: 64 });
    // Narrower than a block: not aligned.
    expect(planBuckets(70, 1_069, 100, 32)).toMatchObject({ width: 10, origin: 70 });
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 1, max: 2_000 }),
        (fromStep, span, buckets) => {
          const plan = planBuckets(fromStep, fromStep + span, buckets, METRIC_BLOCK_STEPS);
          const count = Math.floor((plan.toStep - plan.origin) / plan.width) + 1;
          expect(count).toBeLessThanOrEqual(Math.min(buckets, MAX_BUCKETS));
          expect(plan.origin).toBeLessThanOrEqual(fromStep);
          if (plan.width >= METRIC_BLOCK_STEPS) {
            expect(plan.width % METRIC_BLOCK_STEPS).toBe(0);
            expect(Math.abs(plan.origin % METRIC_BLOCK_STEPS)).toBe(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("downsampleSeries", () => {
  it("keeps min, max and the last value of each bucket", () => {
    const points = [
      { step: 0, value: 3 },
      { step: 1, value: -1 },
      { step: 2, value: 7 },
      { step: 3, value: 2 },
      { step: 4, value: 5 },
    ];
    expect(downsampleSeries(points, planBuckets(0, 4, 2))).toEqual([
      { startStep: 0, min: -1, max: 7, lastStep: 2, last: 7, count: 3 },
      { startStep: 3, min: 2, max: 5, lastStep: 4, last: 5, count: 2 },
    ]);
  });

  it("leaves out points outside the range and values that cannot be drawn", () => {
    const points = [
      { step: 0, value: 1 },
      { step: 1, value: Number.NaN },
      { step: 2, value: Number.POSITIVE_INFINITY },
      { step: 3, value: 4 },
      { step: 9, value: 100 },
    ];
    expect(downsampleSeries(points, planBuckets(0, 5, 1))).toEqual([
      { startStep: 0, min: 1, max: 4, lastStep: 3, last: 4, count: 2 },
    ]);
  });

  it("takes the later point of a repeated step as the last", () => {
    const points = [
      { step: 1, value: 1 },
      { step: 1, value: 2 },
    ];
    expect(downsampleSeries(points, planBuckets(0, 1, 1))[0]?.last).toBe(2);
  });

  it("returns at most MAX_BUCKETS buckets for 100,000 steps", () => {
    expect(downsampleSeries(ramp(100_000), planBuckets(0, 99_999, 5000)).length).toBe(MAX_BUCKETS);
  });

  it("keeps a single-step spike, up or down, at every zoom level (property)", () => {
    const series = ramp(10_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.boolean(),
        (spikeStep, a, b, buckets, isUp) => {
          const fromStep = Math.min(a, b, spikeStep);
          const toStep = Math.max(a, b, spikeStep);
          const spike = isUp ? 1e6 : -1e6;
          const points = series.map((p) =>
            p.step === spikeStep ? { step: p.step, value: spike } : p,
          );
          const result = downsampleSeries(
            points,
            planBuckets(fromStep, toStep, buckets, isUp ? METRIC_BLOCK_STEPS : 1),
          );
          expect(result.length).toBeLessThanOrEqual(Math.min(buckets, MAX_BUCKETS));
          expect(result.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(toStep - fromStep + 1);
          const drawn = traceBuckets(result).map((p) => p.value);
          expect(drawn).toContain(spike);
        },
      ),
      { numRuns: 300 },
    );
  });
});
