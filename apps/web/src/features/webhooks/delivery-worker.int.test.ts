import { MAX_DELIVERY_ATTEMPTS } from "@pedigree/domain";
import { signWebhookPayload } from "@pedigree/domain/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { deliverDueWebhooks, startDeliveryWorker } from "./delivery-worker.ts";
import { enqueueWebhookEvent } from "./outbox.ts";
import { createWebhook } from "./service.ts";
import { startTestReceiver, type TestReceiver } from "./test-receiver.ts";
import type { WebhookEventName } from "./types.ts";

const db = setUpTestDatabase();
const SECRET = "whsec_integration_test_secret";
let receiver: TestReceiver;
let adminId: string;

beforeAll(async () => {
  receiver = await startTestReceiver();
  adminId = (await createTestUser(db(), { role: "ADMIN" })).id;
});
afterAll(() => receiver.close());

beforeEach(async () => {
  await db().prisma.webhook.deleteMany();
  receiver.requests.length = 0;
  receiver.statuses = [];
  receiver.delayMs = 0;
  receiver.onRequest = undefined;
});

async function addWebhook(events: WebhookEventName[] = []) {
  return createWebhook(db(), adminId, { url: receiver.url, events, secret: SECRET });
}

async function enqueue(event: WebhookEventName, payload: Record<string, unknown> = {}) {
  await db().prisma.$transaction((tx) => enqueueWebhookEvent(tx, event, payload));
}

const later = (ms: number) => new Date(Date.now() + ms);

describe("the webhook outbox and delivery worker", () => {
  it("delivers an enqueued event once, signed, with the documented headers", async () => {
    const hook = await addWebhook(["promotion.requested"]);
    const other = await addWebhook(["rollback.executed"]);
    const disabled = await addWebhook();
    await db().prisma.webhook.update({ where: { id: disabled.id }, data: { isEnabled: false } });
    await enqueue("promotion.requested", { model: "churn", version: 5, at: new Date(0) });

    const rows = await db().prisma.webhookDelivery.findMany();
    expect(rows.map((row) => row.webhookId)).toEqual([hook.id]);
    expect(other.id).not.toBe(hook.id);

    expect(await deliverDueWebhooks(db())).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const delivery = rows[0];
    if (!request || !delivery) throw new Error("expected one request and one row");
    expect(request.headers["x-pedigree-event"]).toBe("promotion.requested");
    expect(request.headers["x-pedigree-delivery"]).toBe(delivery.id);
    expect(request.headers["content-type"]).toBe("application/json");
    const timestamp = Number(request.headers["x-pedigree-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers["x-pedigree-signature"]).toBe(
      signWebhookPayload(SECRET, timestamp, request.body),
    );
    expect(JSON.parse(request.body)).toEqual({
      id: delivery.id,
      event: "promotion.requested",
      createdAt: delivery.createdAt.toISOString(),
      data: { model: "churn", version: 5, at: "1970-01-01T00:00:00.000Z" },
    });

    const after = await db().prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: delivery.id },
    });
    expect(after).toMatchObject({ status: "DELIVERED", attempts: 1, lastError: null });
    expect(after.deliveredAt).toBeInstanceOf(Date);
    expect(await deliverDueWebhooks(db(), { now: later(24 * 3600_000) })).toBe(0);
    expect(receiver.requests).toHaveLength(1);
  });

  it("retries a delivery answered 500 after the backoff and delivers it exactly once", async () => {
    await addWebhook();
    receiver.statuses = [500];
    await enqueue("rollback.executed", { model: "ranking" });

    expect(await deliverDueWebhooks(db())).toBe(1);
    const failed = await db().prisma.webhookDelivery.findFirstOrThrow();
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "HTTP 500" });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    expect(await deliverDueWebhooks(db())).toBe(0); // not due yet
    expect(await deliverDueWebhooks(db(), { now: later(31_000) })).toBe(1);
    expect(await deliverDueWebhooks(db(), { now: later(3600_000) })).toBe(0);

    expect(receiver.requests).toHaveLength(2);
    const ids = receiver.requests.map((request) => request.headers["x-pedigree-delivery"]);
    expect(ids).toEqual([failed.id, failed.id]);
    const rows = await db().prisma.webhookDelivery.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DELIVERED", attempts: 2, lastError: null });
  });

  it("gives a delivery up as FAILED after the maximum number of attempts", async () => {
    await addWebhook();
    receiver.statuses = Array.from({ length: MAX_DELIVERY_ATTEMPTS + 2 }, () => 503);
    await enqueue("promotion.rejected");
    for (let pass = 0; pass < MAX_DELIVERY_ATTEMPTS + 2; pass += 1) {
      await deliverDueWebhooks(db(), { now: later(pass * 24 * 3600_000) });
    }
    expect(receiver.requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const row = await db().prisma.webhookDelivery.findFirstOrThrow();
    expect(row).toMatchObject({
      status: "FAILED",
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastError: "HTTP 503",
    });
  });

  it("records a network failure and retries it", async () => {
    const hook = await addWebhook();
    await db().prisma.webhook.update({
      where: { id: hook.id },
      data: { url: "http://127.0.0.1:1/closed" },
    });
    await enqueue("promotion.approved");
    expect(await deliverDueWebhooks(db(), { timeoutMs: 2_000 })).toBe(1);
    const row = await db().prisma.webhookDelivery.findFirstOrThrow();
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toBeTruthy();
  });

  it("never sends a row twice when passes run concurrently (FOR UPDATE SKIP LOCKED)", async () => {
    await addWebhook();
    for (let index = 0; index < 12; index += 1) await enqueue("promotion.requested", { index });
    receiver.delayMs = 20;
    const counts = await Promise.all(
      [1, 2, 3, 4].map(() => deliverDueWebhooks(db(), { batchSize: 5 })),
    );
    const passes = await Promise.all([1, 2].map(() => deliverDueWebhooks(db(), { batchSize: 5 })));
    expect([...counts, ...passes].reduce((sum, count) => sum + count, 0)).toBe(12);
    const ids = receiver.requests.map((request) => request.headers["x-pedigree-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(await db().prisma.webhookDelivery.count({ where: { status: "DELIVERED" } })).toBe(12);
  });

  it("leaves rows pending at a stop to a new worker, which sends each once", async () => {
    await addWebhook();
    for (const version of [1, 2, 3]) await enqueue("model_version.transitioned", { version });
    receiver.delayMs = 50;
    const first = startDeliveryWorker(db(), { batchSize: 1, intervalMs: 10 });
    let stopping: Promise<void> | undefined;
    receiver.onRequest = () => {
      stopping ??= first.stop();
    };
    await expect.poll(() => stopping !== undefined, { timeout: 10_000 }).toBe(true);
    await stopping;
    const statuses = async () =>
      (await db().prisma.webhookDelivery.findMany()).map((row) => row.status).sort();
    expect(await statuses()).toEqual(["DELIVERED", "PENDING", "PENDING"]);

    receiver.onRequest = undefined;
    const second = startDeliveryWorker(db(), { intervalMs: 10 });
    await expect
      .poll(statuses, { timeout: 10_000 })
      .toEqual(["DELIVERED", "DELIVERED", "DELIVERED"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await second.stop();
    const ids = receiver.requests.map((request) => request.headers["x-pedigree-delivery"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});
