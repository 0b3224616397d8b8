import type { FeatureProfile } from "./feature-profile.ts";
import { MAX_CATEGORIES, OTHER_CATEGORY } from "./feature-profile.ts";

export type CategoricalValue = string | null | undefined;

export interface CategoricalOptions {
  /** At most this many bins, `__other__` included (default 1,000). */
  maxCategories?: number;
}

function countCategories(values: readonly CategoricalValue[]) {
  const counts = new Map<string, number>();
  let missingCount = 0;
  for (const value of values) {
    if (value === null || value === undefined) missingCount++;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { counts, missingCount };
}

// Most frequent first, then by label (code units, not locale: the order must not depend on the
// machine), so that folding keeps the frequent categories and the result is deterministic.
function rankCategories(counts: Map<string, number>): [string, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

/** Keeps the first `room - 1` entries and folds the rest into `__other__` when they overflow. */
function foldCategories(ranked: [string, number][], room: number): [string, number][] {
  if (ranked.length <= room) return ranked;
  const kept = ranked.slice(0, Math.max(room - 1, 0));
  let other = 0;
  for (const [, count] of ranked.slice(kept.length)) other += count;
  const merged = kept.filter(([label]) => label !== OTHER_CATEGORY);
  const existing = kept.find(([label]) => label === OTHER_CATEGORY)?.[1] ?? 0;
  return [...merged, [OTHER_CATEGORY, existing + other]];
}

function toProfile(
  entries: [string, number][],
  missingCount: number,
  totalCount: number,
  distinctCount: number,
): FeatureProfile {
  return {
    type: "CATEGORICAL",
    edges: [],
    categories: entries.map(([label]) => label),
    counts: entries.map(([, count]) => count),
    missingCount,
    totalCount,
    stats: { distinctCount },
  };
}

/** Profiles a reference sample: one bin per category, most frequent first, capped. */
export function buildCategoricalProfile(
  values: readonly CategoricalValue[],
  options: CategoricalOptions = {},
): FeatureProfile {
  const { counts, missingCount } = countCategories(values);
  const entries = foldCategories(rankCategories(counts), options.maxCategories ?? MAX_CATEGORIES);
  return toProfile(entries, missingCount, values.length, counts.size);
}

/**
 * Profiles a current sample on a reference's categories, in the reference's order, followed by
 * categories the reference never saw (the union of both samples). When the reference folded its
 * tail, an unknown value may be one of the folded ones, so it goes to `__other__`. New categories
 * past the cap fold into `__other__`, the one bin a current profile may add beyond it.
 */
export function buildCategoricalProfileOn(
  reference: FeatureProfile,
  values: readonly CategoricalValue[],
  options: CategoricalOptions = {},
): FeatureProfile {
  const { counts, missingCount } = countCategories(values);
  const known = new Set(reference.categories);
  const hasOther = known.has(OTHER_CATEGORY);
  const entries: [string, number][] = reference.categories.map((label) => [
    label,
    counts.get(label) ?? 0,
  ]);
  const unseen = new Map<string, number>();
  for (const [label, count] of counts) if (!known.has(label)) unseen.set(label, count);
  let tail = rankCategories(unseen);
  if (hasOther) {
    const index = reference.categories.indexOf(OTHER_CATEGORY);
    const folded = tail.reduce((sum, [, count]) => sum + count, 0);
    const slot = entries[index] as [string, number];
    slot[1] += folded;
    tail = [];
  }
  const room = Math.max((options.maxCategories ?? MAX_CATEGORIES) - entries.length, 1);
  return toProfile(
    [...entries, ...foldCategories(tail, room)],
    missingCount,
    values.length,
    counts.size,
  );
}
