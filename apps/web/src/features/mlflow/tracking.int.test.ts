import { DEFAULT_SIGN_IN_THROTTLE } from "@pedigree/domain";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestToken,
  createTestUser,
  setUpTestDatabase,
  TEST_PASSWORD,
} from "../../server/testing.ts";
import { createMlflowClient } from "./test-client.ts";

const getDb = setUpTestDatabase();
let client: ReturnType<typeof createMlflowClient>;
let viewer: ReturnType<typeof createMlflowClient>;

beforeAll(async () => {
  const db = getDb();
  const engineer = await createTestUser(db, { role: "ENGINEER" });
  client = createMlflowClient((await createTestToken(db, engineer.id)).token);
  const reader = await createTestUser(db, { role: "VIEWER" });
  viewer = createMlflowClient((await createTestToken(db, reader.id)).token);
});

describe("experiments", () => {
  it("creates, reads, renames, tags, deletes and restores an experiment", async () => {
    const created = await client.post("experiments/create", {
      name: "churn",
      tags: [{ key: "team", value: "growth" }],
    });
    expect(created.status).toBe(200);
    const id = created.json.experiment_id as string;
    expect(id).toMatch(/^[a-zA-Z0-9][\w-]{0,63}$/);

    const got = await client.get("experiments/get", { experiment_id: id });
    expect(got.json.experiment).toMatchObject({
      experiment_id: id,
      name: "churn",
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: "active",
      tags: [{ key: "team", value: "growth" }],
    });
    expect(typeof got.json.experiment.creation_time).toBe("number");

    const byName = await viewer.get("experiments/get-by-name", { experiment_name: "churn" });
    expect(byName.json.experiment.experiment_id).toBe(id);

    expect(
      (await client.post("experiments/update", { experiment_id: id, new_name: "churn2" })).status,
    ).toBe(200);
    expect(
      (
        await client.post("experiments/set-experiment-tag", {
          experiment_id: id,
          key: "k",
          value: "v",
        })
      ).status,
    ).toBe(200);
    expect((await client.post("experiments/delete", { experiment_id: id })).json).toEqual({});
    const deleted = await client.get("experiments/get", { experiment_id: id });
    expect(deleted.json.experiment.lifecycle_stage).toBe("deleted");
    const active = await client.post("experiments/search", { filter: "name = 'churn2'" });
    expect(active.json).toEqual({});
    const all = await client.get("experiments/search", {
      filter: "name = 'churn2'",
      view_type: "ALL",
    });
    expect(all.json.experiments).toHaveLength(1);
    await client.post("experiments/restore", { experiment_id: id });
    const tagged = await client.post("experiments/search", {
      filter: "tags.k = 'v' AND name LIKE 'churn%'",
    });
    expect(tagged.json.experiments.map((e: { name: string }) => e.name)).toEqual(["churn2"]);
  });

  it("answers MLflow's codes and statuses for bad input", async () => {
    await client.post("experiments/create", { name: "dup" });
    const duplicate = await client.post("experiments/create", { name: "dup" });
    expect(duplicate).toEqual({
      status: 400,
      json: { error_code: "RESOURCE_ALREADY_EXISTS", message: expect.stringContaining("dup") },
    });
    const missing = await client.post("experiments/create", {});
    expect(missing.status).toBe(400);
    expect(missing.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(missing.json.message).toContain("'name'");
    const wrongType = await client.post("experiments/create", { name: 5 });
    expect(wrongType.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const unknown = await client.get("experiments/get-by-name", { experiment_name: "nope" });
    expect(unknown).toMatchObject({ status: 404, json: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    const badJson = await client.call("POST", "experiments/create", {}, { rawBody: "{nope" });
    expect(badJson.status).toBe(400);
    const badFilter = await client.post("experiments/search", {
      filter: "name = 'a' OR name = 'b'",
    });
    expect(badFilter.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const forbidden = await viewer.post("experiments/create", { name: "viewer's" });
    expect(forbidden).toMatchObject({ status: 403, json: { error_code: "PERMISSION_DENIED" } });
  });

  it("reads a double-encoded body and an empty body as {}", async () => {
    const doubled = await client.call(
      "POST",
      "experiments/create",
      {},
      {
        rawBody: JSON.stringify(JSON.stringify({ name: "double" })),
      },
    );
    expect(doubled.status).toBe(200);
    const empty = await client.call("POST", "experiments/search", {}, { rawBody: "" });
    expect(empty.status).toBe(200);
  });

  it("has the Default experiment 0", async () => {
    const got = await client.get("experiments/get", { experiment_id: "0" });
    expect(got.json.experiment.name).toBe("Default");
  });

  it("pages experiments/search", async () => {
    for (const name of ["page-a", "page-b", "page-c"])
      await client.post("experiments/create", { name });
    const first = await client.get("experiments/search", {
      filter: "name LIKE 'page-%'",
      max_results: "2",
      order_by: ["name ASC"],
    });
    expect(first.json.experiments.map((e: { name: string }) => e.name)).toEqual([
      "page-a",
      "page-b",
    ]);
    const second = await client.get("experiments/search", {
      filter: "name LIKE 'page-%'",
      max_results: "2",
      order_by: ["name ASC"],
      page_token: first.json.next_page_token,
    });
    expect(second.json.experiments.map((e: { name: string }) => e.name)).toEqual(["page-c"]);
    expect(second.json.next_page_token).toBeUndefined();
  });
});

describe("limits", () => {
  it("refuses a body past 20 MB with 413 and MLflow's INVALID_PARAMETER_VALUE", async () => {
    const huge = "x".repeat(21 * 1024 * 1024);
    const answer = await client.call("POST", "experiments/create", {}, { rawBody: huge });
    expect(answer.status).toBe(413);
    expect(answer.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("answers a throttled HTTP Basic sign-in with REQUEST_LIMIT_EXCEEDED (429), not a retried 500", async () => {
    const user = await createTestUser(getDb(), { role: "ENGINEER" });
    const { POST } = await import("../../app/api/2.0/mlflow/[...path]/route.ts");
    const attempt = (password: string) =>
      POST(
        new Request("http://localhost/api/2.0/mlflow/experiments/create", {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`${user.email}:${password}`).toString("base64")}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ name: "throttled" }),
        }),
      );
    for (let i = 0; i < DEFAULT_SIGN_IN_THROTTLE.maxFailuresPerAccount; i += 1) {
      expect((await attempt("wrong")).status).toBe(401);
    }
    const throttled = await attempt(TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect((await throttled.json()).error_code).toBe("REQUEST_LIMIT_EXCEEDED");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
