import { describe, expect, it } from "vitest";
import { compareSamples, type DriftComparison } from "./compare-samples.ts";

const value = (result: ReturnType<typeof compareSamples>): DriftComparison => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe("compareSamples (POST /api/v1/drift/compare)", () => {
  it("scores histograms on the caller's bins, to 1e-9", () => {
    // p = [0.5, 0.5], q = [0.25, 0.75]: PSI = -0.25 ln 0.5 + 0.25 ln 1.5 = 0.2746530721670274;
    // KL(q||p) = 0.25 ln 0.5 + 0.75 ln 1.5 = 0.130812035941137; JS distance (base 2) 0.2208957688490174.
    const result = value(
      compareSamples({
        type: "histogram",
        edges: [0],
        referenceCounts: [50, 50],
        currentCounts: [25, 75],
      }),
    );
    expect(result.psi).toBeCloseTo(0.2746530721670274, 9);
    expect(result.klCurrentReference).toBeCloseTo(0.130812035941137, 9);
    expect(result.jsDistance).toBeCloseTo(0.2208957688490174, 9);
    expect(result.severity).toBe("SIGNIFICANT");
    expect(result.bins).toEqual([
      {
        label: "[−∞, 0)",
        referenceCount: 50,
        currentCount: 25,
        referenceShare: 0.5,
        currentShare: 0.25,
      },
      {
        label: "[0, +∞)",
        referenceCount: 50,
        currentCount: 75,
        referenceShare: 0.5,
        currentShare: 0.75,
      },
    ]);
    expect(result.reference).toEqual({ n: 100, missing: 0 });
  });

  it("bins raw numeric samples on the reference's deciles and counts missing values apart", () => {
    const reference = Array.from({ length: 1000 }, (_, i) => i);
    const result = value(
      compareSamples({ type: "numeric", reference, current: [...reference, null] }),
    );
    expect(result.psi).toBe(0);
    expect(result.bins).toHaveLength(10);
    expect(result.current).toEqual({ n: 1000, missing: 1 });
    expect(result.missingShareDelta).toBeCloseTo(1 / 1001, 12);
  });

  it("unites categories, a category only in the current sample included", () => {
    const result = value(
      compareSamples({
        type: "categorical",
        reference: ["a", "a", "b", null],
        current: ["a", "c"],
      }),
    );
    expect(result.bins.map((bin) => bin.label)).toEqual(["a", "b", "c"]);
    expect(result.bins.map((bin) => bin.currentCount)).toEqual([1, 0, 1]);
    expect(result.reference).toEqual({ n: 3, missing: 1 });
  });

  it("refuses histograms whose bins do not line up, saying why", () => {
    const bad = [
      { type: "histogram" as const, edges: [0, 1], referenceCounts: [1, 2], currentCounts: [1, 2] },
      {
        type: "histogram" as const,
        edges: [1, 0],
        referenceCounts: [1, 2, 3],
        currentCounts: [1, 2, 3],
      },
      { type: "histogram" as const, referenceCounts: [1], currentCounts: [1] },
    ];
    const messages = bad.map((input) => {
      const result = compareSamples(input);
      return result.ok ? "ok" : result.error.message;
    });
    expect(messages).toEqual([
      "expected 3 counts on each side (edges + 1)",
      "edges must be ascending",
      "give either edges or categories",
    ]);
  });
});
