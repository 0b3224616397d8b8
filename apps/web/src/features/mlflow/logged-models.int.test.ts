// MLflow 3's log_model path (mlflow-rest.md §9 step 4-5): a LoggedModel, its files, finalize,
// and a registration from `models:/m-...` that keeps the run for lineage.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { createMlflowClient } from "./test-client.ts";

const getDb = setUpTestDatabase();
let client: ReturnType<typeof createMlflowClient>;
let artifactsDir: string;

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), "pedigree-artifacts-"));
  vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", artifactsDir);
  const db = getDb();
  const user = await createTestUser(db, { role: "ENGINEER" });
  client = createMlflowClient((await createTestToken(db, user.id)).token);
});

afterAll(async () => {
  await rm(artifactsDir, { recursive: true, force: true });
});

describe("logged models", () => {
  it("logs a model, finalizes it and registers it with its run", async () => {
    const experimentId = (await client.post("experiments/create", { name: "lm" })).json
      .experiment_id;
    const runId = (await client.post("runs/create", { experiment_id: experimentId })).json.run.info
      .run_id as string;

    const created = await client.post("logged-models", {
      experiment_id: experimentId,
      name: "model",
      model_type: "sklearn",
      source_run_id: runId,
      params: [{ key: "alpha", value: "0.1" }],
      tags: [{ key: "mlflow.source.name", value: "train.py" }],
    });
    expect(created.status).toBe(200);
    const info = created.json.model.info;
    const modelId = info.model_id as string;
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(info).toMatchObject({
      experiment_id: experimentId,
      name: "model",
      status: "LOGGED_MODEL_PENDING",
      source_run_id: runId,
      artifact_uri: `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts`,
    });
    expect(created.json.model.data.params).toEqual([{ key: "alpha", value: "0.1" }]);

    expect(
      (
        await client.post("runs/outputs", {
          run_id: runId,
          models: [{ model_id: modelId, step: 0 }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await client.post(`logged-models/${modelId}/params`, {
          params: [{ key: "beta", value: "2" }],
        })
      ).status,
    ).toBe(200);
    const put = await client.call(
      "PUT",
      `artifacts/${experimentId}/models/${modelId}/artifacts/MLmodel`,
      {},
      {
        base: "mlflow-artifacts",
        rawBody: "flavors: {}\n",
      },
    );
    expect(put.status).toBe(200);
    const ready = await client.patch(`logged-models/${modelId}`, {
      model_id: modelId,
      status: "LOGGED_MODEL_READY",
    });
    expect(ready.json.model.info.status).toBe("LOGGED_MODEL_READY");

    await client.post("registered-models/create", { name: "lm-model" });
    const version = await client.post("model-versions/create", {
      name: "lm-model",
      source: `models:/${modelId}`,
      model_id: modelId,
    });
    expect(version.json.model_version).toMatchObject({
      version: "1",
      run_id: runId,
      status: "READY",
    });
    const uri = await client.get("model-versions/get-download-uri", {
      name: "lm-model",
      version: "1",
    });
    expect(uri.json.artifact_uri).toBe(info.artifact_uri);

    const tagged = await client.patch(`logged-models/${modelId}/tags`, {
      tags: [{ key: "mlflow.modelVersions", value: '[{"name": "lm-model", "version": "1"}]' }],
    });
    expect(tagged.json.model.info.tags).toContainEqual({
      key: "mlflow.modelVersions",
      value: '[{"name": "lm-model", "version": "1"}]',
    });
    const got = await client.get(`logged-models/${modelId}`);
    expect(got.json.model.data.params).toEqual([
      { key: "alpha", value: "0.1" },
      { key: "beta", value: "2" },
    ]);
    expect((await client.delete(`logged-models/${modelId}/tags/mlflow.source.name`)).status).toBe(
      200,
    );
    const missingTag = await client.delete(`logged-models/${modelId}/tags/nope`);
    expect(missingTag.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");

    const found = await client.post("logged-models/search", { experiment_ids: [experimentId] });
    expect(found.json.models.map((m: { info: { model_id: string } }) => m.info.model_id)).toEqual([
      modelId,
    ]);
    const badStatus = await client.patch(`logged-models/${modelId}`, { status: "DONE" });
    expect(badStatus.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const unknown = await client.get("logged-models/m-0123");
    expect(unknown).toMatchObject({ status: 404, json: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
  });
});
