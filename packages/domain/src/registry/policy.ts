import type { Role } from "../roles.ts";

export type MetricDirection = "maximize" | "minimize";

/** What a registered model requires before a version changes stage. Stored as JSON per model. */
export interface PromotionPolicy {
  /** Approvals each target needs; the requester's own never counts. */
  requiredApprovals: { STAGING: number; PRODUCTION: number; ROLLBACK: number };
  /** The least role that may approve or reject. */
  approverRole: Role;
  /** The metric the evaluation gate compares; without one the gate is not applicable. */
  primaryMetric: { key: string; direction: MetricDirection } | null;
  /** Relative margin by which a candidate must beat production (0.01: 1%). */
  minImprovement: number;
}

export const DEFAULT_POLICY: PromotionPolicy = {
  requiredApprovals: { STAGING: 0, PRODUCTION: 2, ROLLBACK: 1 },
  approverRole: "APPROVER",
  primaryMetric: null,
  minImprovement: 0.01,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const count = (value: unknown, fallback: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fallback;

/**
 * Reads a stored policy, filling what it leaves out with the defaults. Stored JSON was validated
 * when written; anything unreadable here falls back to the default, which is the strict side.
 */
export function resolvePolicy(stored: unknown): PromotionPolicy {
  if (!isRecord(stored)) return DEFAULT_POLICY;
  const approvals = isRecord(stored.requiredApprovals) ? stored.requiredApprovals : {};
  const metric = isRecord(stored.primaryMetric) ? stored.primaryMetric : null;
  const direction = metric?.direction === "minimize" ? "minimize" : "maximize";
  return {
    requiredApprovals: {
      STAGING: count(approvals.STAGING, DEFAULT_POLICY.requiredApprovals.STAGING),
      PRODUCTION: count(approvals.PRODUCTION, DEFAULT_POLICY.requiredApprovals.PRODUCTION),
      ROLLBACK: count(approvals.ROLLBACK, DEFAULT_POLICY.requiredApprovals.ROLLBACK),
    },
    approverRole: DEFAULT_POLICY.approverRole,
    primaryMetric:
      metric && typeof metric.key === "string" && metric.key
        ? { key: metric.key, direction }
        : null,
    minImprovement:
      typeof stored.minImprovement === "number" && stored.minImprovement >= 0
        ? stored.minImprovement
        : DEFAULT_POLICY.minImprovement,
  };
}
