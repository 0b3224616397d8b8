import { expect, test } from "@playwright/test";
import { basicAuth, DEMO_MODELS } from "./demo.ts";

test("a pipeline gets a token with basic auth and lists the models with it", async ({
  request,
}) => {
  const created = await request.post("/api/v1/tokens", {
    headers: { authorization: basicAuth("engineer@example.com") },
    data: { name: "e2e pipeline" },
  });
  expect(created.status()).toBe(201);
  const { id, name, token } = await created.json();
  expect(name).toBe("e2e pipeline");
  expect(typeof id).toBe("string");
  expect(token).toMatch(/^pdg_/);

  const listed = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(listed.status()).toBe(200);
  const { models } = await listed.json();
  expect(models.map((m: { name: string }) => m.name).sort()).toEqual(DEMO_MODELS);
  for (const model of models) {
    expect(Number.isInteger(model.productionVersion)).toBe(true);
    expect(Number.isInteger(model.stagingVersion)).toBe(true);
    expect(model.latestVersion).toBeGreaterThanOrEqual(model.productionVersion);
    expect(Number.isNaN(Date.parse(model.updatedAt))).toBe(false);
  }

  const revoked = await request.delete(`/api/v1/tokens/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(revoked.ok()).toBe(true);
  const after = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBeTruthy();
});

test("bad credentials and bad input get clear JSON errors, never a 500", async ({ request }) => {
  const anonymous = await request.get("/api/v1/models");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });

  const wrongPassword = await request.post("/api/v1/tokens", {
    headers: { authorization: basicAuth("engineer@example.com", "wrong") },
    data: { name: "x" },
  });
  expect(wrongPassword.status()).toBe(401);

  const malformed = await request.post("/api/v1/tokens", {
    headers: {
      authorization: basicAuth("engineer@example.com"),
      "content-type": "application/json",
    },
    data: Buffer.from("{ not json"),
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/json/i);

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({
    status: "ok",
    database: { kind: "embedded", ok: true },
  });
});
