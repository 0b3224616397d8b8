// What an MLflow 3.x Python client sends for set_experiment, start_run, log_param/log_metric/
// log_input, log_artifact, register_model and end_run (mlflow-rest.md §9), replayed over real
// HTTP against the route handlers: the request and answer shapes the client depends on.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { startMlflowBridge } from "./http-bridge.ts";
import { toQuery } from "./test-client.ts";

const getDb = setUpTestDatabase();
let bridge: Awaited<ReturnType<typeof startMlflowBridge>>;
let artifactsDir: string;
let auth: string;

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), "pedigree-artifacts-"));
  vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", artifactsDir);
  bridge = await startMlflowBridge();
  const db = getDb();
  const user = await createTestUser(db, { role: "ENGINEER" });
  const { token } = await createTestToken(db, user.id);
  auth = `Bearer ${token}`;
});

afterAll(async () => {
  await bridge?.stop();
  await rm(artifactsDir, { recursive: true, force: true });
});

const headers = () => ({
  authorization: auth,
  "user-agent": "mlflow-python-client/3.11.1",
  "x-mlflow-client-version": "3.11.1",
});

/** As the Python client: GET fields in the query string, JSON bodies otherwise. */
async function rpc(method: string, endpoint: string, fields: Record<string, unknown> = {}) {
  const isGet = method === "GET";
  const response = await fetch(
    `${bridge.url}/api/2.0/mlflow/${endpoint}${isGet ? toQuery(fields) : ""}`,
    {
      method,
      headers: isGet ? headers() : { ...headers(), "content-type": "application/json" },
      body: isGet ? undefined : JSON.stringify(fields),
    },
  );
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

describe("an MLflow 3 client session", () => {
  it("runs set_experiment, a run with logging, artifacts, registration and end_run", async () => {
    const version = await fetch(`${bridge.url}/version`);
    expect(await version.text()).toMatch(/^\d+\.\d+\.\d+$/);
    const info = await fetch(`${bridge.url}/api/3.0/mlflow/server-info`, { headers: headers() });
    expect(await info.json()).toMatchObject({ workspaces_enabled: false });

    // set_experiment: get-by-name, RESOURCE_DOES_NOT_EXIST, then create.
    const missing = await rpc("GET", "experiments/get-by-name", { experiment_name: "fraud" });
    expect(missing).toMatchObject({ status: 404, json: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    const { experiment_id } = (await rpc("POST", "experiments/create", { name: "fraud" })).json;

    // start_run
    const created = await rpc("POST", "runs/create", {
      experiment_id,
      start_time: 1_760_000_000_000,
      run_name: "train",
      tags: [
        { key: "mlflow.user", value: "ada" },
        { key: "mlflow.source.name", value: "train.py" },
        { key: "mlflow.source.type", value: "LOCAL" },
        { key: "mlflow.source.git.commit", value: "0123abcd" },
        { key: "mlflow.runName", value: "train" },
      ],
    });
    expect(created.status).toBe(200);
    const runId = created.json.run.info.run_id as string;
    expect(runId).toMatch(/^[0-9a-f]{32}$/);

    // log_param, log_metric, log_metrics (batched), log_input
    expect(
      (
        await rpc("POST", "runs/log-parameter", {
          run_id: runId,
          run_uuid: runId,
          key: "depth",
          value: "6",
        })
      ).json,
    ).toEqual({});
    await rpc("POST", "runs/log-metric", {
      run_id: runId,
      run_uuid: runId,
      key: "auc",
      value: 0.91,
      timestamp: 1_760_000_000_100,
      step: 0,
    });
    const batch = await rpc("POST", "runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "loss", value: "NaN", timestamp: 1_760_000_000_200, step: 0 },
        { key: "loss", value: 0.3, timestamp: 1_760_000_000_300, step: 1 },
        { key: "grad", value: "Infinity", timestamp: 1_760_000_000_300, step: 1 },
      ],
      params: [{ key: "lr", value: "0.05" }],
      tags: [{ key: "mlflow.note.content", value: "baseline" }],
    });
    expect(batch).toEqual({ status: 200, json: {} });
    const inputs = await rpc("POST", "runs/log-inputs", {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: {
            name: "transactions",
            digest: "9f8e7d6c",
            source_type: "s3",
            source: JSON.stringify({ uri: "s3://data/transactions/2026-11" }),
            schema: JSON.stringify({ mlflow_colspec: [{ type: "double", name: "amount" }] }),
            profile: JSON.stringify({ num_rows: 50_000, num_elements: 50_000 }),
          },
        },
      ],
    });
    expect(inputs.status).toBe(200);

    // runs/get as log_model does, with the latest metrics and the inputs.
    const run = (await rpc("GET", "runs/get", { run_id: runId, run_uuid: runId })).json.run;
    const metrics = Object.fromEntries(
      run.data.metrics.map((m: { key: string; value: unknown }) => [m.key, m.value]),
    );
    expect(metrics).toEqual({ auc: 0.91, loss: 0.3, grad: "Infinity" });
    expect(run.inputs.dataset_inputs[0].dataset).toMatchObject({
      name: "transactions",
      digest: "9f8e7d6c",
    });

    // runs/search with the filter grammar
    const found = await rpc("POST", "runs/search", {
      experiment_ids: [experiment_id],
      filter: "metrics.auc > 0.9 and tags.`mlflow.source.git.commit` = '0123abcd'",
      run_view_type: "ACTIVE_ONLY",
      max_results: 1000,
      order_by: ["attributes.start_time DESC"],
    });
    expect(found.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([
      runId,
    ]);

    // get_metric_history pages with max_results until no token
    const history = await rpc("GET", "metrics/get-history", {
      run_id: runId,
      run_uuid: runId,
      metric_key: "loss",
      max_results: "1",
    });
    expect(history.json.metrics).toEqual([
      { key: "loss", value: "NaN", timestamp: 1_760_000_000_200, step: 0 },
    ]);
    const rest = await rpc("GET", "metrics/get-history", {
      run_id: runId,
      metric_key: "loss",
      max_results: "1",
      page_token: history.json.next_page_token,
    });
    expect(rest.json.metrics[0].value).toBe(0.3);

    // log_artifact: PUT raw bytes to mlflow-artifacts, list it, download it
    const artifactUrl = `${bridge.url}/api/2.0/mlflow-artifacts/artifacts/${experiment_id}/${runId}/artifacts/model/model.pkl`;
    const bytes = Buffer.from("pickled model bytes \u0000\u0001");
    const put = await fetch(artifactUrl, {
      method: "PUT",
      headers: { ...headers(), "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(put.status).toBe(200);
    const listed = await rpc("GET", "artifacts/list", { run_id: runId, path: "model" });
    expect(listed.json.files).toEqual([
      { path: "model/model.pkl", is_dir: false, file_size: bytes.length },
    ]);
    const download = await fetch(artifactUrl, { headers: headers() });
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="model.pkl"');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const traversal = await fetch(
      `${bridge.url}/api/2.0/mlflow-artifacts/artifacts/${experiment_id}/..%2F..%2Fetc`,
      { method: "PUT", headers: headers(), body: "x" },
    );
    expect(traversal.status).toBe(400);

    // register_model: create (tolerating RESOURCE_ALREADY_EXISTS), version, poll get, transition
    expect((await rpc("POST", "registered-models/create", { name: "fraud-model" })).status).toBe(
      200,
    );
    const exists = await rpc("POST", "registered-models/create", { name: "fraud-model" });
    expect(exists).toMatchObject({ status: 400, json: { error_code: "RESOURCE_ALREADY_EXISTS" } });
    const mv = await rpc("POST", "model-versions/create", {
      name: "fraud-model",
      source: `runs:/${runId}/model`,
      run_id: runId,
    });
    expect(mv.json.model_version).toMatchObject({ version: "1", status: "READY" });
    const polled = await rpc("GET", "model-versions/get", { name: "fraud-model", version: "1" });
    expect(polled.json.model_version.status).toBe("READY");
    const staged = await rpc("POST", "model-versions/transition-stage", {
      name: "fraud-model",
      version: "1",
      stage: "Staging",
      archive_existing_versions: false,
    });
    expect(staged.json.model_version.current_stage).toBe("Staging");
    const production = await rpc("POST", "model-versions/transition-stage", {
      name: "fraud-model",
      version: "1",
      stage: "Production",
      archive_existing_versions: true,
    });
    expect(production).toMatchObject({ status: 403, json: { error_code: "PERMISSION_DENIED" } });
    const uri = await rpc("GET", "model-versions/get-download-uri", {
      name: "fraud-model",
      version: "1",
    });
    expect(uri.json.artifact_uri).toBe(
      `mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model`,
    );
    const latest = await rpc("GET", "registered-models/get-latest-versions", {
      name: "fraud-model",
      stages: ["Staging"],
    });
    expect(latest.json.model_versions[0].version).toBe("1");

    // end_run
    const ended = await rpc("POST", "runs/update", {
      run_id: runId,
      run_uuid: runId,
      status: "FINISHED",
      end_time: 1_760_000_009_000,
    });
    expect(ended.json.run_info).toMatchObject({ status: "FINISHED", end_time: 1_760_000_009_000 });
  });

  it("answers unknown routes with a bare 404, missing credentials with 401, and serves /ajax-api", async () => {
    const unknown = await fetch(`${bridge.url}/api/2.0/mlflow/no/such/route`, {
      headers: headers(),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("");
    const anonymous = await fetch(`${bridge.url}/api/2.0/mlflow/experiments/search`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error_code).toBe("UNAUTHENTICATED");
    const ajax = await fetch(`${bridge.url}/ajax-api/2.0/mlflow/experiments/search`, {
      headers: headers(),
    });
    expect(ajax.status).toBe(200);
  });
});
