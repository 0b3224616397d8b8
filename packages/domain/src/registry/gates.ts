import type { PromotionPolicy } from "./policy.ts";
import type { TargetStage } from "./stage.ts";

export const GATES = ["lineage", "evaluation", "data_quality", "drift"] as const;
export type Gate = (typeof GATES)[number];
export type GateOutcome = "passed" | "failed" | "not_applicable";

export interface GateResult {
  gate: Gate;
  outcome: GateOutcome;
  /** One sentence for people, with the numbers. */
  summary: string;
  /** The numbers behind the outcome, for the record. */
  details: Record<string, string | number | boolean | null>;
}

/** What the gates need to know about the candidate version, loaded by the caller. */
export interface CandidateFacts {
  runId: string | null;
  trainingDatasetVersionIds: readonly string[];
  commitSha: string | null;
  /** The candidate run's latest value of the policy's primary metric. */
  metricValue: number | null;
  /** Quality checks of its training dataset versions. */
  qualityChecks: readonly { name: string; passed: boolean }[];
  /** Drift of the latest serving window against the candidate's training baseline, if any. */
  drift: {
    severity: "NONE" | "MODERATE" | "SIGNIFICANT";
    maxPsi: number;
    feature: string | null;
  } | null;
}

export interface GateInput {
  target: TargetStage;
  /**
   * A rollback restores the version that was in production before: it is not compared with the
   * version it replaces, nor held back by drift (often the very reason to roll back). Lineage and
   * data quality still apply.
   */
  kind: "PROMOTION" | "ROLLBACK";
  policy: PromotionPolicy;
  candidate: CandidateFacts;
  /** The current production version's primary metric; null when there is no production version. */
  production: { version: number; metricValue: number | null } | null;
}

export function evaluateGates(input: GateInput): GateResult[] {
  return [checkLineage(input), checkEvaluation(input), checkDataQuality(input), checkDrift(input)];
}

function checkLineage({ candidate }: GateInput): GateResult {
  const missing = [
    candidate.runId ? null : "run",
    candidate.trainingDatasetVersionIds.length ? null : "training dataset version",
    candidate.commitSha ? null : "code commit",
  ].filter((item): item is string => item !== null);
  return {
    gate: "lineage",
    outcome: missing.length ? "failed" : "passed",
    summary: missing.length
      ? `Lineage incomplete: no ${missing.join(", no ")}`
      : "Run, training dataset version and code commit are recorded",
    details: {
      runId: candidate.runId,
      commitSha: candidate.commitSha,
      missing: missing.join(", ") || null,
    },
  };
}

/** Relative change in the policy's direction: positive is better. */
export function computeImprovement(
  candidate: number,
  production: number,
  direction: "maximize" | "minimize",
): number {
  const better = direction === "maximize" ? candidate - production : production - candidate;
  if (production === 0) return better === 0 ? 0 : Math.sign(better) * Number.POSITIVE_INFINITY;
  return better / Math.abs(production);
}

function checkEvaluation({ target, kind, policy, candidate, production }: GateInput): GateResult {
  const metric = policy.primaryMetric;
  const notApplicable = (summary: string): GateResult => ({
    gate: "evaluation",
    outcome: "not_applicable",
    summary,
    details: {},
  });
  if (target !== "PRODUCTION") return notApplicable("Only promotions to Production are evaluated");
  if (kind === "ROLLBACK") {
    return notApplicable("A rollback restores a former production version; not compared");
  }
  if (!metric) return notApplicable("The policy names no primary metric");
  if (!production) return notApplicable("There is no production version to beat");
  const details = {
    metric: metric.key,
    direction: metric.direction,
    candidate: candidate.metricValue,
    production: production.metricValue,
    productionVersion: production.version,
    requiredImprovement: policy.minImprovement,
  };
  if (candidate.metricValue === null || !Number.isFinite(candidate.metricValue)) {
    return {
      gate: "evaluation",
      outcome: "failed",
      summary: `The candidate has no finite ${metric.key}`,
      details,
    };
  }
  if (production.metricValue === null || !Number.isFinite(production.metricValue)) {
    return notApplicable(
      `Production v${production.version} has no finite ${metric.key} to compare with`,
    );
  }
  const improvement = computeImprovement(
    candidate.metricValue,
    production.metricValue,
    metric.direction,
  );
  const passed = improvement >= policy.minImprovement;
  const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
  return {
    gate: "evaluation",
    outcome: passed ? "passed" : "failed",
    summary: `${metric.key} ${candidate.metricValue} vs ${production.metricValue} in production v${production.version}: ${percent(improvement)} ${passed ? ">=" : "<"} the required ${percent(policy.minImprovement)}`,
    details: { ...details, improvement },
  };
}

function checkDataQuality({ candidate }: GateInput): GateResult {
  if (!candidate.trainingDatasetVersionIds.length) {
    return {
      gate: "data_quality",
      outcome: "failed",
      summary: "No training dataset version, so no quality checks",
      details: {},
    };
  }
  const failed = candidate.qualityChecks
    .filter((check) => !check.passed)
    .map((check) => check.name);
  return {
    gate: "data_quality",
    outcome: failed.length ? "failed" : "passed",
    summary: failed.length
      ? `Quality checks failed: ${failed.join(", ")}`
      : `All ${candidate.qualityChecks.length} quality checks passed`,
    details: { checks: candidate.qualityChecks.length, failed: failed.join(", ") || null },
  };
}

function checkDrift({ target, kind, candidate }: GateInput): GateResult {
  if (target !== "PRODUCTION") {
    return {
      gate: "drift",
      outcome: "not_applicable",
      summary: "Only promotions to Production are checked for drift",
      details: {},
    };
  }
  if (kind === "ROLLBACK") {
    return {
      gate: "drift",
      outcome: "not_applicable",
      summary: "A rollback is not held back by drift",
      details: {},
    };
  }
  if (!candidate.drift) {
    return {
      gate: "drift",
      outcome: "not_applicable",
      summary: "No serving window to compare with yet",
      details: {},
    };
  }
  const { severity, maxPsi, feature } = candidate.drift;
  const significant = severity === "SIGNIFICANT";
  return {
    gate: "drift",
    outcome: significant ? "failed" : "passed",
    summary: significant
      ? `The latest serving window drifted from the training baseline (PSI ${maxPsi.toFixed(3)} on ${feature})`
      : `No significant drift against the latest serving window (max PSI ${maxPsi.toFixed(3)})`,
    details: { severity, maxPsi, feature },
  };
}

/** The failed gates that no admin override covers: these block a request. */
export function findBlockingGates(
  results: readonly GateResult[],
  overriddenGates: readonly Gate[],
): Gate[] {
  return results
    .filter((result) => result.outcome === "failed" && !overriddenGates.includes(result.gate))
    .map((result) => result.gate);
}
