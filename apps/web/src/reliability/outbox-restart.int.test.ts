// The webhook and retrain-trigger outboxes survive the death of the app process (PostgreSQL project only: a second
// process is a second connection pool on the same database, which in-memory PGlite cannot have).
// Process A dies while deliveries are in flight: its connections and its HTTP sockets go at once,
// with nothing recorded. Process B, started on the same database, sends every delivery that was
// pending, and the receiver accepts each exactly once.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Database, openDatabase } from "@pedigree/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueRetrainTriggers } from "../features/monitoring/delivery.ts";
import { deliverDueWebhooks, startDeliveryWorker } from "../features/webhooks/delivery-worker.ts";
import { enqueueWebhookEvent } from "../features/webhooks/outbox.ts";
import { createWebhook } from "../features/webhooks/service.ts";
import { createTestUser, setUpTestDatabase } from "../server/testing.ts";

const isPostgres = process.env.PEDIGREE_TEST_DATABASE === "postgres";
const db = setUpTestDatabase();
const DELIVERIES = 12;
const BATCH = 3;
/** The worker's lease (delivery-worker.ts) plus a margin: when a dead worker's claim lapses. */
const AFTER_LEASE_MS = 61_000;
const POLL = { timeout: 30_000, interval: 20 };

/**
 * Answers 200 and counts the delivery as accepted, except while `isHolding`: then it keeps the
 * request open, as a receiver still working when the sender dies.
 */
function startReceiver() {
  const accepted: string[] = [];
  const held: ServerResponse[] = [];
  const state = { isHolding: false, holdAfter: 2 * BATCH };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const id = String(request.headers["x-pedigree-delivery"]);
      if (state.isHolding || accepted.length >= state.holdAfter) {
        state.isHolding = true;
        held.push(response);
        return;
      }
      accepted.push(id);
      response.end("ok");
    });
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    }),
  );
  return {
    accepted,
    held,
    state,
    listening,
    /** The sender died: its sockets are gone, no answer was read. */
    dropHeld: () => {
      for (const response of held.splice(0)) response.socket?.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let receiver: ReturnType<typeof startReceiver>;
beforeAll(() => {
  receiver = startReceiver();
});
afterAll(() => receiver.close());

async function openSecondProcessDatabase(): Promise<Database> {
  const target = db().target;
  if (target.kind !== "postgres") throw new Error("the outbox restart test needs PostgreSQL");
  return openDatabase(target);
}

/** Retrain triggers of a model whose target is the receiver, each with its pending delivery. */
async function enqueueTriggerDeliveries(url: string, count: number): Promise<string[]> {
  const { prisma } = db();
  const model = await prisma.registeredModel.create({ data: { name: "outbox-restart" } });
  const version = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, source: "s3://outbox/1", stage: "PRODUCTION" },
  });
  await prisma.retrainTarget.create({ data: { modelId: model.id, kind: "WEBHOOK", url } });
  const rule = await prisma.monitorRule.create({
    data: { modelId: model.id, name: "drift", kind: "DATASET_DRIFT", threshold: 0.3 },
  });
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const trigger = await prisma.retrainTrigger.create({
      data: {
        ruleId: rule.id,
        deploymentId: `deployment-${index}`,
        versionId: version.id,
        action: "RETRAIN",
        status: "RESOLVED",
        evidence: [],
        lastBreachAt: new Date(),
      },
    });
    const delivery = await prisma.retrainDelivery.create({
      data: { triggerId: trigger.id, kind: "WEBHOOK", url, body: { index } },
    });
    ids.push(delivery.id);
  }
  return ids;
}

describe.skipIf(!isPostgres)("the outboxes across a restart of the app", () => {
  it("sends every webhook and trigger delivery pending when the process died, after a new process starts, each once", async () => {
    const url = await receiver.listening;
    const admin = await createTestUser(db(), { role: "ADMIN" });
    await createWebhook(db(), admin.id, { url, events: [], secret: "whsec_outbox_restart" });
    for (let index = 0; index < DELIVERIES; index += 1) {
      await db().prisma.$transaction((tx) =>
        enqueueWebhookEvent(tx, "model_version.transitioned", { index }),
      );
    }
    const webhookIds = (await db().prisma.webhookDelivery.findMany({ select: { id: true } })).map(
      (row) => row.id,
    );
    expect(webhookIds).toHaveLength(DELIVERIES);
    const triggerIds = await enqueueTriggerDeliveries(url, DELIVERIES);
    const ids = [...webhookIds, ...triggerIds];

    const { prisma } = db();
    const countDelivered = async () =>
      (await prisma.webhookDelivery.count({ where: { status: "DELIVERED" } })) +
      (await prisma.retrainDelivery.count({ where: { status: "DELIVERED" } }));

    // Process A's first pass (a batch of each kind) is accepted and recorded; it dies while its
    // second is in flight. (A death between the receiver's 200 and its recording would send that
    // one again: deliveries are at least once, and receivers dedupe on X-Pedigree-Delivery.)
    const first = await openSecondProcessDatabase();
    const workerA = startDeliveryWorker(first, { batchSize: BATCH, intervalMs: 10 });
    await expect.poll(countDelivered, POLL).toBe(2 * BATCH);
    await expect.poll(() => receiver.held.length, POLL).toBe(2 * BATCH);
    const stopping = workerA.stop();
    await first.close();
    receiver.dropHeld();
    await stopping;
    receiver.state.isHolding = false;
    receiver.state.holdAfter = Number.POSITIVE_INFINITY;

    const rows = [
      ...(await prisma.webhookDelivery.findMany()),
      ...(await prisma.retrainDelivery.findMany()),
    ];
    const leased = rows.filter((row) => row.status === "PENDING" && row.attempts > 0);
    const delivered = rows.filter((row) => row.status === "DELIVERED").map((row) => row.id);
    expect(delivered.sort()).toEqual([...receiver.accepted].sort());
    expect(leased).toHaveLength(2 * BATCH);
    expect(rows.filter((row) => row.status === "PENDING").length).toBeGreaterThan(leased.length);

    // Process B: the rows nobody claimed go at once, the dead worker's claims when they lapse.
    const second = await openSecondProcessDatabase();
    const workerB = startDeliveryWorker(second, { intervalMs: 10 });
    try {
      const pending = async () => 2 * DELIVERIES - (await countDelivered());
      await expect.poll(pending, POLL).toBe(leased.length);
      const afterLease = { now: new Date(Date.now() + AFTER_LEASE_MS) };
      await deliverDueWebhooks(second, afterLease);
      await deliverDueRetrainTriggers(second, afterLease);
      await expect.poll(pending, POLL).toBe(0);
    } finally {
      await workerB.stop();
      await second.close();
    }

    // Each delivery accepted exactly once by the receiver, and recorded as delivered.
    expect([...receiver.accepted].sort()).toEqual([...ids].sort());
    expect(await countDelivered()).toBe(2 * DELIVERIES);
  });
});
