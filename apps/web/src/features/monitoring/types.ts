// The monitoring slice's views: what its API answers and its pages show (client-safe).
import type {
  Breach,
  MonitorRuleKind,
  RetrainAction,
  RetrainTriggerStatus,
} from "@pedigree/domain";

export interface MonitorRuleView {
  id: string;
  name: string;
  kind: MonitorRuleKind;
  subject: string | null;
  threshold: number;
  isEnabled: boolean;
  /** The rule in words ("PSI of any feature > 0.2"). */
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface RetrainTargetView {
  kind: "AIRFLOW" | "WEBHOOK";
  url: string;
  dagId: string | null;
  auth: "NONE" | "BASIC" | "BEARER";
  /** Whether a credential is stored (it is never returned). */
  hasCredential: boolean;
  credentialEnv: string | null;
  rollbackWindowDays: number;
}

export interface DeliveryAttemptView {
  number: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

export interface RetrainDeliveryView {
  id: string;
  kind: "AIRFLOW" | "WEBHOOK";
  url: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
  body: unknown;
  attemptLog: DeliveryAttemptView[];
}

export interface RetrainTriggerView {
  id: string;
  model: string;
  rule: { id: string; name: string; description: string };
  version: number | null;
  deploymentId: string;
  action: RetrainAction;
  status: RetrainTriggerStatus;
  evidence: Breach[];
  breachCount: number;
  createdAt: string;
  lastBreachAt: string;
  externalRunId: string | null;
  rollbackRequestId: string | null;
  resolvedAt: string | null;
  resolvedByVersion: number | null;
  dismissedAt: string | null;
  dismissedBy: string | null;
  dismissReason: string | null;
  deliveries: RetrainDeliveryView[];
}

/** The loop a trigger starts: retraining runs -> versions -> their gates and promotions. */
export interface TriggerLoopView {
  runs: {
    id: string;
    name: string;
    status: string;
    startTime: string;
    versions: {
      version: number;
      stage: string;
      requests: {
        id: string;
        kind: string;
        toStage: string;
        status: string;
        gateResults: { gate: string; outcome: string }[];
      }[];
      promotedAt: string | null;
    }[];
  }[];
}

export interface TriggerPageView {
  trigger: RetrainTriggerView;
  loop: TriggerLoopView;
}
