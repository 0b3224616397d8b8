import { err, ok, type Result } from "../result.ts";
import type { FeatureProfile } from "./feature-profile.ts";
import { computeJsDistance, computeKlDivergence, computePsi, computeShares } from "./scores.ts";
import {
  classifySeverity,
  DEFAULT_SEVERITY_THRESHOLDS,
  type Severity,
  type SeverityThresholds,
} from "./severity.ts";

export interface DriftError {
  code: "TYPE_MISMATCH" | "BINS_MISMATCH";
  message: string;
}

/** One feature's drift, as DriftReport.features stores it. Scores are null when a side is empty. */
export interface FeatureDrift {
  feature: string;
  psi: number | null;
  klCurrentReference: number | null;
  klReferenceCurrent: number | null;
  jsDistance: number | null;
  /** Current missing share minus reference missing share. */
  missingShareDelta: number;
  severity: Severity;
  /** Non-missing values behind the shares. */
  referenceCount: number;
  currentCount: number;
}

export interface AlignedCounts {
  labels: string[];
  reference: number[];
  current: number[];
}

function haveSameEdges(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((edge, i) => Object.is(edge, b[i]));
}

/** Puts both profiles on the same bins: numeric edges must match; categories are united. */
export function alignProfiles(
  reference: FeatureProfile,
  current: FeatureProfile,
): Result<AlignedCounts, DriftError> {
  if (reference.type !== current.type) {
    return err({ code: "TYPE_MISMATCH", message: `${reference.type} vs ${current.type}` });
  }
  if (reference.type === "NUMERIC") {
    const sameBins =
      haveSameEdges(reference.edges, current.edges) &&
      reference.counts.length === current.counts.length;
    if (!sameBins) return err({ code: "BINS_MISMATCH", message: "the edges differ" });
    const labels = reference.counts.map((_, i) => String(i));
    return ok({ labels, reference: [...reference.counts], current: [...current.counts] });
  }
  const labels = [...reference.categories];
  const seen = new Set(labels);
  for (const label of current.categories) if (!seen.has(label)) labels.push(label);
  const countsOf = (profile: FeatureProfile) => {
    const byLabel = new Map(profile.categories.map((label, i) => [label, profile.counts[i] ?? 0]));
    return labels.map((label) => byLabel.get(label) ?? 0);
  };
  return ok({ labels, reference: countsOf(reference), current: countsOf(current) });
}

function sum(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

function shareMissing(profile: FeatureProfile): number {
  return profile.totalCount === 0 ? 0 : profile.missingCount / profile.totalCount;
}

/** Scores the drift of a current profile against its reference (the training baseline). */
export function compareProfiles(
  feature: string,
  reference: FeatureProfile,
  current: FeatureProfile,
  thresholds: SeverityThresholds = DEFAULT_SEVERITY_THRESHOLDS,
): Result<FeatureDrift, DriftError> {
  const aligned = alignProfiles(reference, current);
  if (!aligned.ok) return aligned;
  const referenceCount = sum(aligned.value.reference);
  const currentCount = sum(aligned.value.current);
  const missingShareDelta = shareMissing(current) - shareMissing(reference);
  if (referenceCount === 0 || currentCount === 0) {
    // Nothing to compare: the missing-share rule is what speaks for an all-missing side.
    return ok({
      feature,
      psi: null,
      klCurrentReference: null,
      klReferenceCurrent: null,
      jsDistance: null,
      missingShareDelta,
      severity: "NONE",
      referenceCount,
      currentCount,
    });
  }
  const p = computeShares(aligned.value.reference);
  const q = computeShares(aligned.value.current);
  const psi = computePsi(p, q);
  return ok({
    feature,
    psi,
    klCurrentReference: computeKlDivergence(q, p),
    klReferenceCurrent: computeKlDivergence(p, q),
    jsDistance: computeJsDistance(p, q),
    missingShareDelta,
    severity: classifySeverity(psi, thresholds),
    referenceCount,
    currentCount,
  });
}
