import { err, ok, type Result } from "../result.ts";
import { binSample } from "./bin-sample.ts";
import { buildCategoricalProfile } from "./categorical-profile.ts";
import {
  alignProfiles,
  compareProfiles,
  type DriftError,
  type FeatureDrift,
} from "./compare-profiles.ts";
import type { FeatureProfile } from "./feature-profile.ts";
import { buildNumericProfile } from "./numeric-profile.ts";
import { computeShares } from "./scores.ts";
import type { SeverityThresholds } from "./severity.ts";

/** What `POST /api/v1/drift/compare` takes: raw samples, or histograms binned by the caller. */
export type DriftCompareInput =
  | { type: "numeric"; reference: (number | null)[]; current: (number | null)[] }
  | { type: "categorical"; reference: (string | null)[]; current: (string | null)[] }
  | {
      type: "histogram";
      /** The k-1 inner edges of k bins (the outer bins are open-ended), or `categories`. */
      edges?: number[];
      categories?: string[];
      referenceCounts: number[];
      currentCounts: number[];
    };

export interface DriftBin {
  label: string;
  referenceCount: number;
  currentCount: number;
  referenceShare: number;
  currentShare: number;
}

export type DriftComparison = Omit<FeatureDrift, "feature" | "referenceCount" | "currentCount"> & {
  bins: DriftBin[];
  /** `n`: values behind the shares; `missing`: null, NaN and ±Infinity, removed before binning. */
  reference: { n: number; missing: number };
  current: { n: number; missing: number };
};

function formatEdge(edge: number): string {
  return Number.isFinite(edge) ? String(edge) : edge > 0 ? "+∞" : "−∞";
}

/** Left-closed intervals, as the bins are: [e(k), e(k+1)). */
function labelNumericBins(edges: readonly number[]): string[] {
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
  return bounds
    .slice(0, -1)
    .map((low, i) => `[${formatEdge(low)}, ${formatEdge(bounds[i + 1] as number)})`);
}

function histogramProfile(
  type: "NUMERIC" | "CATEGORICAL",
  edges: number[],
  categories: string[],
  counts: number[],
): FeatureProfile {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return { type, edges, categories, counts, missingCount: 0, totalCount: total, stats: {} };
}

function checkHistogram(
  input: Extract<DriftCompareInput, { type: "histogram" }>,
): Result<{ reference: FeatureProfile; current: FeatureProfile }, DriftError> {
  const { edges, categories, referenceCounts, currentCounts } = input;
  if ((edges === undefined) === (categories === undefined)) {
    return err({ code: "BINS_MISMATCH", message: "give either edges or categories" });
  }
  const bins = edges ? edges.length + 1 : (categories as string[]).length;
  if (referenceCounts.length !== bins || currentCounts.length !== bins) {
    return err({
      code: "BINS_MISMATCH",
      message: `expected ${bins} counts on each side (${edges ? "edges + 1" : "one per category"})`,
    });
  }
  if (edges?.some((edge, i) => i > 0 && edge < (edges[i - 1] as number))) {
    return err({ code: "BINS_MISMATCH", message: "edges must be ascending" });
  }
  const type = edges ? "NUMERIC" : "CATEGORICAL";
  return ok({
    reference: histogramProfile(type, edges ?? [], categories ?? [], referenceCounts),
    current: histogramProfile(type, edges ?? [], categories ?? [], currentCounts),
  });
}

function buildProfiles(
  input: DriftCompareInput,
): Result<{ reference: FeatureProfile; current: FeatureProfile }, DriftError> {
  if (input.type === "histogram") return checkHistogram(input);
  const reference =
    input.type === "numeric"
      ? buildNumericProfile(input.reference)
      : buildCategoricalProfile(input.reference);
  return ok({ reference, current: binSample(reference, input.current) });
}

/** Scores ad-hoc input with the same functions that serve stored reports and the charts. */
export function compareSamples(
  input: DriftCompareInput,
  thresholds?: SeverityThresholds,
): Result<DriftComparison, DriftError> {
  const profiles = buildProfiles(input);
  if (!profiles.ok) return profiles;
  const { reference, current } = profiles.value;
  const drift = compareProfiles("sample", reference, current, thresholds);
  const aligned = alignProfiles(reference, current);
  if (!drift.ok) return drift;
  if (!aligned.ok) return aligned;
  const labels =
    reference.type === "NUMERIC" ? labelNumericBins(reference.edges) : aligned.value.labels;
  const referenceShares = computeShares(aligned.value.reference);
  const currentShares = computeShares(aligned.value.current);
  const { feature: _feature, referenceCount, currentCount, ...scores } = drift.value;
  return ok({
    ...scores,
    bins: labels.map((label, i) => ({
      label,
      referenceCount: aligned.value.reference[i] ?? 0,
      currentCount: aligned.value.current[i] ?? 0,
      referenceShare: referenceShares[i] ?? 0,
      currentShare: currentShares[i] ?? 0,
    })),
    reference: { n: referenceCount, missing: reference.missingCount },
    current: { n: currentCount, missing: current.missingCount },
  });
}
