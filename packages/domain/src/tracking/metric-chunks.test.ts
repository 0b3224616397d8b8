import { describe, expect, it } from "vitest";
import {
  buildMetricChunks,
  compareDoubles,
  findLatestPoints,
  type LoggedPoint,
  metricBlock,
} from "./metric-chunks.ts";

const point = (key: string, step: number, value: number, timestamp = 1000): LoggedPoint => ({
  key,
  step,
  timestamp,
  value,
});

describe("buildMetricChunks", () => {
  it("makes one chunk per key and block of 32 steps, sorted by step, time and logging order", () => {
    const chunks = buildMetricChunks([
      point("loss", 33, 0.5),
      point("loss", 1, 0.9, 2000),
      point("loss", 1, 0.8, 1000),
      point("acc", 1, 0.1),
      point("loss", 1, 0.7, 1000),
      point("loss", 31, 0.6),
    ]);
    expect(chunks.map(({ key, block, steps, values }) => ({ key, block, steps, values }))).toEqual([
      { key: "loss", block: 1, steps: [33], values: [0.5] },
      { key: "loss", block: 0, steps: [1, 1, 1, 31], values: [0.8, 0.7, 0.9, 0.6] },
      { key: "acc", block: 0, steps: [1], values: [0.1] },
    ]);
  });

  it("keeps the extremes and the last value over finite values only", () => {
    const [chunk] = buildMetricChunks([
      point("loss", 0, 0.4),
      point("loss", 1, 9, 5),
      point("loss", 2, Number.NaN),
      point("loss", 3, Number.NEGATIVE_INFINITY),
      point("loss", 1, -2, 6),
    ]);
    expect(chunk).toMatchObject({
      count: 5,
      finiteCount: 3,
      min: -2,
      max: 9,
      lastStep: 1,
      lastTimestamp: 6,
      last: -2,
    });
  });

  it("leaves the summary empty when no value is finite", () => {
    const [chunk] = buildMetricChunks([point("loss", 0, Number.NaN)]);
    expect(chunk).toMatchObject({ count: 1, finiteCount: 0, min: null, max: null, last: null });
  });

  it("puts negative steps in the block below zero, as floor division does", () => {
    expect([-33, -32, -1, 0, 31, 32].map(metricBlock)).toEqual([-2, -1, -1, 0, 0, 1]);
  });
});

describe("findLatestPoints", () => {
  it("takes each key's highest step, then timestamp, then value (NaN highest)", () => {
    const latest = findLatestPoints([
      point("loss", 5, 0.1, 10),
      point("loss", 5, 0.3, 20),
      point("loss", 5, Number.NaN, 20),
      point("loss", 5, 0.2, 20),
      point("loss", 4, 9, 99),
      point("acc", 1, 0.5),
    ]);
    expect(latest).toEqual([point("loss", 5, Number.NaN, 20), point("acc", 1, 0.5)]);
  });

  it("orders doubles as PostgreSQL does", () => {
    const values = [Number.NaN, 1, Number.POSITIVE_INFINITY, -1, Number.NEGATIVE_INFINITY];
    expect(values.sort(compareDoubles)).toEqual([
      Number.NEGATIVE_INFINITY,
      -1,
      1,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
  });
});
