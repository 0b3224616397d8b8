// The histogram of one feature, as the FeatureProfile table stores it. Binning always comes from
// the reference (training) side, so a stored baseline can be compared with any later window.

export type FeatureType = "NUMERIC" | "CATEGORICAL";

/** Numeric profiles have 10 bins: 9 inner edges (the reference's deciles) and two open ends. */
export const NUMERIC_BIN_COUNT = 10;
/** A categorical profile keeps at most this many bins; the rest fold into `OTHER_CATEGORY`. */
export const MAX_CATEGORIES = 1000;
export const OTHER_CATEGORY = "__other__";

// Type aliases, not interfaces: they stay assignable to JSON column types.
export type Quantiles = {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
};

/**
 * Summary statistics for tooltips: numeric profiles fill min..quantiles (std is the population
 * std), categorical ones `distinctCount` (before folding); a profile of no values has `{}`.
 */
export type ProfileStats = {
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  quantiles?: Quantiles;
  distinctCount?: number;
};

export interface FeatureProfile {
  type: FeatureType;
  /** NUMERIC: the k-1 inner edges of k bins, ascending (ties allowed). CATEGORICAL: empty. */
  edges: number[];
  /** CATEGORICAL: one label per bin. NUMERIC: empty. */
  categories: string[];
  /** Non-missing values per bin. */
  counts: number[];
  /** null, NaN and ±Infinity (numeric) or null (categorical): removed before binning. */
  missingCount: number;
  /** Every value, missing ones included. */
  totalCount: number;
  stats: ProfileStats;
}
