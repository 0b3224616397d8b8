import "server-only";
import type { Database, Prisma } from "@pedigree/db";
import { computeNextAttempt, isDeliveredStatus } from "@pedigree/domain";
import { signWebhookPayload } from "@pedigree/domain/server";
import { readCredential } from "./credentials.ts";

/** The webhook event name a generic target receives. */
const RETRAIN_EVENT = "retrain.triggered";

const LEASE_MS = 60_000;

interface PassOptions {
  now?: Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  batchSize?: number;
}

/** Claims due trigger deliveries exactly as the webhook worker claims its rows (a leased UPDATE). */
async function claimDue(db: Database, now: Date, limit: number): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "RetrainDelivery" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${leaseUntil}
    WHERE "id" IN (
      SELECT "id" FROM "RetrainDelivery"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

const deliveryInclude = {
  trigger: { select: { rule: { select: { model: { select: { retrainTarget: true } } } } } },
} satisfies Prisma.RetrainDeliveryInclude;

type DeliveryRow = Prisma.RetrainDeliveryGetPayload<{ include: typeof deliveryInclude }>;
type Target = NonNullable<DeliveryRow["trigger"]["rule"]["model"]["retrainTarget"]>;

/** Airflow: the DAG-run body with basic or bearer auth. Webhook: our signed envelope. */
function buildRetrainRequest(row: DeliveryRow, target: Target, now: Date): RequestInit {
  const credential = readCredential(target);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Pedigree-Retrain/1",
  };
  if (row.kind === "AIRFLOW") {
    if (credential && target.auth === "BASIC") {
      headers.authorization = `Basic ${Buffer.from(credential, "utf8").toString("base64")}`;
    } else if (credential && target.auth === "BEARER") {
      headers.authorization = `Bearer ${credential}`;
    }
    return { method: "POST", body: JSON.stringify(row.body), headers, redirect: "manual" };
  }
  const body = JSON.stringify({
    id: row.id,
    event: RETRAIN_EVENT,
    createdAt: row.createdAt.toISOString(),
    data: row.body,
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  Object.assign(headers, {
    "x-pedigree-event": RETRAIN_EVENT,
    "x-pedigree-delivery": row.id,
    "x-pedigree-timestamp": String(timestamp),
  });
  if (credential) headers["x-pedigree-signature"] = signWebhookPayload(credential, timestamp, body);
  return { method: "POST", body, headers, redirect: "manual" };
}

interface Attempt {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function attempt(row: DeliveryRow, options: Required<Omit<PassOptions, "batchSize">>) {
  const started = performance.now();
  const finish = (statusCode: number | null, error: string | null): Attempt => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const target = row.trigger.rule.model.retrainTarget;
  if (!target) return finish(null, "The model has no retraining target any more");
  try {
    const response = await options.fetch(row.url, {
      ...buildRetrainRequest(row, target, options.now),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = isDeliveredStatus(row.kind, response.status);
    return finish(response.status, ok ? null : `HTTP ${response.status}`);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return finish(null, message.slice(0, 500));
  }
}

/** Records the attempt and its outcome together; only a PENDING row changes. */
async function record(db: Database, row: DeliveryRow, result: Attempt, startedAt: Date, now: Date) {
  const next = result.error === null ? null : computeNextAttempt(row.attempts, now);
  await db.prisma.$transaction([
    db.prisma.retrainDeliveryAttempt.create({
      data: {
        deliveryId: row.id,
        number: row.attempts,
        startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error,
      },
    }),
    db.prisma.retrainDelivery.updateMany({
      where: { id: row.id, status: "PENDING" },
      data:
        result.error === null
          ? { status: "DELIVERED", deliveredAt: now, lastError: null }
          : next
            ? { nextAttemptAt: next, lastError: result.error }
            : { status: "FAILED", lastError: result.error },
    }),
  ]);
}

/**
 * One pass over due trigger deliveries, run by the webhook delivery worker beside its own pass:
 * the same claim, lease, backoff (computeNextAttempt) and give-up rule. Answers how many it tried.
 */
export async function deliverDueRetrainTriggers(
  db: Database,
  options: PassOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const ids = await claimDue(db, now, options.batchSize ?? 20);
  if (!ids.length) return 0;
  const rows = await db.prisma.retrainDelivery.findMany({
    where: { id: { in: ids } },
    include: deliveryInclude,
  });
  const settings = {
    now,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  await Promise.all(
    rows.map(async (row) => {
      const startedAt = new Date();
      const result = await attempt(row, settings);
      await record(db, row, result, startedAt, options.now ?? new Date());
    }),
  );
  return rows.length;
}
