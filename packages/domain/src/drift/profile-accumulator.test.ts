import { describe, expect, it } from "vitest";
import { buildCategoricalProfile, buildCategoricalProfileOn } from "./categorical-profile.ts";
import { ExactQuantiles } from "./exact-quantiles.ts";
import { matchWindow, type NamedProfile } from "./match-window.ts";
import { buildNumericProfile, computeDecileEdges } from "./numeric-profile.ts";
import {
  CategoricalAccumulator,
  NumericAccumulator,
  PROFILE_PROBABILITIES,
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
) {
  const selection = new ExactQuantiles(probabilities, cap === undefined ? {} : { cap });
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
    const { quantiles, passes } = selectQuantiles(values, probabilities, 4);
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
