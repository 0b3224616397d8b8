import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { bearer, createTestToken, createTestUser, setUpTestDatabase } from "../testing.ts";
import { defineRoute, jsonResponse } from "./define-route.ts";

const db = setUpTestDatabase();

// A create route with a real effect: one experiment row per call (names made unique per call, so
// that only the idempotency handling can stop a second row).
let calls = 0;
let gate: Promise<void> = Promise.resolve();
const createExperiment = defineRoute(
  {
    route: "POST /api/v1/dataset-versions",
    body: z.object({ name: z.string(), fail: z.boolean().optional() }),
  },
  async ({ body }) => {
    await gate;
    if (body.fail) throw new AppError("INVALID_INPUT", "asked to fail");
    calls += 1;
    const row = await db().prisma.experiment.create({
      data: { name: `${body.name}#${calls}`, artifactLocation: `/artifacts/${calls}` },
    });
    return jsonResponse({ id: row.id, name: row.name }, 201);
  },
);

async function engineer() {
  const user = await createTestUser(db(), { role: "ENGINEER" });
  return (await createTestToken(db(), user.id)).token;
}

function post(token: string, body: unknown, key?: string) {
  const headers = new Headers(bearer(token));
  headers.set("content-type", "application/json");
  if (key !== undefined) headers.set("idempotency-key", key);
  return createExperiment(
    new Request("http://localhost/api/v1/experiments", {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }),
  );
}

const count = (name: string) =>
  db().prisma.experiment.count({ where: { name: { startsWith: `${name}#` } } });

describe("Idempotency-Key", () => {
  it("acts once for a retried request and answers the retry with the first answer", async () => {
    const token = await engineer();
    const first = await post(token, { name: "retried" }, "key-1");
    const retry = await post(token, { name: "retried" }, "key-1");
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(await first.json());
    expect(await count("retried")).toBe(1);
  });

  it("refuses a key reused for another body, and keys are per user", async () => {
    const token = await engineer();
    expect((await post(token, { name: "a-body" }, "key-2")).status).toBe(201);
    const reused = await post(token, { name: "another-body" }, "key-2");
    expect(reused.status).toBe(400);
    expect((await reused.json()).error.details.reason).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await count("another-body")).toBe(0);
    // Another user's same key is theirs alone.
    expect((await post(await engineer(), { name: "another-body" }, "key-2")).status).toBe(201);
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const token = await engineer();
    let open = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const first = post(token, { name: "slow" }, "key-3");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const concurrent = await post(token, { name: "slow" }, "key-3");
    open();
    gate = Promise.resolve();
    expect(concurrent.status).toBe(409);
    expect((await concurrent.json()).error.details.reason).toBe("IDEMPOTENCY_KEY_IN_PROGRESS");
    expect((await first).status).toBe(201);
    expect(await count("slow")).toBe(1);
  });

  it("lets a request that failed be retried with the same key", async () => {
    const token = await engineer();
    expect((await post(token, { name: "later", fail: true }, "key-4")).status).toBe(400);
    expect((await post(token, { name: "later", fail: true }, "key-4")).status).toBe(400);
    expect(await count("later")).toBe(0);
  });

  it("refuses a malformed key, and without a key every request acts", async () => {
    const token = await engineer();
    expect((await post(token, { name: "bad-key" }, "a b")).status).toBe(400);
    expect((await post(token, { name: "twice" })).status).toBe(201);
    expect((await post(token, { name: "twice" })).status).toBe(201);
    expect(await count("twice")).toBe(2);
  });
});
