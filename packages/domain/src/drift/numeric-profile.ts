import type { FeatureProfile, ProfileStats } from "./feature-profile.ts";
import { NUMERIC_BIN_COUNT } from "./feature-profile.ts";
import { computeQuantile } from "./quantile.ts";

export type NumericValue = number | null | undefined;

/** null, undefined, NaN and ±Infinity are missing: counted apart, never binned. */
export function isMissingNumber(value: NumericValue): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** The reference's inner edges: its deciles q(0.1) ... q(0.9); none for an empty sample. */
export function computeDecileEdges(sorted: ArrayLike<number>): number[] {
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let k = 1; k < NUMERIC_BIN_COUNT; k++) {
    edges.push(computeQuantile(sorted, k / NUMERIC_BIN_COUNT));
  }
  return edges;
}

/**
 * The bin of `value` for ascending inner `edges`: the number of edges <= value, so bins are
 * left-closed [e(k), e(k+1)) and tied edges leave the bins between them empty.
 */
export function findNumericBin(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((edges[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function computeNumericStats(sorted: Float64Array): ProfileStats {
  const n = sorted.length;
  if (n === 0) return {};
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of sorted) squares += (x - mean) ** 2;
  return {
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean,
    std: Math.sqrt(squares / n),
    quantiles: {
      p05: computeQuantile(sorted, 0.05),
      p25: computeQuantile(sorted, 0.25),
      p50: computeQuantile(sorted, 0.5),
      p75: computeQuantile(sorted, 0.75),
      p95: computeQuantile(sorted, 0.95),
    },
  };
}

function sortPresent(values: readonly NumericValue[]): Float64Array {
  const present: number[] = [];
  for (const value of values) if (!isMissingNumber(value)) present.push(value);
  return Float64Array.from(present).sort();
}

/**
 * Profiles a numeric sample. Without `edges` it is a reference: the edges are its own deciles.
 * With `edges` (a reference's), the sample is binned on them, as a serving window must be.
 */
export function buildNumericProfile(
  values: readonly NumericValue[],
  edges?: readonly number[],
): FeatureProfile {
  const sorted = sortPresent(values);
  const binEdges = edges ? [...edges] : computeDecileEdges(sorted);
  const counts = new Array<number>(binEdges.length + 1).fill(0);
  for (const x of sorted) {
    const bin = findNumericBin(binEdges, x);
    counts[bin] = (counts[bin] as number) + 1;
  }
  return {
    type: "NUMERIC",
    edges: binEdges,
    categories: [],
    counts,
    missingCount: values.length - sorted.length,
    totalCount: values.length,
    stats: computeNumericStats(sorted),
  };
}
