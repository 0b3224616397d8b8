import type { GateResult, PromotionPolicy, Stage } from "@pedigree/domain";
import type { DeploymentView } from "../deployments/types.ts";

// The registry API's JSON shapes (the registry contract). Dates are ISO strings.

export interface UserView {
  id: string;
  email: string;
  name: string;
}

export interface PromotionRequestView {
  id: string;
  model: string;
  version: number;
  kind: "PROMOTION" | "ROLLBACK";
  fromStage: Stage;
  toStage: Stage;
  reason: string;
  status: "PENDING" | "REJECTED" | "EXECUTED" | "STALE" | "CANCELLED";
  requestedBy: UserView;
  requiredApprovals: number;
  approvalCount: number;
  approvals: {
    approver: UserView;
    decision: "APPROVE" | "REJECT";
    comment: string;
    createdAt: string;
  }[];
  /** As last evaluated: at request time, or at the last attempt to execute. */
  gateResults: GateResult[];
  overrides: { gate: string; admin: UserView; justification: string; createdAt: string }[];
  createdAt: string;
  closedAt: string | null;
}

export interface ModelVersionView {
  version: number;
  stage: Stage;
  aliases: string[];
  runId: string | null;
  runName: string | null;
  createdAt: string;
  stageChangedAt: string;
  /** The run's latest metric values; NaN and ±Infinity become null. */
  metrics: Record<string, number | null>;
  primaryMetric: { key: string; value: number | null; changeVsProduction: number | null } | null;
  /** The gates as if the version were requested for Production now; [] for the production one. */
  gateSummary: GateResult[];
}

export type { DeploymentView };

export interface ModelDetailView {
  name: string;
  description: string;
  policy: PromotionPolicy;
  versions: ModelVersionView[];
  openRequests: PromotionRequestView[];
  deployments: DeploymentView[];
}

export interface TransitionView {
  version: number;
  fromStage: Stage;
  toStage: Stage;
  actor: UserView | null;
  reason: string;
  requestId: string | null;
  kind: "PROMOTION" | "ROLLBACK" | null;
  createdAt: string;
}

export interface ModelHistoryView {
  at: string | null;
  /** The version in production at `at`, or now. */
  productionVersion: number | null;
  transitions: TransitionView[];
}
