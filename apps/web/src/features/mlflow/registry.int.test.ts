import { beforeAll, describe, expect, it } from "vitest";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { createMlflowClient } from "./test-client.ts";

const getDb = setUpTestDatabase();
let client: ReturnType<typeof createMlflowClient>;
let admin: ReturnType<typeof createMlflowClient>;
let runId: string;
let artifactUri: string;

beforeAll(async () => {
  const db = getDb();
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  client = createMlflowClient((await createTestToken(db, engineer.id)).token);
  const boss = await createTestUser(db, { role: "ADMIN" });
  admin = createMlflowClient((await createTestToken(db, boss.id)).token);
  const experimentId = (await client.post("experiments/create", { name: "registry" })).json
    .experiment_id;
  const run = (
    await client.post("runs/create", {
      experiment_id: experimentId,
      tags: [{ key: "mlflow.source.git.commit", value: "abc123" }],
    })
  ).json.run;
  runId = run.info.run_id;
  artifactUri = run.info.artifact_uri;
  const dataset = { name: "churn-2026", digest: "d1", source_type: "local", source: "{}" };
  await client.post("runs/log-inputs", {
    run_id: runId,
    datasets: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
  });
});

describe("registry", () => {
  it("registers a model and versions, as register_model does", async () => {
    const created = await client.post("registered-models/create", {
      name: "churn",
      tags: [{ key: "team", value: "growth" }],
    });
    expect(created.json.registered_model).toMatchObject({
      name: "churn",
      tags: [{ key: "team", value: "growth" }],
    });
    expect(typeof created.json.registered_model.creation_timestamp).toBe("number");
    const again = await client.post("registered-models/create", { name: "churn" });
    expect(again).toMatchObject({ status: 400, json: { error_code: "RESOURCE_ALREADY_EXISTS" } });

    const version = await client.post("model-versions/create", {
      name: "churn",
      source: `runs:/${runId}/model`,
      run_id: runId,
    });
    expect(version.json.model_version).toMatchObject({
      name: "churn",
      version: "1",
      current_stage: "None",
      status: "READY",
      run_id: runId,
      source: `runs:/${runId}/model`,
    });
    const second = await client.post("model-versions/create", {
      name: "churn",
      source: "s3://b/m",
    });
    expect(second.json.model_version.version).toBe("2");
    const uri = await client.get("model-versions/get-download-uri", {
      name: "churn",
      version: "1",
    });
    expect(uri.json).toEqual({ artifact_uri: `${artifactUri}/model` });
    const unknownRun = await client.post("model-versions/create", {
      name: "churn",
      source: "x",
      run_id: "nope",
    });
    expect(unknownRun.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    const unknownModel = await client.get("registered-models/get", { name: "nope" });
    expect(unknownModel).toMatchObject({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
  });

  it("moves to Staging under the policy and refuses Production until approved", async () => {
    const staged = await client.post("model-versions/transition-stage", {
      name: "churn",
      version: "1",
      stage: "staging",
      archive_existing_versions: false,
    });
    expect(staged.status).toBe(200);
    expect(staged.json.model_version.current_stage).toBe("Staging");

    const production = await client.post("model-versions/transition-stage", {
      name: "churn",
      version: "1",
      stage: "Production",
      archive_existing_versions: true,
    });
    expect(production.status).toBe(403);
    expect(production.json.error_code).toBe("PERMISSION_DENIED");
    expect(production.json.message).toMatch(/2 approval\(s\).*Promotion request \S+ is pending/);
    const pending = await getDb().prisma.promotionRequest.findMany({
      where: { status: "PENDING", version: { version: 1, model: { name: "churn" } } },
    });
    expect(pending).toHaveLength(1);
    expect(pending[0]?.toStage).toBe("PRODUCTION");
    const still = await client.get("model-versions/get", { name: "churn", version: "1" });
    expect(still.json.model_version.current_stage).toBe("Staging");

    const noLineage = await client.post("model-versions/transition-stage", {
      name: "churn",
      version: "2",
      stage: "Staging",
      archive_existing_versions: false,
    });
    expect(noLineage.status).toBe(403);
    expect(noLineage.json.message).toContain("failed: lineage");

    const badStage = await client.post("model-versions/transition-stage", {
      name: "churn",
      version: "1",
      stage: "Live",
      archive_existing_versions: false,
    });
    expect(badStage.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const archived = await client.post("model-versions/transition-stage", {
      name: "churn",
      version: "2",
      stage: "Archived",
      archive_existing_versions: false,
    });
    expect(archived.json.model_version.current_stage).toBe("Archived");
    const transitions = await getDb().prisma.stageTransition.count({
      where: { version: { version: 2, model: { name: "churn" } }, toStage: "ARCHIVED" },
    });
    expect(transitions).toBe(1);
  });

  it("serves latest versions, aliases, tags, search, rename and delete", async () => {
    const latest = await client.post("registered-models/get-latest-versions", {
      name: "churn",
      stages: ["Staging"],
    });
    expect(latest.json.model_versions.map((v: { version: string }) => v.version)).toEqual(["1"]);
    const all = await client.get("registered-models/get-latest-versions", { name: "churn" });
    expect(all.json.model_versions).toHaveLength(2);

    expect(
      (
        await client.post("registered-models/alias", {
          name: "churn",
          alias: "champion",
          version: "1",
        })
      ).status,
    ).toBe(200);
    const reserved = await client.post("registered-models/alias", {
      name: "churn",
      alias: "latest",
      version: "1",
    });
    expect(reserved.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const byAlias = await client.get("registered-models/alias", {
      name: "churn",
      alias: "champion",
    });
    expect(byAlias.json.model_version).toMatchObject({ version: "1", aliases: ["champion"] });
    const model = await client.get("registered-models/get", { name: "churn" });
    expect(model.json.registered_model.aliases).toEqual([{ alias: "champion", version: "1" }]);
    expect(
      (await client.delete("registered-models/alias", { name: "churn", alias: "champion" })).status,
    ).toBe(200);
    const gone = await client.get("registered-models/alias", { name: "churn", alias: "champion" });
    expect(gone.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");

    const tagged = await client.post("model-versions/set-tag", {
      name: "churn",
      version: "1",
      key: "k",
      value: "v",
    });
    expect(tagged).toEqual({ status: 200, json: {} });
    await client.post("registered-models/set-tag", {
      name: "churn",
      key: "mlflow.prompt.is_prompt",
      value: "false",
    });
    await client.post("registered-models/create", {
      name: "a-prompt",
      tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }],
    });
    const search = await client.get("registered-models/search", {
      filter: "name LIKE '%' AND tags.`mlflow.prompt.is_prompt` != 'true'",
      max_results: "10",
    });
    expect(search.json.registered_models.map((m: { name: string }) => m.name)).toEqual(["churn"]);
    const versions = await client.get("model-versions/search", { filter: `run_id = '${runId}'` });
    expect(versions.json.model_versions.map((v: { version: string }) => v.version)).toEqual(["1"]);
    expect(
      (await client.delete("model-versions/delete-tag", { name: "churn", version: "1", key: "k" }))
        .status,
    ).toBe(200);

    const updated = await client.patch("registered-models/update", {
      name: "churn",
      description: "d",
    });
    expect(updated.json.registered_model.description).toBe("d");
    const renamed = await client.post("registered-models/rename", {
      name: "churn",
      new_name: "churn-v2",
    });
    expect(renamed.json.registered_model.name).toBe("churn-v2");
    const forbidden = await client.delete("model-versions/delete", {
      name: "churn-v2",
      version: "2",
    });
    expect(forbidden).toMatchObject({ status: 403, json: { error_code: "PERMISSION_DENIED" } });
    expect(
      (await admin.delete("model-versions/delete", { name: "churn-v2", version: "2" })).status,
    ).toBe(200);
    expect((await admin.delete("registered-models/delete", { name: "a-prompt" })).status).toBe(200);
  });
});
