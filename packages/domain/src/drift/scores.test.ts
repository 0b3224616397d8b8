import { describe, expect, it } from "vitest";
import { buildCategoricalProfile } from "./categorical-profile.ts";
import { compareProfiles } from "./compare-profiles.ts";
import { buildDriftReport } from "./drift-report.ts";
import { buildNumericProfile } from "./numeric-profile.ts";
import { computeJsDistance, computeKlDivergence, computePsi, computeShares } from "./scores.ts";
import { classifySeverity, computeDriftedShare, findWorstSeverity } from "./severity.ts";

// Expected values are worked by hand below and were checked with numpy and scipy
// (scipy.stats.entropy, scipy.spatial.distance.jensenshannon(base=2)).

describe("scores on shares", () => {
  const p = [0.5, 0.5];
  const q = [0.25, 0.75];

  it("computes PSI = sum (q - p) ln(q / p)", () => {
    // (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.173286795 + 0.101366277
    expect(computePsi(p, q)).toBeCloseTo(0.2746530721670274, 9);
  });

  it("computes KL in both directions", () => {
    // KL(q||p) = 0.25 ln(0.5) + 0.75 ln(1.5); KL(p||q) = 0.5 ln(2) + 0.5 ln(2/3)
    expect(computeKlDivergence(q, p)).toBeCloseTo(0.13081203594113697, 9);
    expect(computeKlDivergence(p, q)).toBeCloseTo(0.14384103622589042, 9);
  });

  it("computes the Jensen-Shannon distance in base 2", () => {
    // m = (0.375, 0.625); JS = 0.5 KL2(p||m) + 0.5 KL2(q||m) = 0.048795; sqrt = 0.220896
    expect(computeJsDistance(p, q)).toBeCloseTo(0.22089576884901735, 9);
    expect(computeJsDistance([1, 0], [0, 1])).toBe(1);
  });

  it("fills exact zeros with 0.0001 for PSI without renormalising", () => {
    // Bin 2: (0.0001 - 0.5) ln(0.0001 / 0.5); bin 1: (1 - 0.5) ln(2).
    const expected = (0.0001 - 0.5) * Math.log(0.0001 / 0.5) + 0.5 * Math.log(2);
    expect(computePsi([0.5, 0.5], [1, 0])).toBeCloseTo(expected, 12);
    expect(computePsi([0, 1], [0, 1])).toBe(0);
  });

  it("renormalises the epsilon-filled shares for KL", () => {
    // p = (0.5, 0.5, 0) becomes p' = (0.5, 0.5, 0.0001) / 1.0001; q = (0.5, 0.25, 0.25).
    // KL(q||p') = 0.5 ln(1.0001) + 0.25 ln(0.5 * 1.0001) + 0.25 ln(2500 * 1.0001)
    // KL(p'||q) = (0.5 ln(1 / 1.0001) + 0.5 ln(2 / 1.0001) + 0.0001 ln(0.0004 / 1.0001)) / 1.0001
    const p = [0.5, 0.5, 0];
    const q = [0.5, 0.25, 0.25];
    expect(computeKlDivergence(q, p)).toBeCloseTo(1.78282470257442, 9);
    expect(computeKlDivergence(p, q)).toBeCloseTo(0.34565661501755196, 9);
    expect(computeKlDivergence(p, p)).toBe(0);
  });

  it("gives shares of zero counts as zeros and refuses bins of different lengths", () => {
    expect(computeShares([0, 0])).toEqual([0, 0]);
    expect(computeShares([1, 3])).toEqual([0.25, 0.75]);
    expect(() => computePsi([1], [0.5, 0.5])).toThrow(/bins differ/);
  });
});

describe("severity and dataset-level drift", () => {
  it("classifies PSI with the default and custom thresholds", () => {
    expect(classifySeverity(0.0999)).toBe("NONE");
    expect(classifySeverity(0.1)).toBe("MODERATE");
    expect(classifySeverity(0.2)).toBe("MODERATE");
    expect(classifySeverity(0.2000001)).toBe("SIGNIFICANT");
    expect(classifySeverity(null)).toBe("NONE");
    expect(classifySeverity(0.2, { moderate: 0.05, significant: 0.15 })).toBe("SIGNIFICANT");
  });

  it("computes the share of significantly drifted features and the worst severity", () => {
    const severities = ["NONE", "SIGNIFICANT", "MODERATE", "SIGNIFICANT"] as const;
    expect(computeDriftedShare(severities)).toBe(0.5);
    expect(computeDriftedShare([])).toBe(0);
    expect(findWorstSeverity(severities)).toBe("SIGNIFICANT");
    expect(findWorstSeverity([])).toBe("NONE");
  });
});

describe("compareProfiles", () => {
  it("scores a numeric window with tied edges and empty bins", () => {
    // p = (0, 0, 0, 0, 0, .6, .1, .1, .1, .1), q = (.1, 0, 0, 0, 0, .5, .2, .1, .1, 0).
    // PSI: bin 0 (0.1 - 0.0001) ln(1000); bins 1-4 are 0.0001 on both sides and add 0;
    // bin 5 -0.1 ln(5/6) = 0.1 ln(1.2); bin 6 0.1 ln 2; bin 9 (0.0001 - 0.1) ln(0.001).
    const reference = buildNumericProfile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    const current = buildNumericProfile([0, 0, 0, 0, 0, 1, 1, 2, 3, -1], reference.edges);
    const drift = compareProfiles("x", reference, current);
    if (!drift.ok) throw new Error(drift.error.message);
    const psi = 2 * 0.0999 * Math.log(1000) + 0.1 * Math.log(1.2) + 0.1 * Math.log(2);
    expect(drift.value.psi).toBeCloseTo(psi, 9);
    expect(drift.value.psi).toBeCloseTo(1.467716378476021, 9);
    expect(drift.value.klCurrentReference).toBeCloseTo(0.7371848176764888, 9);
    expect(drift.value.klReferenceCurrent).toBeCloseTo(0.729798069356016, 9);
    expect(drift.value.jsDistance).toBeCloseTo(0.3399102949007288, 9);
    expect(drift.value).toMatchObject({
      feature: "x",
      severity: "SIGNIFICANT",
      missingShareDelta: 0,
      referenceCount: 10,
      currentCount: 10,
    });
  });

  it("scores a category that only the current sample has", () => {
    // Union (a, b, c): p = (2/3, 1/3, 0), q = (1/3, 0, 2/3). Missing share 2/5 - 1/4 = 0.15.
    // PSI = (1/3 - 2/3) ln(1/2) + (0.0001 - 1/3) ln(0.0003) + (2/3 - 0.0001) ln(6666.67)
    const reference = buildCategoricalProfile(["a", "a", "b", null]);
    const current = buildCategoricalProfile(["a", "c", "c", null, null]);
    const drift = compareProfiles("country", reference, current);
    if (!drift.ok) throw new Error(drift.error.message);
    expect(drift.value.psi).toBeCloseTo(8.8031836035333, 9);
    expect(drift.value.klCurrentReference).toBeCloseTo(5.63749286029767, 9);
    expect(drift.value.klReferenceCurrent).toBeCloseTo(3.164810512898311, 9);
    expect(drift.value.jsDistance).toBeCloseTo(0.7354264633345439, 9);
    expect(drift.value.missingShareDelta).toBeCloseTo(0.15, 12);
  });

  it("gives exactly 0 for identical samples", () => {
    const values = [3.2, 1.5, null, 8.1, 4.4, 4.4, 9.9, 0.3, 2.2, 7.7, 6.1];
    const reference = buildNumericProfile(values);
    const drift = compareProfiles("x", reference, buildNumericProfile(values, reference.edges));
    expect(drift).toEqual({
      ok: true,
      value: {
        feature: "x",
        psi: 0,
        klCurrentReference: 0,
        klReferenceCurrent: 0,
        jsDistance: 0,
        missingShareDelta: 0,
        severity: "NONE",
        referenceCount: 10,
        currentCount: 10,
      },
    });
  });

  it("has no scores when a side is all missing, and shows the missing share", () => {
    const reference = buildNumericProfile([1, 2, 3, 4]);
    const current = buildNumericProfile([null, Number.NaN], reference.edges);
    const drift = compareProfiles("x", reference, current);
    expect(drift.ok && drift.value).toMatchObject({
      psi: null,
      jsDistance: null,
      severity: "NONE",
      missingShareDelta: 1,
      currentCount: 0,
    });
  });

  it("refuses profiles on other bins or of another type", () => {
    const reference = buildNumericProfile([1, 2, 3, 4]);
    const other = buildNumericProfile([5, 6, 7, 8]);
    expect(compareProfiles("x", reference, other)).toMatchObject({
      ok: false,
      error: { code: "BINS_MISMATCH" },
    });
    expect(compareProfiles("x", reference, buildCategoricalProfile(["a"]))).toMatchObject({
      ok: false,
      error: { code: "TYPE_MISMATCH" },
    });
  });
});

describe("buildDriftReport", () => {
  const reference = buildCategoricalProfile(["a", "b"]);
  const stable = buildCategoricalProfile(["a", "b"]);
  const shifted = buildCategoricalProfile(["a", "a", "a", "c"]);

  it("summarises a window: drifted share, worst severity, too few rows", () => {
    const report = buildDriftReport([
      { feature: "f1", reference, current: stable },
      { feature: "f2", reference, current: shifted },
    ]);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.features.map((f) => f.severity)).toEqual(["NONE", "SIGNIFICANT"]);
    expect(report.value).toMatchObject({
      driftedShare: 0.5,
      severity: "SIGNIFICANT",
      isTooFewRows: true,
    });
    const enough = buildDriftReport([{ feature: "f1", reference, current: stable }], {
      minRows: 2,
    });
    expect(enough.ok && enough.value.isTooFewRows).toBe(false);
  });

  it("names the feature whose profiles cannot be compared", () => {
    const report = buildDriftReport([
      { feature: "f1", reference, current: buildNumericProfile([1]) },
    ]);
    expect(report).toMatchObject({ ok: false, error: { code: "TYPE_MISMATCH", feature: "f1" } });
  });
});
