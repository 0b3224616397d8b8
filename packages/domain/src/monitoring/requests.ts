// What a trigger sends to the model's retraining target: an Airflow DAG-run request (Airflow's
// stable REST API) or the data of a generic signed webhook. Pure: ids and times are parameters.
import type { Breach, RetrainAction } from "./triggers.ts";

/** The trigger as the orchestrator is told about it. */
export interface TriggerSummary {
  id: string;
  model: string;
  version: number;
  action: RetrainAction;
  /** When it opened. */
  createdAt: Date;
  evidence: readonly Breach[];
}

/** `POST {base}/api/v1/dags/{dag_id}/dagRuns`, Airflow 2's stable REST API. */
export interface AirflowDagRunBody {
  dag_run_id: string;
  logical_date: string;
  conf: {
    model: string;
    version: number;
    trigger_id: string;
    action: RetrainAction;
    evidence: readonly Breach[];
  };
  note: string;
}

/** The run's id names the trigger, so a retry after a lost answer is refused as a duplicate (409). */
export function buildDagRunId(triggerId: string): string {
  return `pedigree__${triggerId}`;
}

export function buildAirflowDagRunUrl(baseUrl: string, dagId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/v1/dags/${encodeURIComponent(dagId)}/dagRuns`;
}

export function buildAirflowDagRunBody(trigger: TriggerSummary): AirflowDagRunBody {
  return {
    dag_run_id: buildDagRunId(trigger.id),
    logical_date: trigger.createdAt.toISOString(),
    conf: {
      model: trigger.model,
      version: trigger.version,
      trigger_id: trigger.id,
      action: trigger.action,
      evidence: trigger.evidence,
    },
    note: `Pedigree retrain trigger ${trigger.id} for ${trigger.model} v${trigger.version}`,
  };
}

/** The `data` of a generic webhook delivery (event `retrain.triggered`). */
export function buildRetrainWebhookData(trigger: TriggerSummary) {
  return {
    triggerId: trigger.id,
    model: trigger.model,
    version: trigger.version,
    action: trigger.action,
    createdAt: trigger.createdAt.toISOString(),
    evidence: trigger.evidence,
  };
}

/** Airflow answers 409 when the dag_run_id exists: an earlier attempt got through. */
export function isDeliveredStatus(kind: "AIRFLOW" | "WEBHOOK", status: number): boolean {
  if (status >= 200 && status < 300) return true;
  return kind === "AIRFLOW" && status === 409;
}
