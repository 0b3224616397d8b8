// The npm package `mlflow` (v2.0.7, a third-party MLflow REST client) against the real route
// handlers over real HTTP: experiments (with the legacy experiments/list), runs, params, metrics
// and tags round-trip.
import MLflow from "mlflow";
import { RunStatus, ViewType } from "mlflow/enum.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { startMlflowBridge } from "./http-bridge.ts";

const getDb = setUpTestDatabase();
let bridge: Awaited<ReturnType<typeof startMlflowBridge>>;
let mlflow: InstanceType<typeof MLflow>;

beforeAll(async () => {
  // The package logs every request body.
  vi.spyOn(console, "log").mockImplementation(() => {});
  bridge = await startMlflowBridge();
  const db = getDb();
  const user = await createTestUser(db, { role: "ENGINEER" });
  const { token } = await createTestToken(db, user.id);
  // As MLFLOW_TRACKING_USERNAME/PASSWORD: any user name, our API token as the password.
  const basic = Buffer.from(`mlflow:${token}`).toString("base64");
  mlflow = new MLflow({ endpoint: bridge.url, headers: { Authorization: `Basic ${basic}` } });
});

afterAll(async () => {
  await bridge?.stop();
  vi.restoreAllMocks();
});

describe("the npm mlflow client", () => {
  it("round-trips experiments, runs, params, metrics and tags", async () => {
    const { experiment_id } = await mlflow.Experiments.create({
      name: "npm-client",
      artifact_location: "",
    });
    await mlflow.Experiments.setExperimentTag({ experiment_id, key: "team", value: "js" });
    const listed = await mlflow.Experiments.list({ view_type: ViewType.ACTIVE_ONLY });
    const mine = listed.experiments.find(
      (e: { experiment_id: string }) => e.experiment_id === experiment_id,
    );
    expect(mine).toMatchObject({ name: "npm-client", tags: [{ key: "team", value: "js" }] });
    const fetched = await mlflow.Experiments.get({ experiment_id });
    expect(fetched.experiment.name).toBe("npm-client");

    const { run } = await mlflow.Runs.create({
      experiment_id,
      user_id: "node",
      start_time: 1_700_000_000_000,
      tags: [{ key: "mlflow.source.name", value: "npm" }],
    });
    const runId = run.info.run_id as string;
    await mlflow.Runs.logParameter({ run_id: runId, key: "lr", value: "0.01" });
    await mlflow.Runs.logMetric({ run_id: runId, key: "loss", value: 0.9, timestamp: 1, step: 0 });
    await mlflow.Runs.logMetric({ run_id: runId, key: "loss", value: 0.4, timestamp: 2, step: 1 });
    await mlflow.Runs.setTag({ run_id: runId, key: "stage", value: "dev" });
    await mlflow.Runs.logBatch({
      run_id: runId,
      metrics: [{ key: "acc", value: 0.8, timestamp: 3, step: 1 }],
      params: [{ key: "epochs", value: "3" }],
      tags: [{ key: "note", value: "batch" }],
    });
    await mlflow.Runs.update({
      run_id: runId,
      status: RunStatus.FINISHED,
      end_time: 1_700_000_100_000,
    });

    const got = await mlflow.Runs.get({ run_id: runId });
    expect(got.run.info).toMatchObject({ status: RunStatus.FINISHED, end_time: 1_700_000_100_000 });
    const byKey = (items: { key: string }[]) => Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey(got.run.data.params)).toMatchObject({
      lr: { value: "0.01" },
      epochs: { value: "3" },
    });
    expect(byKey(got.run.data.metrics)).toMatchObject({
      loss: { value: 0.4, step: 1 },
      acc: { value: 0.8 },
    });
    expect(byKey(got.run.data.tags)).toMatchObject({
      stage: { value: "dev" },
      note: { value: "batch" },
    });

    const history = await mlflow.Metrics.getHistory({ run_id: runId, metric_key: "loss" });
    expect(history.metrics.map((m: { value: number }) => m.value)).toEqual([0.9, 0.4]);
    const found = await mlflow.Runs.search({
      experiment_ids: [experiment_id],
      filter: "metrics.loss < 0.5",
    });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);

    await mlflow.Runs.deleteTag({ run_id: runId, key: "stage" });
    await mlflow.Runs.delete({ run_id: runId });
    await mlflow.Experiments.delete({ experiment_id });
    await expect(mlflow.Runs.get({ run_id: "missing" })).rejects.toThrow(/RESOURCE_DOES_NOT_EXIST/);
  });
});
