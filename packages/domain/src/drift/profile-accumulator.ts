// Profiles built one value at a time, for streams too large to hold (the CLI reads files of any
// size through these). Same bins, counts and missing rules as buildNumericProfile and
// buildCategoricalProfile; only the summary statistics are gathered incrementally.

import { type CategoricalValue, profileCategoryCounts } from "./categorical-profile.ts";
import { ExactQuantiles, type ExactQuantilesOptions } from "./exact-quantiles.ts";
import type { FeatureProfile, ProfileStats, Quantiles } from "./feature-profile.ts";
import { MAX_CATEGORIES, NUMERIC_BIN_COUNT, OTHER_CATEGORY } from "./feature-profile.ts";
import { findNumericBin, isMissingNumber, type NumericValue } from "./numeric-profile.ts";

/** The deciles (the edges) then the tooltip quantiles, in one selection. */
export const PROFILE_PROBABILITIES: readonly number[] = [
  ...Array.from({ length: NUMERIC_BIN_COUNT - 1 }, (_, i) => (i + 1) / NUMERIC_BIN_COUNT),
  0.05,
  0.25,
  0.5,
  0.75,
  0.95,
];

/** Splits the selected quantiles (in PROFILE_PROBABILITIES order) into edges and tooltips. */
export function splitProfileQuantiles(values: readonly number[]): {
  edges: number[];
  quantiles: Quantiles;
} {
  const inner = NUMERIC_BIN_COUNT - 1;
  const [p05, p25, p50, p75, p95] = values.slice(inner) as [number, number, number, number, number];
  return { edges: values.slice(0, inner), quantiles: { p05, p25, p50, p75, p95 } };
}

/** Counts, missing values, min/max and Welford's running mean and variance on fixed edges. */
export class NumericAccumulator {
  readonly #edges: number[];
  readonly #counts: number[];
  #missing = 0;
  #total = 0;
  #n = 0;
  #mean = 0;
  #squares = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  constructor(edges: readonly number[]) {
    this.#edges = [...edges];
    this.#counts = new Array<number>(edges.length + 1).fill(0);
  }

  add(value: NumericValue): void {
    this.#total++;
    if (isMissingNumber(value)) {
      this.#missing++;
      return;
    }
    const bin = findNumericBin(this.#edges, value);
    this.#counts[bin] = (this.#counts[bin] as number) + 1;
    this.#n++;
    const delta = value - this.#mean;
    this.#mean += delta / this.#n;
    this.#squares += delta * (value - this.#mean);
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** The profile; `quantiles` from an exact selection when the caller ran one. */
  toProfile(quantiles?: Quantiles): FeatureProfile {
    const stats: ProfileStats =
      this.#n === 0
        ? {}
        : {
            min: this.#min,
            max: this.#max,
            mean: this.#mean,
            std: Math.sqrt(this.#squares / this.#n),
            ...(quantiles ? { quantiles } : {}),
          };
    return {
      type: "NUMERIC",
      edges: [...this.#edges],
      categories: [],
      counts: [...this.#counts],
      missingCount: this.#missing,
      totalCount: this.#total,
      stats,
    };
  }
}

/**
 * A reference's numeric profile, read in the passes ExactQuantiles needs: missing values, min,
 * max, mean and std in pass 1, the exact deciles and tooltip quantiles by selection, and the bin
 * counts from what the selection kept (values < edge = values below the edge's region + its
 * collected values < edge), so no binning pass follows.
 */
export class ReferenceAccumulator {
  readonly #selection: ExactQuantiles;
  #isFirstPass = true;
  #missing = 0;
  #total = 0;
  /** The count, mean and sum of squared deviations (merged batch by batch), min and max. */
  readonly #moments = Float64Array.of(0, 0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  /** A batch's present values (grows to the largest batch). */
  #present = new Float64Array(0);

  constructor(options: ExactQuantilesOptions = {}) {
    this.#selection = new ExactQuantiles(PROFILE_PROBABILITIES, options);
  }

  get isDone(): boolean {
    return this.#selection.isDone;
  }

  add(value: NumericValue): void {
    this.addAll([value]);
  }

  /** Every value of a batch, in order; the selection reads the present values' keys in place. */
  addAll(values: ArrayLike<NumericValue>): void {
    if (this.#present.length < values.length) this.#present = new Float64Array(values.length);
    const present = this.#present;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (typeof value === "number" && Number.isFinite(value)) present[count++] = value;
    }
    if (this.#isFirstPass) {
      this.#total += values.length;
      this.#missing += values.length - count;
      const moments = this.#moments;
      let [n, mean, squares, min, max] = moments as unknown as [
        number,
        number,
        number,
        number,
        number,
      ];
      // The batch's mean and squared deviations, then Chan's update of the running ones.
      let sum = 0;
      for (let i = 0; i < count; i++) {
        const value = present[i] as number;
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      if (count > 0) {
        const batchMean = sum / count;
        let batchSquares = 0;
        for (let i = 0; i < count; i++) batchSquares += ((present[i] as number) - batchMean) ** 2;
        const total = n + count;
        const delta = batchMean - mean;
        mean += (delta * count) / total;
        squares += batchSquares + (delta * delta * n * count) / total;
        n = total;
      }
      moments.set([n, mean, squares, min, max]);
    }
    this.#selection.addAll(present.subarray(0, count));
  }

  endPass(): void {
    this.#isFirstPass = false;
    this.#selection.endPass();
  }

  /** The exact edges and tooltip quantiles (none for an empty sample); once `isDone`. */
  selectQuantiles(): { edges: number[]; quantiles?: Quantiles } {
    const results = this.#selection.results();
    return results ? splitProfileQuantiles(results) : { edges: [] };
  }

  /**
   * The profile, as buildNumericProfile builds it; null in the rare case where an edge's count
   * does not follow from the selection (then bin on `selectQuantiles().edges` in another pass).
   */
  toProfile(): FeatureProfile | null {
    const { edges, quantiles } = this.selectQuantiles();
    const [n, mean, squares, min, max] = this.#moments as unknown as number[];
    const counts: number[] = [];
    let previous = 0;
    for (const edge of edges) {
      const below = this.#selection.countBelow(edge);
      if (below === null) return null;
      counts.push(below - previous);
      previous = below;
    }
    counts.push((n as number) - previous);
    const stats: ProfileStats =
      n === 0
        ? {}
        : {
            min: min as number,
            max: max as number,
            mean: mean as number,
            std: Math.sqrt((squares as number) / (n as number)),
            ...(quantiles ? { quantiles } : {}),
          };
    return {
      type: "NUMERIC",
      edges,
      categories: [],
      counts,
      missingCount: this.#missing,
      totalCount: this.#total,
      stats,
    };
  }
}

/** Distinct labels kept while streaming before the rarest half folds into `__other__`. */
export const STREAM_CATEGORY_LIMIT = MAX_CATEGORIES * 10;

/**
 * Category counts on a bounded map. Up to STREAM_CATEGORY_LIMIT distinct labels the result is
 * exactly buildCategoricalProfile's (or buildCategoricalProfileOn's, given a reference); past it
 * the rarest half so far folds into `__other__`, so which labels fold can differ from an exact
 * count for a feature with that many labels (its top 1,000 by then dominate the shares anyway).
 */
export class CategoricalAccumulator {
  readonly #reference: FeatureProfile | undefined;
  readonly #counts = new Map<string, number>();
  #missing = 0;
  #total = 0;
  readonly #distinct = new Set<string>();
  #isDistinctCapped = false;

  constructor(reference?: FeatureProfile) {
    this.#reference = reference;
  }

  add(value: CategoricalValue): void {
    this.#total++;
    if (value === null || value === undefined) {
      this.#missing++;
      return;
    }
    this.#counts.set(value, (this.#counts.get(value) ?? 0) + 1);
    if (!this.#isDistinctCapped) {
      this.#distinct.add(value);
      if (this.#distinct.size > STREAM_CATEGORY_LIMIT) this.#isDistinctCapped = true;
    }
    if (this.#counts.size > STREAM_CATEGORY_LIMIT) this.#foldRarest();
  }

  toProfile(): FeatureProfile {
    return profileCategoryCounts(
      this.#counts,
      this.#missing,
      this.#total,
      {},
      this.#reference,
      this.#distinct.size,
    );
  }

  #foldRarest(): void {
    const ranked = [...this.#counts].sort(([, a], [, b]) => a - b);
    let folded = 0;
    for (const [label, count] of ranked.slice(0, ranked.length >> 1)) {
      if (label === OTHER_CATEGORY) continue;
      folded += count;
      this.#counts.delete(label);
    }
    this.#counts.set(OTHER_CATEGORY, (this.#counts.get(OTHER_CATEGORY) ?? 0) + folded);
  }
}
