import { describe, expect, it } from "vitest";
import { binSample } from "./bin-sample.ts";
import { buildCategoricalProfile, buildCategoricalProfileOn } from "./categorical-profile.ts";
import { buildNumericProfile, findNumericBin } from "./numeric-profile.ts";
import { computeQuantile } from "./quantile.ts";

const closeTo = (actual: readonly number[], expected: readonly number[]) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i] as number, 9);
};

describe("computeQuantile (type 7)", () => {
  it("interpolates between order statistics like numpy.quantile", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // h = 9p: q(0.1) = x[0] + 0.9 (x[1] - x[0]) = 1.9; q(0.5) = 5.5; q(0.9) = 9 + 0.1 = 9.1.
    expect(computeQuantile(sorted, 0.1)).toBeCloseTo(1.9, 9);
    expect(computeQuantile(sorted, 0.5)).toBeCloseTo(5.5, 9);
    expect(computeQuantile(sorted, 0.9)).toBeCloseTo(9.1, 9);
    expect(computeQuantile(sorted, 0)).toBe(1);
    expect(computeQuantile(sorted, 1)).toBe(10);
    expect(computeQuantile([7], 0.3)).toBe(7);
  });

  it("refuses an empty sample and p outside [0, 1]", () => {
    expect(() => computeQuantile([], 0.5)).toThrow(/empty/);
    expect(() => computeQuantile([1], 1.5)).toThrow(/p must be/);
  });
});

describe("numeric profiles", () => {
  it("bins a reference on its deciles, left-closed, with open outer bins", () => {
    const profile = buildNumericProfile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    closeTo(profile.edges, [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]);
    expect(profile.counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(profile).toMatchObject({ type: "NUMERIC", categories: [], missingCount: 0 });
    expect(profile.totalCount).toBe(10);
    // A value on an edge belongs to the bin that starts there; beyond the range, the outer bins.
    expect(findNumericBin(profile.edges, 5.5)).toBe(5);
    expect(findNumericBin(profile.edges, -1e9)).toBe(0);
    expect(findNumericBin(profile.edges, 1e9)).toBe(9);
  });

  it("keeps the empty bins that tied edges make", () => {
    // Sorted 0,0,0,0,0,0,1,2,3,4: q(0.1)..q(0.5) = 0; q(0.6): h = 5.4, 0 + 0.4 (1 - 0) = 0.4;
    // q(0.7) = 1.3, q(0.8) = 2.2, q(0.9) = 3.1. Every 0 counts 5 edges <= 0, so bin 5.
    const profile = buildNumericProfile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    closeTo(profile.edges, [0, 0, 0, 0, 0, 0.4, 1.3, 2.2, 3.1]);
    expect(profile.counts).toEqual([0, 0, 0, 0, 0, 6, 1, 1, 1, 1]);
  });

  it("counts null, NaN and ±Infinity apart and keeps summary statistics", () => {
    const profile = buildNumericProfile([
      4,
      null,
      2,
      Number.NaN,
      undefined,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
    ]);
    expect(profile.missingCount).toBe(5);
    expect(profile.totalCount).toBe(8);
    expect(profile.counts.reduce((a, b) => a + b)).toBe(3);
    // Values 0, 2, 4: mean 2, population std sqrt(8/3); p25: h = 0.5, 0 + 0.5 * 2 = 1.
    expect(profile.stats).toMatchObject({ min: 0, max: 4, mean: 2 });
    expect(profile.stats.std).toBeCloseTo(Math.sqrt(8 / 3), 9);
    expect(profile.stats.quantiles?.p25).toBeCloseTo(1, 9);
    expect(profile.stats.quantiles?.p50).toBe(2);
  });

  it("profiles an all-missing sample as one empty bin and no edges", () => {
    const profile = buildNumericProfile([null, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(profile).toMatchObject({ edges: [], counts: [0], missingCount: 3, totalCount: 3 });
    expect(profile.stats).toEqual({});
  });

  it("bins a current sample on the reference's edges", () => {
    const reference = buildNumericProfile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const current = binSample(reference, [0, 0, 0, 0, 0, 1, 1, 2, 3, -1, "x", null]);
    expect(current.edges).toEqual(reference.edges);
    expect(current.counts).toEqual([1, 0, 0, 0, 0, 5, 2, 1, 1, 0]);
    expect(current).toMatchObject({ missingCount: 2, totalCount: 12 });
  });
});

describe("categorical profiles", () => {
  it("orders categories by frequency, then label, and counts missing values apart", () => {
    const profile = buildCategoricalProfile(["b", "a", null, "c", "a", "b", undefined]);
    expect(profile.categories).toEqual(["a", "b", "c"]);
    expect(profile.counts).toEqual([2, 2, 1]);
    expect(profile).toMatchObject({ type: "CATEGORICAL", edges: [], missingCount: 2 });
    expect(profile.stats).toEqual({ distinctCount: 3 });
  });

  it("adds a category seen only in the current sample after the reference's", () => {
    const reference = buildCategoricalProfile(["a", "a", "b", null]);
    const current = binSample(reference, ["a", "c", "c", null, null, 7, Number.NaN]);
    expect(current.categories).toEqual(["a", "b", "c", "7"]);
    expect(current.counts).toEqual([1, 0, 2, 1]);
    expect(current).toMatchObject({ missingCount: 3, totalCount: 7 });
  });

  it("folds the least frequent categories into __other__ past the cap", () => {
    const values = ["a", "a", "a", "a", "b", "b", "b", "c", "c", "d", "e"];
    const reference = buildCategoricalProfile(values, { maxCategories: 3 });
    expect(reference.categories).toEqual(["a", "b", "__other__"]);
    expect(reference.counts).toEqual([4, 3, 4]);
    expect(reference.stats.distinctCount).toBe(5);
    // A value unknown to a folded reference may be one of the folded ones: __other__.
    const current = buildCategoricalProfileOn(reference, ["a", "z", "d"], { maxCategories: 3 });
    expect(current.categories).toEqual(reference.categories);
    expect(current.counts).toEqual([1, 0, 2]);
  });

  it("folds new categories of a current sample that overflow the cap", () => {
    const reference = buildCategoricalProfile(["a", "b"], { maxCategories: 3 });
    const current = buildCategoricalProfileOn(reference, ["c", "d", "d", "a"], {
      maxCategories: 3,
    });
    expect(current.categories).toEqual(["a", "b", "__other__"]);
    expect(current.counts).toEqual([1, 0, 3]);
  });

  it("keeps the default cap at 1,000 bins", () => {
    const values = Array.from({ length: 1500 }, (_, i) => `c${i % 1200}`);
    const profile = buildCategoricalProfile(values);
    expect(profile.categories).toHaveLength(1000);
    expect(profile.categories.at(-1)).toBe("__other__");
    expect(profile.counts.reduce((a, b) => a + b)).toBe(1500);
  });
});
