import { describe, expect, it } from "vitest";
import { buildCategoricalProfile, buildCategoricalProfileOn } from "./categorical-profile.ts";
import { ExactQuantiles } from "./exact-quantiles.ts";
import { matchWindow, type NamedProfile } from "./match-window.ts";
import { buildNumericProfile, computeDecileEdges } from "./numeric-profile.ts";
import {
  CategoricalAccumulator,
  NumericAccumulator,
  PROFILE_PROBABILITIES,
  ReferenceAccumulator,
  splitProfileQuantiles,
} from "./profile-accumulator.ts";
import { computeQuantile } from "./quantile.ts";

/** A seeded generator (mulberry32), so failures reproduce. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function selectQuantiles(
  values: readonly number[],
  probabilities: readonly number[],
  cap?: number,
  maxSubHistograms?: number,
) {
  const selection = new ExactQuantiles(probabilities, {
    ...(cap === undefined ? {} : { cap }),
    ...(maxSubHistograms === undefined ? {} : { maxSubHistograms }),
  });
  while (!selection.isDone) {
    for (const value of values) selection.add(value);
    selection.endPass();
  }
  return { quantiles: selection.results(), passes: selection.passes };
}

const sortedOf = (values: readonly number[]) => Float64Array.from(values).sort();

describe("ExactQuantiles", () => {
  const probabilities = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1];

  it("answers in one pass what computeQuantile answers on the sorted sample", () => {
    const values = [5, -3.5, 10, 0, 2, 2, 7.25, -0, 1e9, -1e-300];
    const { quantiles, passes } = selectQuantiles(values, probabilities);
    const sorted = sortedOf(values);
    expect(passes).toBe(1);
    // -0 and +0 are one value here (the selection answers +0); `+ 0` turns -0 into +0.
    expect(quantiles).toEqual(probabilities.map((p) => computeQuantile(sorted, p) + 0));
  });

  it("stays exact when a tiny cap forces every refinement, on continuous data with both signs", () => {
    const random = createRandom(7);
    const values = Array.from({ length: 5000 }, () => (random() - 0.3) * 1000);
    // No pass-1 sub-histograms: regions of 16 bits, refined 16 bits a pass.
    const { quantiles, passes } = selectQuantiles(values, probabilities, 4, 0);
    const sorted = sortedOf(values);
    expect(passes).toBeGreaterThan(2);
    expect(quantiles).toEqual(probabilities.map((p) => computeQuantile(sorted, p)));
  });

  it("settles heavy ties in the second pass, exactly", () => {
    const random = createRandom(3);
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 5 < 3 ? 7 : random()));
    const { quantiles, passes } = selectQuantiles(values, [0.5, 0.75], 8);
    const sorted = sortedOf(values);
    expect(passes).toBe(2);
    expect(quantiles).toEqual([7, 7]);
    expect(quantiles).toEqual([0.5, 0.75].map((p) => computeQuantile(sorted, p)));
  });

  it("matches numpy's deciles on a narrow band of many distinct values (refined to the last bits)", () => {
    const values = Array.from({ length: 3000 }, (_, i) => 1000 + i * 1e-12);
    const { quantiles } = selectQuantiles(values, [0.1, 0.5, 0.9], 16);
    const sorted = sortedOf(values);
    expect(quantiles).toEqual([0.1, 0.5, 0.9].map((p) => computeQuantile(sorted, p)));
  });

  it("answers null for an empty sample and refuses p outside [0, 1]", () => {
    expect(selectQuantiles([], [0.5]).quantiles).toBeNull();
    expect(() => new ExactQuantiles([1.5])).toThrow(/p must be/);
  });
});

describe("ExactQuantiles in two passes, and countBelow", () => {
  /** Values < edge, counted on the whole sample. */
  const countBelow = (values: readonly number[], edge: number) =>
    values.filter((value) => value < edge).length;

  it("settles continuous data in two passes: pass 1 locates 24-bit regions, pass 2 collects them", () => {
    const random = createRandom(21);
    const values = Array.from({ length: 60_000 }, () => (random() + random() - 1) * 300 + 50);
    const probabilities = [0.05, 0.1, 0.5, 0.9, 0.95];
    const selection = new ExactQuantiles(probabilities, { cap: 2048 });
    while (!selection.isDone) {
      // Half the values through addAll, half one by one: both paths count the same.
      selection.addAll(Float64Array.from(values.slice(0, 30_000)));
      for (const value of values.slice(30_000)) selection.add(value);
      selection.endPass();
    }
    const sorted = sortedOf(values);
    expect(selection.passes).toBe(2);
    const quantiles = selection.results() as number[];
    expect(quantiles).toEqual(probabilities.map((p) => computeQuantile(sorted, p)));
    for (const edge of quantiles) expect(selection.countBelow(edge)).toBe(countBelow(values, edge));
  });

  it("counts values below each quantile exactly with ties, both signs, -0 and refinement to 64 bits", () => {
    const random = createRandom(5);
    const values = Array.from({ length: 8000 }, (_, i) =>
      i % 4 === 0 ? 3 : i % 9 === 0 ? -0 : i % 7 === 0 ? 0 : (random() - 0.5) * 1e-3,
    );
    for (const [cap, maxSubHistograms] of [
      [4, 0],
      [4, 1],
      [64, 4096],
    ] as const) {
      const selection = new ExactQuantiles(PROFILE_PROBABILITIES, { cap, maxSubHistograms });
      while (!selection.isDone) {
        for (const value of values) selection.add(value);
        selection.endPass();
      }
      const sorted = sortedOf(values);
      const quantiles = selection.results() as number[];
      expect(quantiles).toEqual(PROFILE_PROBABILITIES.map((p) => computeQuantile(sorted, p) + 0));
      for (const edge of quantiles) {
        expect(selection.countBelow(edge)).toBe(countBelow(values, edge));
      }
    }
  });

  it("keeps at most maxSubHistograms sub-histograms and stays exact past the bound", () => {
    // 2,000 magnitudes across many binades: more top buckets than the bound of 8.
    const values = Array.from({ length: 2000 }, (_, i) => 1.37 ** (i % 400) * (i % 2 ? 1 : -1));
    const { quantiles } = selectQuantiles(values, [0.1, 0.5, 0.9], 16, 8);
    const sorted = sortedOf(values);
    expect(quantiles).toEqual([0.1, 0.5, 0.9].map((p) => computeQuantile(sorted, p)));
  });
});

describe("ReferenceAccumulator", () => {
  function buildReference(values: readonly (number | null)[], options = {}) {
    const accumulator = new ReferenceAccumulator(options);
    let passes = 0;
    while (passes === 0 || !accumulator.isDone) {
      accumulator.addAll(values);
      accumulator.endPass();
      passes++;
    }
    return { profile: accumulator.toProfile(), passes };
  }

  function expectSameProfile(values: readonly (number | null)[], options = {}): number {
    const expected = buildNumericProfile(values);
    const { profile, passes } = buildReference(values, options);
    expect(profile).not.toBeNull();
    const { stats, ...rest } = profile as NonNullable<typeof profile>;
    const { stats: expectedStats, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(stats.quantiles).toEqual(expectedStats.quantiles);
    expect(stats.min).toBe(expectedStats.min);
    expect(stats.max).toBe(expectedStats.max);
    if (expectedStats.mean !== undefined) {
      expect(stats.mean).toBeCloseTo(expectedStats.mean, 9);
      expect(stats.std).toBeCloseTo(expectedStats.std as number, 9);
    }
    return passes;
  }

  it("builds buildNumericProfile's profile with no binning pass: continuous data in two passes", () => {
    const random = createRandom(13);
    const values = Array.from({ length: 40_000 }, (_, i) =>
      i % 101 === 0 ? null : i % 103 === 0 ? Number.NaN : (random() - 0.4) * 1e4,
    );
    expect(expectSameProfile(values)).toBe(2);
  });

  it("gets tied edges and left-closed bins right (heavy ties, empty bins)", () => {
    const random = createRandom(17);
    const values = Array.from({ length: 30_000 }, (_, i) =>
      i % 3 === 0 ? 1 : i % 5 === 0 ? 2 : i % 11 === 0 ? Number.POSITIVE_INFINITY : random(),
    );
    expectSameProfile(values);
    expectSameProfile(values, { cap: 8, maxSubHistograms: 0 });
  });

  it("answers in one pass for few distinct values, and profiles an empty sample", () => {
    expect(expectSameProfile([1, 1, 2, 3, 5, 8, null, 13, 21, 34, 55, 89, 0, 0])).toBe(1);
    expect(expectSameProfile([null, Number.NaN])).toBe(1);
  });

  it("stays exact when a tiny cap forces refinement passes", () => {
    const random = createRandom(19);
    const values = Array.from({ length: 5000 }, () => Math.round((random() - 0.5) * 1e6) / 7);
    expect(expectSameProfile(values, { cap: 4, maxSubHistograms: 0 })).toBeGreaterThan(2);
  });
});

describe("NumericAccumulator", () => {
  it("builds the same profile as buildNumericProfile, value by value", () => {
    const random = createRandom(11);
    const values = Array.from({ length: 2000 }, (_, i) =>
      i % 97 === 0 ? null : i % 89 === 0 ? Number.NaN : random() * 50 - 10,
    );
    const expected = buildNumericProfile(values);
    const { quantiles } = selectQuantiles(
      values.filter((v): v is number => v !== null && Number.isFinite(v)),
      PROFILE_PROBABILITIES,
      32,
    );
    const split = splitProfileQuantiles(quantiles as number[]);
    expect(split.edges).toEqual(expected.edges);
    const accumulator = new NumericAccumulator(split.edges);
    for (const value of values) accumulator.add(value);
    const profile = accumulator.toProfile(split.quantiles);
    expect(profile.counts).toEqual(expected.counts);
    expect(profile.missingCount).toBe(expected.missingCount);
    expect(profile.totalCount).toBe(2000);
    expect(profile.stats.quantiles).toEqual(expected.stats.quantiles);
    expect(profile.stats.min).toBe(expected.stats.min);
    expect(profile.stats.max).toBe(expected.stats.max);
    expect(profile.stats.mean).toBeCloseTo(expected.stats.mean as number, 9);
    expect(profile.stats.std).toBeCloseTo(expected.stats.std as number, 9);
  });

  it("bins a window on given edges, ties left-closed, and leaves stats empty with no values", () => {
    const edges = computeDecileEdges([1, 1, 1, 1, 1, 2, 3, 4, 5, 6]);
    const accumulator = new NumericAccumulator(edges);
    for (const value of [1, 1, 2, 100, Number.POSITIVE_INFINITY]) accumulator.add(value);
    const { stats, ...expected } = buildNumericProfile(
      [1, 1, 2, 100, Number.POSITIVE_INFINITY],
      edges,
    );
    expect(accumulator.toProfile()).toMatchObject(expected);
    expect(accumulator.toProfile().stats).toEqual({ min: 1, max: 100, mean: 26, std: stats.std });
    const empty = new NumericAccumulator(edges).toProfile();
    expect(empty.stats).toEqual({});
    expect(empty.counts.every((count) => count === 0)).toBe(true);
  });
});

describe("CategoricalAccumulator", () => {
  const values = ["b", "a", null, "c", "a", "b", "a", undefined, "d"];

  it("builds a reference like buildCategoricalProfile", () => {
    const accumulator = new CategoricalAccumulator();
    for (const value of values) accumulator.add(value);
    expect(accumulator.toProfile()).toEqual(buildCategoricalProfile(values));
  });

  it("builds a window on the reference's categories like buildCategoricalProfileOn", () => {
    const reference = buildCategoricalProfile(["a", "b", "b"]);
    const accumulator = new CategoricalAccumulator(reference);
    for (const value of values) accumulator.add(value);
    expect(accumulator.toProfile()).toEqual(buildCategoricalProfileOn(reference, values));
  });

  it("keeps memory bounded: past the stream limit the rarest fold into __other__", () => {
    const accumulator = new CategoricalAccumulator();
    for (let i = 0; i < 25_000; i++) accumulator.add(`id-${i}`);
    for (let i = 0; i < 50; i++) accumulator.add("frequent");
    const profile = accumulator.toProfile();
    expect(profile.categories).toHaveLength(1000);
    expect(profile.categories[0]).toBe("frequent");
    expect(profile.categories).toContain("__other__");
    expect(profile.counts.reduce((a, b) => a + b, 0)).toBe(25_050);
  });
});

describe("matchWindow", () => {
  const baseline: NamedProfile[] = [
    { feature: "amount", ...buildNumericProfile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) },
    { feature: "country", ...buildCategoricalProfile(["fr", "de"]) },
  ];

  it("pairs every feature, allowing new categories", () => {
    const window: NamedProfile[] = [
      { feature: "country", ...buildCategoricalProfileOn(baseline[1] as NamedProfile, ["it"]) },
      { feature: "amount", ...buildNumericProfile([3, 4], (baseline[0] as NamedProfile).edges) },
    ];
    const result = matchWindow(baseline, window);
    expect(result.ok && result.value.map((pair) => pair.feature)).toEqual(["country", "amount"]);
  });

  it("names the feature whose edges, type or presence differ", () => {
    const amount = baseline[0] as NamedProfile;
    const country = baseline[1] as NamedProfile;
    const moved = { ...amount, edges: amount.edges.map((edge) => edge + 1) };
    expect(matchWindow(baseline, [moved, country])).toMatchObject({
      ok: false,
      error: {
        code: "FEATURE_MISMATCH",
        feature: "amount",
        message: expect.stringMatching(/amount/),
      },
    });
    expect(matchWindow(baseline, [amount])).toMatchObject({
      ok: false,
      error: { feature: "country", message: expect.stringMatching(/missing from the window/) },
    });
    expect(
      matchWindow(baseline, [amount, country, { ...country, feature: "extra" }]),
    ).toMatchObject({
      ok: false,
      error: { feature: "extra", message: expect.stringMatching(/not in the baseline/) },
    });
    const retyped = { ...country, feature: "amount" };
    expect(matchWindow(baseline, [retyped, country])).toMatchObject({
      ok: false,
      error: { feature: "amount" },
    });
  });

  it("refuses incoherent counts", () => {
    const amount = baseline[0] as NamedProfile;
    const broken = { ...amount, totalCount: amount.totalCount + 1 };
    expect(matchWindow(baseline, [broken, baseline[1] as NamedProfile])).toMatchObject({
      ok: false,
      error: { code: "INVALID_PROFILE", feature: "amount" },
    });
  });
});
