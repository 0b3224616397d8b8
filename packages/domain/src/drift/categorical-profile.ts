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
  // An `__other__` already counted (a folded stream) takes the folded tail, not a kept slot.
  const existing = ranked.find(([label]) => label === OTHER_CATEGORY)?.[1] ?? 0;
  const rest = ranked.filter(([label]) => label !== OTHER_CATEGORY);
  const kept = rest.slice(0, Math.max(room - 1, 0));
  let other = existing;
  for (const [, count] of rest.slice(kept.length)) other += count;
  return [...kept, [OTHER_CATEGORY, other]];
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
  return profileCategoryCounts(counts, missingCount, values.length, options);
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
  return profileCategoryCounts(counts, missingCount, values.length, options, reference);
}

/**
 * The profile of counted categories (what both builders above do after counting; streams count
 * on their own): as a reference, or on `reference`'s categories when one is given.
 */
export function profileCategoryCounts(
  counts: ReadonlyMap<string, number>,
  missingCount: number,
  totalCount: number,
  options: CategoricalOptions = {},
  reference?: FeatureProfile,
  distinctCount: number = counts.size,
): FeatureProfile {
  const cap = options.maxCategories ?? MAX_CATEGORIES;
  if (!reference) {
    const entries = foldCategories(rankCategories(new Map(counts)), cap);
    return toProfile(entries, missingCount, totalCount, distinctCount);
  }
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
  const room = Math.max(cap - entries.length, 1);
  return toProfile(
    [...entries, ...foldCategories(tail, room)],
    missingCount,
    totalCount,
    distinctCount,
  );
}
