// Monitor rules: when does a window breach a rule? Pure; the window's numbers come in as values.

export type MonitorRuleKind = "FEATURE_DRIFT" | "DATASET_DRIFT" | "MISSING_SHARE" | "METRIC_BELOW";

export interface MonitorRuleSpec {
  kind: MonitorRuleKind;
  /** FEATURE_DRIFT, MISSING_SHARE: one feature, or null for any; METRIC_BELOW: the metric key. */
  subject: string | null;
  /**
   * FEATURE_DRIFT: a PSI (breach when above); DATASET_DRIFT: a share 0..1 (at or above);
   * METRIC_BELOW: a metric value (below); MISSING_SHARE: percentage points (up by more than).
   */
  threshold: number;
}

/** The defaults a new rule of each kind starts from. */
export const DEFAULT_RULE_THRESHOLDS: Readonly<Record<MonitorRuleKind, number>> = {
  FEATURE_DRIFT: 0.2,
  DATASET_DRIFT: 0.3,
  MISSING_SHARE: 5,
  METRIC_BELOW: 0.8,
};

/** What a stored drift report says about one feature (the part the rules read). */
export interface FeatureReading {
  feature: string;
  psi: number | null;
  /** Current missing share minus the baseline's, as a fraction. */
  missingShareDelta: number;
}

/** A window as the rules see it: its report (if it has one) and its metrics. */
export interface WindowReading {
  report: {
    features: readonly FeatureReading[];
    driftedShare: number;
    isTooFewRows: boolean;
  } | null;
  metrics: Readonly<Record<string, number>>;
}

/** One number that broke the rule: a feature, a metric key or `driftedShare`, and its value. */
export interface Observation {
  subject: string;
  value: number;
}

/** Percentage points of a missing-share change (a fraction). */
export function toPoints(share: number): number {
  return share * 100;
}

function byValueDescending(a: Observation, b: Observation): number {
  return b.value - a.value || a.subject.localeCompare(b.subject);
}

function readFeatures(
  rule: MonitorRuleSpec,
  features: readonly FeatureReading[],
  read: (feature: FeatureReading) => number | null,
): Observation[] {
  const observations: Observation[] = [];
  for (const feature of features) {
    if (rule.subject !== null && feature.feature !== rule.subject) continue;
    const value = read(feature);
    if (value !== null && Number.isFinite(value) && value > rule.threshold) {
      observations.push({ subject: feature.feature, value });
    }
  }
  return observations.sort(byValueDescending);
}

/**
 * The observations that breach the rule in this window, worst first; empty when it holds. A
 * too-few-rows report never breaches a drift rule (its scores are noise); metrics are counted
 * whatever the report says, and a NaN metric breaches nothing.
 */
export function evaluateRule(rule: MonitorRuleSpec, window: WindowReading): Observation[] {
  if (rule.kind === "METRIC_BELOW") {
    if (rule.subject === null) return [];
    const value = window.metrics[rule.subject];
    if (value === undefined || Number.isNaN(value) || !(value < rule.threshold)) return [];
    return [{ subject: rule.subject, value }];
  }
  const report = window.report;
  if (!report || report.isTooFewRows) return [];
  switch (rule.kind) {
    case "FEATURE_DRIFT":
      return readFeatures(rule, report.features, (feature) => feature.psi);
    case "MISSING_SHARE":
      return readFeatures(rule, report.features, (feature) => toPoints(feature.missingShareDelta));
    case "DATASET_DRIFT":
      return report.driftedShare >= rule.threshold
        ? [{ subject: "driftedShare", value: report.driftedShare }]
        : [];
  }
}

/** Why a rule cannot be saved, or null. */
export function validateRule(rule: MonitorRuleSpec): string | null {
  if (!Number.isFinite(rule.threshold)) return "The threshold must be a finite number";
  if (rule.kind === "METRIC_BELOW" && !rule.subject) return "Name the metric the rule watches";
  if (rule.kind === "DATASET_DRIFT") {
    if (rule.subject !== null) return "A dataset drift rule watches all features: no subject";
    if (rule.threshold <= 0 || rule.threshold > 1) return "The share must be in (0, 1]";
  }
  if (rule.kind === "FEATURE_DRIFT" && rule.threshold < 0) return "A PSI threshold is not negative";
  if (rule.kind === "MISSING_SHARE" && (rule.threshold < 0 || rule.threshold >= 100)) {
    return "Percentage points must be in [0, 100)";
  }
  return null;
}

/** The rule in words, for evidence and pages. */
export function describeRule(rule: MonitorRuleSpec): string {
  const subject = rule.subject ?? "any feature";
  switch (rule.kind) {
    case "FEATURE_DRIFT":
      return `PSI of ${subject} > ${rule.threshold}`;
    case "DATASET_DRIFT":
      return `share of drifted features >= ${rule.threshold}`;
    case "MISSING_SHARE":
      return `missing share of ${subject} up by more than ${rule.threshold} points`;
    case "METRIC_BELOW":
      return `${rule.subject ?? "metric"} < ${rule.threshold}`;
  }
}
