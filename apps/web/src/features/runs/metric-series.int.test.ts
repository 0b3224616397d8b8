import {
  downsampleSeries,
  METRIC_BLOCK_STEPS,
  planBuckets,
  type SeriesPoint,
} from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { logMetrics } from "../mlflow/metrics.ts";
import { loadMetricSeries } from "./metric-series.ts";
import { createExperimentWithRuns } from "./test-fixtures.ts";

const getDb = setUpTestDatabase();

/**
 * A 2,000-step curve with one spike per run. Run a is logged in batches of 100 points, run b's
 * first 400 steps one point per write (so its blocks are compacted as it goes), each with a NaN at
 * step 5. Seeded once for the file: the tests only read.
 */
let seeded: ReturnType<typeof writeCurves> | undefined;
const seedCurves = () => {
  seeded ??= writeCurves();
  return seeded;
};

async function writeCurves() {
  const { ids } = await createExperimentWithRuns(getDb(), [
    { name: "a", startTime: 1 },
    { name: "b", startTime: 2 },
  ]);
  const curves = new Map<string, SeriesPoint[]>();
  for (const [name, runId] of ids) {
    const spikeStep = name === "a" ? 777 : 1234;
    const points = Array.from({ length: 2000 }, (_, step) => ({
      step,
      // Multiples of 1/1024, which survive the text round trip of float8 exactly.
      value:
        step === spikeStep
          ? 1000
          : Math.round(1024 * Math.cos(step / 30)) / 1024 + (name === "a" ? 0 : 1),
    }));
    curves.set(runId, points);
    const metrics = points.map((p) => ({ key: "loss", timestamp: p.step, ...p }));
    for (let i = 0; i < metrics.length; ) {
      const size = name === "b" && i < 400 ? 1 : 100;
      await logMetrics(getDb().sql, runId, metrics.slice(i, i + size));
      i += size;
    }
    await logMetrics(getDb().sql, runId, [
      { key: "loss", step: 5, timestamp: 99_999, value: Number.NaN },
    ]);
  }
  return { ids, curves };
}

describe("loadMetricSeries", () => {
  it("matches the domain's downsampling bucket for bucket, at several zoom levels", async () => {
    const { curves } = await seedCurves();
    const runIds = [...curves.keys()];
    for (const [fromStep, toStep, buckets] of [
      [0, 1999, 100],
      [700, 800, 1000],
      [777, 777, 10],
      [0, 1999, 7],
      [13, 1990, 20],
      [40, 1055, 3],
    ] as const) {
      const result = await loadMetricSeries(getDb(), {
        runIds,
        key: "loss",
        fromStep,
        toStep,
        buckets,
      });
      const plan = planBuckets(fromStep, toStep, buckets, METRIC_BLOCK_STEPS);
      expect(result.width).toBe(plan.width);
      for (const { runId, buckets: actual } of result.series) {
        expect(actual).toEqual(downsampleSeries(curves.get(runId) ?? [], plan));
      }
      const a = result.series[0]?.buckets ?? [];
      if (fromStep <= 777 && toStep >= 777)
        expect(a.some((bucket) => bucket.max === 1000)).toBe(true);
    }
  });

  it("compacts one-point writes: at most a few chunks per block, every point kept", async () => {
    const { ids, curves } = await seedCurves();
    const runId = ids.get("b") ?? "";
    const [chunks] = await getDb().sql.query<{ blocks: number; most: number; points: number }>(
      `SELECT count(DISTINCT "block")::int AS blocks, max(n)::int AS most, sum(points)::int AS points
       FROM (SELECT "block", count(*) AS n, sum("count") AS points FROM "MetricChunk"
             WHERE "runId" = $1 GROUP BY "block") b`,
      [runId],
    );
    expect(chunks).toMatchObject({ blocks: Math.ceil(2000 / METRIC_BLOCK_STEPS), points: 2001 });
    expect(chunks?.most).toBeLessThan(4);
    const points = await getDb().sql.query<{ step: string }>(
      `SELECT "step"::text AS step FROM "MetricPoint" WHERE "runId" = $1 AND "value" <> 'NaN'
       ORDER BY "MetricPoint"."step"`,
      [runId],
    );
    expect(points.map((p) => Number(p.step))).toEqual(curves.get(runId)?.map((p) => p.step));
  });

  it("defaults to the whole logged range and at most 1,000 buckets", async () => {
    const { curves } = await seedCurves();
    const result = await loadMetricSeries(getDb(), { runIds: [...curves.keys()], key: "loss" });
    expect(result).toMatchObject({ fromStep: 0, toStep: 1999, width: 2 });
    expect(result.series[0]?.buckets).toHaveLength(1000);
  });

  it("refuses bad ranges and bucket counts", async () => {
    await expect(
      loadMetricSeries(getDb(), { runIds: ["x"], key: "loss", fromStep: 5, toStep: 1 }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      loadMetricSeries(getDb(), { runIds: ["x"], key: "loss", buckets: 5000 }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(loadMetricSeries(getDb(), { runIds: [], key: "loss" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});
