import { buildCategoricalProfileOn, type CategoricalValue } from "./categorical-profile.ts";
import type { FeatureProfile } from "./feature-profile.ts";
import { buildNumericProfile, type NumericValue } from "./numeric-profile.ts";

export type SampleValue = NumericValue | CategoricalValue;

/**
 * Profiles a current sample (a serving window) on the reference's bins, so that the two can be
 * compared. In a numeric feature a string is missing; in a categorical one a finite number is
 * its decimal text and a non-finite one is missing.
 */
export function binSample(
  reference: FeatureProfile,
  values: readonly SampleValue[],
): FeatureProfile {
  if (reference.type === "NUMERIC") {
    return buildNumericProfile(
      values.map((value) => (typeof value === "number" ? value : null)),
      reference.edges,
    );
  }
  return buildCategoricalProfileOn(
    reference,
    values.map((value) =>
      typeof value === "number" ? (Number.isFinite(value) ? String(value) : null) : value,
    ),
  );
}
