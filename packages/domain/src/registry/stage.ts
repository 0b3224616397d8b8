/** A model version's stage. NONE is MLflow's "None": a fresh version in development. */
export const STAGES = ["NONE", "STAGING", "PRODUCTION", "ARCHIVED"] as const;
export type Stage = (typeof STAGES)[number];

/** What a promotion request may ask for; archiving happens as a side effect or by hand. */
export type TargetStage = "STAGING" | "PRODUCTION";

// The transition table. Production is reached from Staging (or straight from NONE, when the
// policy's gates and approvals allow it) and, for a rollback, from Archived. Every stage can be
// archived; an archived version can come back to Staging for another evaluation.
const ALLOWED: Record<Stage, readonly Stage[]> = {
  NONE: ["STAGING", "PRODUCTION", "ARCHIVED"],
  STAGING: ["PRODUCTION", "ARCHIVED", "NONE"],
  PRODUCTION: ["ARCHIVED"],
  ARCHIVED: ["STAGING", "PRODUCTION"],
};

export function canTransition(from: Stage, to: Stage): boolean {
  return ALLOWED[from].includes(to);
}
