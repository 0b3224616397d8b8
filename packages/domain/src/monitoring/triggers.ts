// Triggers: a breach opens one, or adds its evidence to the rule's open one (no storm).
import type { MonitorRuleKind, Observation } from "./rules.ts";

export type RetrainAction = "RETRAIN" | "ROLLBACK";
export type RetrainTriggerStatus = "OPEN" | "RESOLVED" | "DISMISSED";

/** A version promoted to production fewer days ago than this is rolled back, not retrained. */
export const DEFAULT_ROLLBACK_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

/** One breach of a rule: the trigger's evidence is a list of these, oldest first. */
export interface Breach {
  /** When it was evaluated. */
  at: string;
  ruleId: string;
  rule: string;
  kind: MonitorRuleKind;
  threshold: number;
  deploymentId: string;
  reportId: string | null;
  windowStart: string;
  windowEnd: string;
  /** The numbers that broke the rule, worst first. */
  observations: Observation[];
}

/** ignore: the open trigger already holds this window (its report was computed again). */
export type BreachDecision = "open" | "append" | "ignore";

export interface ActionInput {
  /** When the deployment's version last entered production; null: it is not in production. */
  promotedAt: Date | null;
  rollbackWindowDays: number;
  /** Whether the registry has a former production version to restore. */
  hasRollbackTarget: boolean;
  now: Date;
}

/**
 * A regression right after a promotion is the new version's fault: put the previous one back
 * (through the registry's approval) rather than retrain. Otherwise the data moved: retrain.
 */
export function chooseAction(input: ActionInput): RetrainAction {
  if (!input.promotedAt || !input.hasRollbackTarget) return "RETRAIN";
  const age = input.now.getTime() - input.promotedAt.getTime();
  return age >= 0 && age < input.rollbackWindowDays * DAY_MS ? "ROLLBACK" : "RETRAIN";
}

function isSameWindow(a: Breach, b: Breach): boolean {
  return (
    a.deploymentId === b.deploymentId &&
    a.windowStart === b.windowStart &&
    a.windowEnd === b.windowEnd
  );
}

/** A rule's open trigger (its evidence so far) and a new breach: open, append or ignore. */
export function decideBreach(
  open: { evidence: readonly Breach[] } | null,
  breach: Breach,
): BreachDecision {
  if (!open) return "open";
  return open.evidence.some((earlier) => isSameWindow(earlier, breach)) ? "ignore" : "append";
}

/** Whether an open trigger is settled by the version now in production. */
export function isResolvedBy(
  trigger: { versionId: string; createdAt: Date },
  production: { versionId: string; promotedAt: Date } | null,
): boolean {
  return (
    production !== null &&
    production.versionId !== trigger.versionId &&
    production.promotedAt.getTime() >= trigger.createdAt.getTime()
  );
}

/** Reads stored evidence back (JSON written by us); anything else reads as no evidence. */
export function readEvidence(stored: unknown): Breach[] {
  return Array.isArray(stored) ? (stored as Breach[]) : [];
}
