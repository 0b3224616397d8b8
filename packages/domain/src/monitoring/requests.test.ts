import { describe, expect, it } from "vitest";
import {
  buildAirflowDagRunBody,
  buildAirflowDagRunUrl,
  buildRetrainWebhookData,
  isDeliveredStatus,
} from "./requests.ts";

const trigger = {
  id: "trg_1",
  model: "fraud",
  version: 7,
  action: "RETRAIN" as const,
  createdAt: new Date(Date.UTC(2026, 10, 26, 8, 30)),
  evidence: [],
};

describe("the Airflow DAG-run request", () => {
  it("targets the stable REST API's dagRuns endpoint", () => {
    expect(buildAirflowDagRunUrl("https://airflow.example.com/", "fraud retrain")).toBe(
      "https://airflow.example.com/api/v1/dags/fraud%20retrain/dagRuns",
    );
  });

  it("carries the model, version, trigger id and evidence in conf, with a stable run id", () => {
    expect(buildAirflowDagRunBody(trigger)).toEqual({
      dag_run_id: "pedigree__trg_1",
      logical_date: "2026-11-26T08:30:00.000Z",
      conf: { model: "fraud", version: 7, trigger_id: "trg_1", action: "RETRAIN", evidence: [] },
      note: "Pedigree retrain trigger trg_1 for fraud v7",
    });
  });

  it("counts Airflow's 409 (the run exists) as delivered, not a webhook's", () => {
    expect(isDeliveredStatus("AIRFLOW", 200)).toBe(true);
    expect(isDeliveredStatus("AIRFLOW", 409)).toBe(true);
    expect(isDeliveredStatus("WEBHOOK", 409)).toBe(false);
    expect(isDeliveredStatus("WEBHOOK", 500)).toBe(false);
  });
});

describe("the generic webhook data", () => {
  it("names the trigger, the model and version, and the evidence", () => {
    expect(buildRetrainWebhookData(trigger)).toEqual({
      triggerId: "trg_1",
      model: "fraud",
      version: 7,
      action: "RETRAIN",
      createdAt: "2026-11-26T08:30:00.000Z",
      evidence: [],
    });
  });
});
