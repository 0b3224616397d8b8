import { err, ok, type Result } from "../result.ts";
import type { FeaturePair } from "./drift-report.ts";
import type { FeatureProfile } from "./feature-profile.ts";

export type NamedProfile = FeatureProfile & { feature: string };

export interface ProfileError {
  code: "INVALID_PROFILE" | "FEATURE_MISMATCH";
  /** The feature at fault: the message names it. */
  feature: string;
  message: string;
}

const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);

/** A profile whose numbers contradict each other, or null when it is coherent. */
export function checkProfile(profile: NamedProfile): ProfileError | null {
  const fail = (message: string): ProfileError => ({
    code: "INVALID_PROFILE",
    feature: profile.feature,
    message: `Feature ${profile.feature}: ${message}`,
  });
  if (profile.type === "NUMERIC") {
    if (profile.counts.length !== profile.edges.length + 1) {
      return fail(`${profile.edges.length} inner edges need ${profile.edges.length + 1} counts`);
    }
    if (
      !profile.edges.every(
        (edge, i) => Number.isFinite(edge) && (i === 0 || edge >= (profile.edges[i - 1] as number)),
      )
    ) {
      return fail("the edges must be finite and ascending");
    }
  } else {
    if (profile.counts.length !== profile.categories.length) {
      return fail(`${profile.categories.length} categories need as many counts`);
    }
    if (new Set(profile.categories).size !== profile.categories.length) {
      return fail("a category is listed twice");
    }
  }
  if (sum(profile.counts) + profile.missingCount !== profile.totalCount) {
    return fail("the counts and missingCount must add up to totalCount");
  }
  return null;
}

function checkAll(profiles: readonly NamedProfile[]): ProfileError | null {
  const seen = new Set<string>();
  for (const profile of profiles) {
    if (seen.has(profile.feature)) {
      return {
        code: "INVALID_PROFILE",
        feature: profile.feature,
        message: `Feature ${profile.feature} is profiled twice`,
      };
    }
    seen.add(profile.feature);
    const error = checkProfile(profile);
    if (error) return error;
  }
  return null;
}

/** Checks a baseline's profiles: coherent numbers, one profile per feature. */
export function checkBaseline(profiles: readonly NamedProfile[]): Result<true, ProfileError> {
  const error = checkAll(profiles);
  return error ? err(error) : ok(true);
}

const sameEdges = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((edge, i) => edge === b[i]);

/**
 * Pairs a serving window's profiles with its baseline's: the same features, the same types and,
 * for numeric features, the baseline's edges (a window is binned on them). Categorical windows
 * may bring new categories (the comparison unites them). The first mismatch is named.
 */
export function matchWindow(
  baseline: readonly NamedProfile[],
  window: readonly NamedProfile[],
): Result<FeaturePair[], ProfileError> {
  const invalid = checkAll(window);
  if (invalid) return err(invalid);
  const mismatch = (feature: string, message: string) =>
    err<ProfileError>({ code: "FEATURE_MISMATCH", feature, message });
  const byFeature = new Map(baseline.map((profile) => [profile.feature, profile]));
  const pairs: FeaturePair[] = [];
  for (const current of window) {
    const reference = byFeature.get(current.feature);
    if (!reference) {
      return mismatch(current.feature, `Feature ${current.feature} is not in the baseline`);
    }
    if (reference.type !== current.type) {
      return mismatch(
        current.feature,
        `Feature ${current.feature} is ${current.type.toLowerCase()} here but ${reference.type.toLowerCase()} in the baseline`,
      );
    }
    if (reference.type === "NUMERIC" && !sameEdges(reference.edges, current.edges)) {
      return mismatch(
        current.feature,
        `Feature ${current.feature} is not binned on the baseline's edges (${reference.edges.join(", ")})`,
      );
    }
    pairs.push({ feature: current.feature, reference, current });
  }
  const sent = new Set(window.map((profile) => profile.feature));
  const absent = baseline.find((profile) => !sent.has(profile.feature));
  if (absent) {
    return mismatch(
      absent.feature,
      `Feature ${absent.feature} of the baseline is missing from the window`,
    );
  }
  return ok(pairs);
}
