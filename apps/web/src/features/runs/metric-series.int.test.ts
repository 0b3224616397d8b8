import { downsampleSeries, planBuckets, type SeriesPoint } from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { loadMetricSeries } from "./metric-series.ts";
import { createExperimentWithRuns } from "./test-fixtures.ts";

const getDb = setUpTestDatabase();

/** A 2,000-step curve with one spike, written with one multi-row insert per run. */
async function seedCurves() {
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
    await getDb().prisma.metricPoint.createMany({
      data: points.map((p) => ({
        runId,
        key: "loss",
        step: BigInt(p.step),
        timestamp: BigInt(p.step),
        value: p.value,
      })),
    });
    await getDb().prisma
      .$executeRaw`INSERT INTO "MetricPoint" ("runId", "key", "step", "timestamp", "value")
      VALUES (${runId}, 'loss', 5, 99999, 'NaN'::float8)`;
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
    ] as const) {
      const result = await loadMetricSeries(getDb(), {
        runIds,
        key: "loss",
        fromStep,
        toStep,
        buckets,
      });
      const plan = planBuckets(fromStep, toStep, buckets);
      expect(result.width).toBe(plan.width);
      for (const { runId, buckets: actual } of result.series) {
        expect(actual).toEqual(downsampleSeries(curves.get(runId) ?? [], plan));
      }
      const a = result.series[0]?.buckets ?? [];
      if (fromStep <= 777 && toStep >= 777)
        expect(a.some((bucket) => bucket.max === 1000)).toBe(true);
    }
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
