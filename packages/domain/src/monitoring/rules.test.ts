import { describe, expect, it } from "vitest";
import { evaluateRule, type MonitorRuleSpec, validateRule, type WindowReading } from "./rules.ts";

const report = (over: Partial<NonNullable<WindowReading["report"]>> = {}) => ({
  features: [
    { feature: "amount", psi: 0.35, missingShareDelta: 0.01 },
    { feature: "country", psi: 0.2, missingShareDelta: 0.08 },
    { feature: "age", psi: null, missingShareDelta: -0.02 },
    { feature: "tenure", psi: 0.5, missingShareDelta: 0 },
  ],
  driftedShare: 0.5,
  isTooFewRows: false,
  ...over,
});
const window = (over: Partial<WindowReading> = {}): WindowReading => ({
  report: report(),
  metrics: {},
  ...over,
});
const rule = (over: Partial<MonitorRuleSpec>): MonitorRuleSpec => ({
  kind: "FEATURE_DRIFT",
  subject: null,
  threshold: 0.2,
  ...over,
});

describe("evaluateRule", () => {
  it("any-feature PSI: features strictly above the threshold, worst first", () => {
    expect(evaluateRule(rule({}), window())).toEqual([
      { subject: "tenure", value: 0.5 },
      { subject: "amount", value: 0.35 },
    ]);
    expect(evaluateRule(rule({ subject: "country" }), window())).toEqual([]);
    expect(evaluateRule(rule({ subject: "amount" }), window())).toEqual([
      { subject: "amount", value: 0.35 },
    ]);
  });

  it("share of drifted features: at or above the threshold", () => {
    const share = rule({ kind: "DATASET_DRIFT", threshold: 0.5 });
    expect(evaluateRule(share, window())).toEqual([{ subject: "driftedShare", value: 0.5 }]);
    expect(evaluateRule({ ...share, threshold: 0.51 }, window())).toEqual([]);
  });

  it("missing share: up by more than X percentage points", () => {
    const missing = rule({ kind: "MISSING_SHARE", threshold: 5 });
    expect(evaluateRule(missing, window())).toEqual([{ subject: "country", value: 8 }]);
    expect(evaluateRule({ ...missing, threshold: 8 }, window())).toEqual([]);
  });

  it("a metric below its threshold, whatever the report; NaN or absent never breaches", () => {
    const metric = rule({ kind: "METRIC_BELOW", subject: "auc", threshold: 0.8 });
    expect(evaluateRule(metric, window({ report: null, metrics: { auc: 0.79 } }))).toEqual([
      { subject: "auc", value: 0.79 },
    ]);
    expect(evaluateRule(metric, window({ metrics: { auc: 0.8 } }))).toEqual([]);
    expect(evaluateRule(metric, window({ metrics: { auc: Number.NaN } }))).toEqual([]);
    expect(evaluateRule(metric, window({ metrics: { f1: 0.1 } }))).toEqual([]);
    const tooFew = window({ report: report({ isTooFewRows: true }), metrics: { auc: 0.5 } });
    expect(evaluateRule(metric, tooFew)).toHaveLength(1);
  });

  it("a too-few-rows report never fires a drift rule, nor does a window without a report", () => {
    const tooFew = window({ report: report({ isTooFewRows: true }) });
    for (const kind of ["FEATURE_DRIFT", "DATASET_DRIFT", "MISSING_SHARE"] as const) {
      expect(evaluateRule(rule({ kind, threshold: 0 }), tooFew)).toEqual([]);
      expect(evaluateRule(rule({ kind, threshold: 0 }), window({ report: null }))).toEqual([]);
    }
  });
});

describe("validateRule", () => {
  it("refuses what cannot be evaluated", () => {
    expect(validateRule(rule({}))).toBeNull();
    expect(validateRule(rule({ threshold: Number.NaN }))).toMatch(/finite/);
    expect(validateRule(rule({ kind: "METRIC_BELOW" }))).toMatch(/metric/);
    expect(validateRule(rule({ kind: "DATASET_DRIFT", threshold: 1.5 }))).toMatch(/share/);
    expect(validateRule(rule({ kind: "MISSING_SHARE", threshold: 100 }))).toMatch(/points/);
  });
});
