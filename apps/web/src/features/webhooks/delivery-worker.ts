import "server-only";
import type { Database } from "@pedigree/db";
import { computeNextAttempt } from "@pedigree/domain";
import { logger } from "../../server/logger.ts";
import { deliverDueRetrainTriggers } from "../monitoring/delivery.ts";
import { decryptWebhookSecret } from "./secret-box.ts";
import { type SendOutcome, sendDelivery } from "./send-delivery.ts";

export interface DeliveryPassOptions {
  /** The clock of this pass (tests move it forward); default: now. */
  now?: Date;
  fetch?: typeof fetch;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** Deliveries claimed per pass; default 20. */
  batchSize?: number;
}

/**
 * A claim is a lease: the row's nextAttemptAt moves past the longest a send can take, so another
 * worker skips it; a worker that dies mid-send leaves it to be retried when the lease ends.
 */
const LEASE_MS = 60_000;

/**
 * Claims the due PENDING deliveries of enabled webhooks (FOR UPDATE SKIP LOCKED: concurrent
 * workers never claim one row twice) and counts the attempt, in one statement.
 */
async function claimDueDeliveries(db: Database, now: Date, limit: number): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${leaseUntil}
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d
      JOIN "Webhook" w ON w."id" = d."webhookId" AND w."isEnabled"
      WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= ${now}
      ORDER BY d."nextAttemptAt", d."id"
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

/** Records an attempt's outcome; only a row still PENDING changes (never a DELIVERED one). */
async function recordOutcome(
  db: Database,
  delivery: { id: string; attempts: number },
  outcome: SendOutcome,
  now: Date,
): Promise<void> {
  const where = { id: delivery.id, status: "PENDING" as const };
  if (outcome === null) {
    await db.prisma.webhookDelivery.updateMany({
      where,
      data: { status: "DELIVERED", deliveredAt: now, lastError: null },
    });
    return;
  }
  const next = computeNextAttempt(delivery.attempts, now);
  await db.prisma.webhookDelivery.updateMany({
    where,
    data: next
      ? { nextAttemptAt: next, lastError: outcome }
      : { status: "FAILED", lastError: outcome },
  });
}

function readSecret(stored: string): string | null {
  try {
    return decryptWebhookSecret(stored);
  } catch {
    return null;
  }
}

/** One pass: claims due deliveries, sends them, records each outcome. Answers how many it tried. */
export async function deliverDueWebhooks(
  db: Database,
  options: DeliveryPassOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const ids = await claimDueDeliveries(db, now, options.batchSize ?? 20);
  if (!ids.length) return 0;
  const rows = await db.prisma.webhookDelivery.findMany({
    where: { id: { in: ids } },
    include: { webhook: { select: { url: true, secret: true } } },
  });
  await Promise.all(
    rows.map(async (row) => {
      const secret = readSecret(row.webhook.secret);
      const outcome: SendOutcome =
        secret === null
          ? "The webhook secret cannot be decrypted (was PEDIGREE_AUTH_SECRET changed?)"
          : await sendDelivery(
              { ...row, url: row.webhook.url, secret },
              { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs ?? 10_000, now },
            );
      await recordOutcome(db, row, outcome, options.now ?? new Date());
    }),
  );
  return rows.length;
}

export interface DeliveryWorker {
  /** Stops polling and waits for the pass in flight; claimed rows are recorded before it ends. */
  stop(): Promise<void>;
}

/** Polls every `intervalMs` (default 2 s); a full batch is followed at once by another pass. */
export function startDeliveryWorker(
  db: Database,
  options: Omit<DeliveryPassOptions, "now"> & { intervalMs?: number } = {},
): DeliveryWorker {
  const intervalMs = options.intervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 20;
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const schedule = (delayMs: number) => {
    if (isStopped) return;
    timer = setTimeout(run, delayMs);
    timer.unref();
  };
  function run() {
    pass = Promise.all([
      deliverDueWebhooks(db, { ...options, batchSize }),
      // Retrain triggers share this loop, its claim, lease and backoff (monitoring/delivery.ts).
      deliverDueRetrainTriggers(db, { ...options, batchSize }),
    ]).then(
      (counts) => schedule(Math.max(...counts) >= batchSize ? 0 : intervalMs),
      (error: unknown) => {
        logger.error("webhook delivery pass failed", { error });
        schedule(intervalMs);
      },
    );
  }
  schedule(0);
  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}

// One worker per server process, kept on globalThis because dev reloads re-evaluate modules.
const slot = globalThis as typeof globalThis & { pedigreeDeliveryWorker?: DeliveryWorker };

/** Starts the process's worker on the app's database unless it runs already (see db.ts). */
export function startDeliveryWorkerOnce(db: Database): void {
  slot.pedigreeDeliveryWorker ??= startDeliveryWorker(db);
}
