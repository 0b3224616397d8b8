// A feature profile as pipelines send it (POST /api/v1/profiles/*; `pedigree profile build`
// writes this shape): the type in lower case, and only the binning that type uses.
import type { FeatureProfile, ProfileStats } from "./feature-profile.ts";

interface ProfileJsonCommon {
  feature: string;
  counts: number[];
  missingCount: number;
  totalCount: number;
  stats: ProfileStats;
}

export type ProfileJson =
  | (ProfileJsonCommon & { type: "numeric"; edges: number[] })
  | (ProfileJsonCommon & { type: "categorical"; categories: string[] });

/** The profile a sent one describes (its feature name stays with the caller). */
export function readProfileJson(json: ProfileJson): FeatureProfile {
  return {
    type: json.type === "numeric" ? "NUMERIC" : "CATEGORICAL",
    edges: json.type === "numeric" ? json.edges : [],
    categories: json.type === "categorical" ? json.categories : [],
    counts: json.counts,
    missingCount: json.missingCount,
    totalCount: json.totalCount,
    stats: json.stats,
  };
}
