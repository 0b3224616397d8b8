import { describe, expect, it } from "vitest";
import {
  type CandidateFacts,
  computeImprovement,
  evaluateGates,
  findBlockingGates,
  type GateInput,
} from "./gates.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const complete: CandidateFacts = {
  runId: "run-1",
  trainingDatasetVersionIds: ["dv-1"],
  commitSha: "abc123",
  metricValue: 0.92,
  qualityChecks: [
    { name: "schema", passed: true },
    { name: "row_count", passed: true },
  ],
  drift: { severity: "NONE", maxPsi: 0.04, feature: "amount" },
};
const policy = {
  ...DEFAULT_POLICY,
  primaryMetric: { key: "val_auc", direction: "maximize" as const },
};
const input = (overrides: Partial<GateInput> = {}): GateInput => ({
  target: "PRODUCTION",
  kind: "PROMOTION",
  policy,
  candidate: complete,
  production: { version: 3, metricValue: 0.9 },
  ...overrides,
});
const outcome = (gate: string, i: GateInput) =>
  evaluateGates(i).find((r) => r.gate === gate)?.outcome;

describe("gates", () => {
  it("passes a complete candidate that beats production by more than the margin", () => {
    expect(evaluateGates(input()).map((r) => r.outcome)).toEqual([
      "passed",
      "passed",
      "passed",
      "passed",
    ]);
  });

  it("fails lineage and names what is missing", () => {
    const [lineage] = evaluateGates(
      input({ candidate: { ...complete, commitSha: null, runId: null } }),
    );
    expect(lineage?.outcome).toBe("failed");
    expect(lineage?.summary).toBe("Lineage incomplete: no run, no code commit");
  });

  it("evaluates direction-aware relative improvement against the margin", () => {
    // 0.905 vs 0.9 is +0.56%: below 1%.
    expect(outcome("evaluation", input({ candidate: { ...complete, metricValue: 0.905 } }))).toBe(
      "failed",
    );
    // Exactly 1% better passes ("at least").
    expect(outcome("evaluation", input({ candidate: { ...complete, metricValue: 0.909 } }))).toBe(
      "passed",
    );
    const loss = { ...policy, primaryMetric: { key: "val_loss", direction: "minimize" as const } };
    expect(
      outcome(
        "evaluation",
        input({
          policy: loss,
          candidate: { ...complete, metricValue: 0.2 },
          production: { version: 1, metricValue: 0.25 },
        }),
      ),
    ).toBe("passed");
    expect(
      outcome(
        "evaluation",
        input({
          policy: loss,
          candidate: { ...complete, metricValue: 0.3 },
          production: { version: 1, metricValue: 0.25 },
        }),
      ),
    ).toBe("failed");
    expect(computeImprovement(0.2, 0.25, "minimize")).toBeCloseTo(0.2, 12);
    expect(computeImprovement(1, 0, "maximize")).toBe(Number.POSITIVE_INFINITY);
    expect(computeImprovement(0, 0, "maximize")).toBe(0);
  });

  it("is not applicable without a metric, a production version, or for Staging", () => {
    expect(outcome("evaluation", input({ policy: DEFAULT_POLICY }))).toBe("not_applicable");
    expect(outcome("evaluation", input({ production: null }))).toBe("not_applicable");
    expect(outcome("evaluation", input({ target: "STAGING" }))).toBe("not_applicable");
    expect(outcome("drift", input({ candidate: { ...complete, drift: null } }))).toBe(
      "not_applicable",
    );
  });

  it("fails a candidate without a finite metric, data checks that failed, and significant drift", () => {
    expect(
      outcome("evaluation", input({ candidate: { ...complete, metricValue: Number.NaN } })),
    ).toBe("failed");
    const dirty = { ...complete, qualityChecks: [{ name: "nulls", passed: false }] };
    expect(evaluateGates(input({ candidate: dirty }))[2]?.summary).toBe(
      "Quality checks failed: nulls",
    );
    const drifted = {
      ...complete,
      drift: { severity: "SIGNIFICANT" as const, maxPsi: 0.31, feature: "amount" },
    };
    expect(outcome("drift", input({ candidate: drifted }))).toBe("failed");
  });

  it("holds a rollback to lineage and data quality only", () => {
    const drifted = {
      ...complete,
      metricValue: 0.5,
      drift: { severity: "SIGNIFICANT" as const, maxPsi: 0.31, feature: "amount" },
    };
    const results = evaluateGates(input({ kind: "ROLLBACK", candidate: drifted }));
    expect(results.map((r) => r.outcome)).toEqual([
      "passed",
      "not_applicable",
      "passed",
      "not_applicable",
    ]);
    const incomplete = { ...drifted, commitSha: null };
    expect(
      findBlockingGates(evaluateGates(input({ kind: "ROLLBACK", candidate: incomplete })), []),
    ).toEqual(["lineage"]);
  });

  it("lets an override unblock exactly the gate it names", () => {
    const results = evaluateGates(
      input({ candidate: { ...complete, commitSha: null, metricValue: 0.5 } }),
    );
    expect(findBlockingGates(results, [])).toEqual(["lineage", "evaluation"]);
    expect(findBlockingGates(results, ["lineage"])).toEqual(["evaluation"]);
  });
});
