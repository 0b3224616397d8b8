// The webhook outbox survives the death of the app process (PostgreSQL project only: a second
// process is a second connection pool on the same database, which in-memory PGlite cannot have).
// Process A dies while deliveries are in flight: its connections and its HTTP sockets go at once,
// with nothing recorded. Process B, started on the same database, sends every delivery that was
// pending, and the receiver accepts each exactly once.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Database, openDatabase } from "@pedigree/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  const state = { isHolding: false, holdAfter: BATCH };
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

describe.skipIf(!isPostgres)("the webhook outbox across a restart of the app", () => {
  it("sends every delivery pending when the process died, after a new process starts, each once", async () => {
    const admin = await createTestUser(db(), { role: "ADMIN" });
    await createWebhook(db(), admin.id, {
      url: await receiver.listening,
      events: [],
      secret: "whsec_outbox_restart",
    });
    for (let index = 0; index < DELIVERIES; index += 1) {
      await db().prisma.$transaction((tx) =>
        enqueueWebhookEvent(tx, "model_version.transitioned", { index }),
      );
    }
    const ids = (await db().prisma.webhookDelivery.findMany({ select: { id: true } })).map(
      (row) => row.id,
    );
    expect(ids).toHaveLength(DELIVERIES);

    // Process A's first batch is accepted and recorded; it dies while its second is in flight
    // (a death between the receiver's 200 and its recording would send that one again: webhooks
    // are at least once, and receivers dedupe on X-Pedigree-Delivery).
    const first = await openSecondProcessDatabase();
    const workerA = startDeliveryWorker(first, { batchSize: BATCH, intervalMs: 10 });
    const delivered = () => db().prisma.webhookDelivery.count({ where: { status: "DELIVERED" } });
    await expect.poll(delivered, POLL).toBe(BATCH);
    await expect.poll(() => receiver.held.length, POLL).toBe(BATCH);
    const stopping = workerA.stop();
    await first.close();
    receiver.dropHeld();
    await stopping;
    receiver.state.isHolding = false;
    receiver.state.holdAfter = Number.POSITIVE_INFINITY;

    const rows = await db().prisma.webhookDelivery.findMany();
    const leased = rows.filter((row) => row.status === "PENDING" && row.attempts > 0);
    expect(
      rows
        .filter((row) => row.status === "DELIVERED")
        .map((row) => row.id)
        .sort(),
    ).toEqual([...receiver.accepted].sort());
    expect(leased.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status === "PENDING").length).toBeGreaterThan(leased.length);

    // Process B: the rows nobody claimed go at once, the dead worker's claims when they lapse.
    const second = await openSecondProcessDatabase();
    const workerB = startDeliveryWorker(second, { intervalMs: 10 });
    try {
      const pending = () => second.prisma.webhookDelivery.count({ where: { status: "PENDING" } });
      await expect.poll(pending, POLL).toBe(leased.length);
      await deliverDueWebhooks(second, { now: new Date(Date.now() + AFTER_LEASE_MS) });
      await expect.poll(pending, POLL).toBe(0);
    } finally {
      await workerB.stop();
      await second.close();
    }

    expect([...receiver.accepted].sort()).toEqual([...ids].sort());
    expect(
      await db().prisma.webhookDelivery.count({ where: { status: "DELIVERED", id: { in: ids } } }),
    ).toBe(DELIVERIES);
  });
});
