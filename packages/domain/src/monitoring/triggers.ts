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
  /** The numbers that broke the rule, worst first (at most MAX_OBSERVATIONS). */
  observations: Observation[];
  /** How many numbers broke it (features past the threshold, or 1). */
  observationCount: number;
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

/** The keys that name a breach's window: an open trigger holds each window at most once. */
export function toWindowKey(
  breach: Breach,
): Pick<Breach, "deploymentId" | "windowStart" | "windowEnd"> {
  return {
    deploymentId: breach.deploymentId,
    windowStart: breach.windowStart,
    windowEnd: breach.windowEnd,
  };
}

/**
 * The rule's open trigger (whether its evidence holds this breach's window already) and a new
 * breach: open a trigger, append to the open one, or ignore a window seen (a report recomputed).
 */
export function decideBreach(open: { hasWindow: boolean } | null): BreachDecision {
  if (!open) return "open";
  return open.hasWindow ? "ignore" : "append";
}

/** At most this many observations are kept per breach (worst first); the count says how many. */
export const MAX_OBSERVATIONS = 20;

/** A breach with its observations (worst first) capped, so evidence stays small in a storm. */
export function buildBreach(
  input: Omit<Breach, "observations" | "observationCount">,
  observations: readonly Observation[],
): Breach {
  return {
    ...input,
    observations: observations.slice(0, MAX_OBSERVATIONS),
    observationCount: observations.length,
  };
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
