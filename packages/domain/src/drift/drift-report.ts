import { err, ok, type Result } from "../result.ts";
import { compareProfiles, type DriftError, type FeatureDrift } from "./compare-profiles.ts";
import type { FeatureProfile } from "./feature-profile.ts";
import {
  computeDriftedShare,
  DEFAULT_SEVERITY_THRESHOLDS,
  findWorstSeverity,
  type Severity,
  type SeverityThresholds,
} from "./severity.ts";

/** Below this many rows a window is "too few rows": shown greyed, never fires a trigger. */
export const DEFAULT_MIN_ROWS = 500;

export interface FeaturePair {
  feature: string;
  reference: FeatureProfile;
  current: FeatureProfile;
}

export interface DriftReportContent {
  features: FeatureDrift[];
  /** The share of features with significant drift. */
  driftedShare: number;
  /** The worst feature severity. */
  severity: Severity;
  isTooFewRows: boolean;
}

export interface DriftReportOptions {
  thresholds?: SeverityThresholds;
  minRows?: number;
}

/** Scores every feature of a window against its baseline: the computed part of a DriftReport. */
export function buildDriftReport(
  pairs: readonly FeaturePair[],
  options: DriftReportOptions = {},
): Result<DriftReportContent, DriftError & { feature: string }> {
  const thresholds = options.thresholds ?? DEFAULT_SEVERITY_THRESHOLDS;
  const features: FeatureDrift[] = [];
  let rows = 0;
  for (const { feature, reference, current } of pairs) {
    const drift = compareProfiles(feature, reference, current, thresholds);
    if (!drift.ok) return err({ ...drift.error, feature });
    features.push(drift.value);
    rows = Math.max(rows, current.totalCount);
  }
  const severities = features.map((drift) => drift.severity);
  return ok({
    features,
    driftedShare: computeDriftedShare(severities),
    severity: findWorstSeverity(severities),
    isTooFewRows: rows < (options.minRows ?? DEFAULT_MIN_ROWS),
  });
}
