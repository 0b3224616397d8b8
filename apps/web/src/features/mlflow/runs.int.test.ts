import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { createMlflowClient } from "./test-client.ts";

const getDb = setUpTestDatabase();
let client: ReturnType<typeof createMlflowClient>;
let experimentId: string;
let artifactsDir: string;

beforeAll(async () => {
  artifactsDir = await mkdtemp(path.join(tmpdir(), "pedigree-artifacts-"));
  vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", artifactsDir);
  const db = getDb();
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  client = createMlflowClient((await createTestToken(db, engineer.id)).token);
  experimentId = (await client.post("experiments/create", { name: "runs" })).json.experiment_id;
});

afterAll(async () => {
  await rm(artifactsDir, { recursive: true, force: true });
});

async function createRun(fields: Record<string, unknown> = {}) {
  const answer = await client.post("runs/create", {
    experiment_id: experimentId,
    start_time: 1_700_000_000_000,
    tags: [{ key: "mlflow.user", value: "ada" }],
    ...fields,
  });
  expect(answer.status).toBe(200);
  return answer.json.run.info.run_id as string;
}

describe("runs", () => {
  it("creates a run in MLflow's shape, named and tagged", async () => {
    const answer = await client.post("runs/create", {
      experiment_id: experimentId,
      start_time: 1_700_000_000_000,
      tags: [
        { key: "mlflow.user", value: "ada" },
        { key: "mlflow.source.git.commit", value: "a1b2c3" },
      ],
    });
    const { info, data } = answer.json.run;
    expect(info).toMatchObject({
      run_uuid: info.run_id,
      experiment_id: experimentId,
      user_id: "ada",
      status: "RUNNING",
      start_time: 1_700_000_000_000,
      artifact_uri: `mlflow-artifacts:/${experimentId}/${info.run_id}/artifacts`,
      lifecycle_stage: "active",
    });
    expect(info.end_time).toBeUndefined();
    expect(info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(data.tags).toContainEqual({ key: "mlflow.runName", value: info.run_name });
    const row = await getDb().prisma.run.findUniqueOrThrow({
      where: { id: info.run_id },
      select: { commit: { select: { sha: true } } },
    });
    expect(row.commit?.sha).toBe("a1b2c3");
  });

  it("logs a batch with NaN and infinities and keeps the latest value per key", async () => {
    const runId = await createRun();
    const metrics = Array.from({ length: 996 }, (_, i) => ({
      key: `m${i % 4}`,
      value: i % 4 === 0 ? "NaN" : i % 4 === 1 ? "Infinity" : i % 4 === 2 ? "-Infinity" : i / 10,
      timestamp: 1_700_000_000_000 + i,
      step: Math.floor(i / 4),
    }));
    const answer = await client.post("runs/log-batch", {
      run_id: runId,
      metrics,
      params: [{ key: "lr", value: "0.1" }],
      tags: [
        { key: "team", value: "a" },
        { key: "team", value: "b" },
      ],
    });
    expect(answer).toEqual({ status: 200, json: {} });
    const run = (await client.get("runs/get", { run_id: runId })).json.run;
    const latest = Object.fromEntries(
      run.data.metrics.map((m: { key: string; value: unknown; step: number }) => [
        m.key,
        [m.value, m.step],
      ]),
    );
    expect(latest).toEqual({
      m0: ["NaN", 248],
      m1: ["Infinity", 248],
      m2: ["-Infinity", 248],
      m3: [99.5, 248],
    });
    expect(run.data.params).toEqual([{ key: "lr", value: "0.1" }]);
    expect(run.data.tags).toContainEqual({ key: "team", value: "b" });
    const [{ count } = { count: 0 }] = await getDb().sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "MetricPoint" WHERE "runId" = $1`,
      [runId],
    );
    expect(count).toBe(996);
  });

  it("refuses batches over MLflow's limits and changed params", async () => {
    const runId = await createRun();
    const metric = { key: "x", value: 1, timestamp: 1 };
    const tooMany = await client.post("runs/log-batch", {
      run_id: runId,
      metrics: Array.from({ length: 1001 }, () => metric),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const overTotal = await client.post("runs/log-batch", {
      run_id: runId,
      metrics: Array.from({ length: 950 }, () => metric),
      params: Array.from({ length: 51 }, (_, i) => ({ key: `p${i}`, value: "v" })),
    });
    expect(overTotal.status).toBe(400);
    await client.post("runs/log-parameter", { run_id: runId, key: "alpha", value: "1" });
    const same = await client.post("runs/log-parameter", {
      run_id: runId,
      key: "alpha",
      value: "1",
    });
    expect(same.status).toBe(200);
    const changed = await client.post("runs/log-parameter", {
      run_id: runId,
      key: "alpha",
      value: "2",
    });
    expect(changed.status).toBe(400);
    expect(changed.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const badKey = await client.post("runs/log-metric", {
      run_id: runId,
      key: "../x",
      value: 1,
      timestamp: 1,
    });
    expect(badKey.status).toBe(400);
    const badValue = await client.post("runs/log-metric", {
      run_id: runId,
      key: "x",
      value: "lots",
      timestamp: 1,
    });
    expect(badValue.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const hugeStep = await client.post("runs/log-metric", {
      run_id: runId,
      key: "x",
      value: 1,
      timestamp: 1,
      step: "99999999999999999999",
    });
    expect(hugeStep).toMatchObject({
      status: 400,
      json: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    const nul = await client.post("runs/set-tag", { run_id: runId, key: "x", value: "a\u0000b" });
    expect(nul).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
    // Longer than PostgreSQL can index (the Param (key, value) index), within MLflow's 6000.
    const long = randomBytes(4400).toString("base64").slice(0, 5900);
    const longParam = await client.post("runs/log-parameter", {
      run_id: runId,
      key: "long",
      value: long,
    });
    expect(longParam).toMatchObject({
      status: 400,
      json: { error_code: "INVALID_PARAMETER_VALUE" },
    });
    const badEnd = await client.post("runs/update", {
      run_id: runId,
      end_time: 9_000_000_000_000_000,
    });
    expect(badEnd).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
    const noTimestamp = await client.post("runs/log-metric", { run_id: runId, key: "x", value: 1 });
    expect(noTimestamp.json.message).toContain("'timestamp'");
  });

  it("answers RESOURCE_DOES_NOT_EXIST for an unknown run and 400 for a deleted one", async () => {
    const unknown = await client.get("runs/get", { run_id: "nope" });
    expect(unknown).toEqual({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Run with id=nope not found" },
    });
    const runId = await createRun();
    await client.post("runs/delete", { run_id: runId });
    const logged = await client.post("runs/set-tag", { run_id: runId, key: "a", value: "b" });
    expect(logged.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    await client.post("runs/restore", { run_id: runId });
    expect(
      (await client.post("runs/set-tag", { run_id: runId, key: "a", value: "b" })).status,
    ).toBe(200);
    expect((await client.post("runs/delete-tag", { run_id: runId, key: "a" })).status).toBe(200);
    const again = await client.post("runs/delete-tag", { run_id: runId, key: "a" });
    expect(again.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("pages metric history as the Python client does", async () => {
    const runId = await createRun();
    const metrics = Array.from({ length: 25 }, (_, i) => ({
      key: "loss",
      value: 1 / (i + 1),
      timestamp: 1000 + i,
      step: i,
    }));
    await client.post("runs/log-batch", { run_id: runId, metrics });
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.get("metrics/get-history", {
        run_id: runId,
        run_uuid: runId,
        metric_key: "loss",
        max_results: "10",
        page_token: token,
      });
      expect(page.status).toBe(200);
      seen.push(...page.json.metrics.map((m: { step: number }) => m.step));
      token = page.json.next_page_token;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const all = await client.get("metrics/get-history", { run_id: runId, metric_key: "loss" });
    expect(all.json.metrics).toHaveLength(25);
    expect(all.json.next_page_token).toBeUndefined();
    const sampled = await client.get("metrics/get-history-bulk-interval", {
      run_ids: [runId],
      metric_key: "loss",
      max_results: "5",
    });
    const steps = sampled.json.metrics.map((m: { step: number; run_id: string }) => m.step);
    expect(steps).toEqual([0, 5, 10, 15, 20, 24]);
    expect(sampled.json.metrics[0].run_id).toBe(runId);
  });

  it("updates a run to FINISHED with an end time", async () => {
    const runId = await createRun();
    const answer = await client.post("runs/update", {
      run_id: runId,
      status: "FINISHED",
      end_time: 1_700_000_100_000,
      run_name: "renamed",
    });
    expect(answer.json.run_info).toMatchObject({
      status: "FINISHED",
      end_time: 1_700_000_100_000,
      run_name: "renamed",
    });
    const badStatus = await client.post("runs/update", { run_id: runId, status: "DONE" });
    expect(badStatus.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("maps log-inputs datasets onto dataset versions and echoes them back", async () => {
    const runId = await createRun();
    const dataset = {
      name: "churn-train",
      digest: "1a2b3c4d",
      source_type: "local",
      source: JSON.stringify({ uri: "/data/churn.parquet" }),
      schema: JSON.stringify({ mlflow_colspec: [{ type: "double", name: "age" }] }),
      profile: JSON.stringify({ num_rows: 1200, num_elements: 3600 }),
    };
    const answer = await client.post("runs/log-inputs", {
      run_id: runId,
      datasets: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
    });
    expect(answer.status).toBe(200);
    const run = (await client.get("runs/get", { run_id: runId })).json.run;
    expect(run.inputs.dataset_inputs).toEqual([
      { tags: [{ key: "mlflow.data.context", value: "training" }], dataset },
    ]);
    const input = await getDb().prisma.runInput.findFirstOrThrow({
      where: { runId },
      include: { datasetVersion: { include: { dataset: true } } },
    });
    expect(input.context).toBe("TRAINING");
    expect(input.datasetVersion).toMatchObject({
      rowCount: 1200n,
      sourceUri: "/data/churn.parquet",
      dataset: { name: "churn-train" },
    });
  });

  it("searches runs of an experiment, newest first, in pages", async () => {
    const other = (await client.post("experiments/create", { name: "search" })).json.experiment_id;
    for (const start of [1, 2, 3]) {
      await client.post("runs/create", {
        experiment_id: other,
        start_time: start,
        run_name: `r${start}`,
      });
    }
    const first = await client.post("runs/search", { experiment_ids: [other], max_results: 2 });
    expect(first.json.runs.map((r: { info: { run_name: string } }) => r.info.run_name)).toEqual([
      "r3",
      "r2",
    ]);
    const second = await client.post("runs/search", {
      experiment_ids: [other],
      max_results: 2,
      page_token: first.json.next_page_token,
    });
    expect(second.json.runs.map((r: { info: { run_name: string } }) => r.info.run_name)).toEqual([
      "r1",
    ]);
    const r1 = second.json.runs[0].info.run_id;
    await client.post("runs/log-batch", {
      run_id: r1,
      metrics: [{ key: "rmse", value: 0.5, timestamp: 1 }],
      params: [{ key: "model class", value: "lr" }],
    });
    const filtered = await client.post("runs/search", {
      experiment_ids: [other],
      filter: "metrics.rmse < 1 and params.`model class` = 'lr'",
      order_by: ["metrics.rmse DESC"],
    });
    expect(filtered.json.runs).toHaveLength(1);
    expect(filtered.json.runs[0]).toMatchObject({
      info: { run_id: r1, run_uuid: r1, start_time: 1, status: "RUNNING" },
      data: { metrics: [{ key: "rmse", value: 0.5, timestamp: 1, step: 0 }] },
    });
    const bad = await client.post("runs/search", {
      experiment_ids: [other],
      filter: "metrics.rmse <",
    });
    expect(bad).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
  });

  it("uploads, lists and downloads artifacts, recording size and sha256", async () => {
    const runId = await createRun();
    const base = `artifacts/${experimentId}/${runId}/artifacts`;
    const put = await client.call(
      "PUT",
      `${base}/model/MLmodel`,
      {},
      {
        base: "mlflow-artifacts",
        rawBody: "flavors: {}\n",
      },
    );
    expect(put).toEqual({ status: 200, json: {} });
    const listed = await client.get("artifacts/list", { run_id: runId });
    expect(listed.json).toEqual({
      root_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      files: [{ path: "model", is_dir: true }],
    });
    const inner = await client.get("artifacts/list", { run_id: runId, path: "model" });
    expect(inner.json.files).toEqual([{ path: "model/MLmodel", is_dir: false, file_size: 12 }]);
    const proxied = await client.call(
      "GET",
      "artifacts",
      { path: `${experimentId}/${runId}/artifacts/model` },
      { base: "mlflow-artifacts" },
    );
    expect(proxied.json.files).toEqual([{ path: "MLmodel", is_dir: false, file_size: 12 }]);
    const row = await getDb().prisma.artifact.findFirstOrThrow({ where: { runId } });
    expect(row).toMatchObject({ path: "model/MLmodel", size: 12n });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const traversal = await client.call(
      "PUT",
      `artifacts/${experimentId}/..%2F..%2Fescape`,
      {},
      {
        base: "mlflow-artifacts",
        rawBody: "x",
      },
    );
    expect(traversal.status).toBe(400);
    expect(traversal.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const missing = await client.call(
      "GET",
      `artifacts/${experimentId}/${runId}/artifacts/none`,
      {},
      { base: "mlflow-artifacts" },
    );
    expect(missing.status).toBe(404);
  });
});
