import type { Stage } from "./stage.ts";

export interface StageTransitionRecord {
  versionId: string;
  fromStage: Stage;
  toStage: Stage;
  at: Date;
}

const byTime = (a: StageTransitionRecord, b: StageTransitionRecord) =>
  a.at.getTime() - b.at.getTime();

/** The version that was in production at `at` (transitions at that very instant included). */
export function findProductionAt(
  transitions: readonly StageTransitionRecord[],
  at: Date,
): string | null {
  let production: string | null = null;
  for (const t of [...transitions].sort(byTime)) {
    if (t.at.getTime() > at.getTime()) break;
    if (t.toStage === "PRODUCTION") production = t.versionId;
    else if (t.fromStage === "PRODUCTION" && t.versionId === production) production = null;
  }
  return production;
}

/**
 * The version a rollback restores: the one that was in production just before the current one,
 * provided it still exists in a stage it can come back from (Archived).
 */
export function findRollbackTarget(
  transitions: readonly StageTransitionRecord[],
  currentProductionId: string,
  stageOf: (versionId: string) => Stage | undefined,
): string | null {
  const reachedProduction = [...transitions]
    .sort(byTime)
    .filter((t) => t.toStage === "PRODUCTION")
    .map((t) => t.versionId);
  for (let i = reachedProduction.length - 1; i >= 0; i -= 1) {
    const versionId = reachedProduction[i];
    if (versionId === undefined || versionId === currentProductionId) continue;
    return stageOf(versionId) === "ARCHIVED" ? versionId : null;
  }
  return null;
}
