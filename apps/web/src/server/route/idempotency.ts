import "server-only";
import { createHash } from "node:crypto";
import type { Database, Prisma } from "@pedigree/db";
import {
  decideIdempotency,
  IDEMPOTENCY_KEY_TTL_MS,
  IDEMPOTENCY_LEASE_MS,
  isValidIdempotencyKey,
} from "@pedigree/domain";
import { AppError } from "../errors.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";

interface IdempotentRequest {
  userId: string;
  key: string;
  requestHash: string;
  now: Date;
}

/** The same method, URL and (parsed) body give the same hash; anything else another one. */
export function hashRequest(method: string, url: URL, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${url.pathname}${url.search}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

/**
 * Runs `act` at most once per user and key: a repeat of the same request gets the first 2xx
 * answer again (with `Idempotent-Replayed: true`). An answer that is not a 2xx JSON one is not
 * kept, so the retry acts again: our handlers change nothing when they fail.
 */
export async function runIdempotently(
  db: Database,
  request: IdempotentRequest,
  act: () => Promise<Response>,
): Promise<Response> {
  if (!isValidIdempotencyKey(request.key)) {
    throw new AppError(
      "INVALID_INPUT",
      "The Idempotency-Key header must be 1 to 255 printable ASCII characters",
    );
  }
  if (!(await claim(db, request))) return answerHeldKey(db, request);
  const where = { userId_key: { userId: request.userId, key: request.key } };
  const release = () => db.prisma.idempotencyRecord.deleteMany({ where: where.userId_key });
  let response: Response;
  try {
    response = await act();
  } catch (error) {
    await release();
    throw error;
  }
  const isJson = response.headers.get("content-type")?.startsWith("application/json") ?? false;
  if (response.status < 200 || response.status >= 300 || !isJson) {
    await release();
    return response;
  }
  const body = (await response.clone().json()) as Prisma.InputJsonValue;
  await db.prisma.idempotencyRecord.update({ where, data: { status: response.status, body } });
  return response;
}

/**
 * Takes the key if nobody holds it, or if its holder expired or abandoned it: the rule of the
 * domain's isReclaimable, applied in one statement so that two concurrent requests cannot both
 * take it.
 */
async function claim(db: Database, request: IdempotentRequest): Promise<boolean> {
  const expiredBefore = new Date(request.now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  const abandonedBefore = new Date(request.now.getTime() - IDEMPOTENCY_LEASE_MS);
  const rows = await db.sql.query(
    `INSERT INTO "IdempotencyRecord" ("userId", "key", "requestHash", "createdAt")
     VALUES ($1, $2, $3, $4)
     ON CONFLICT ("userId", "key") DO UPDATE
       SET "requestHash" = EXCLUDED."requestHash", "status" = NULL, "body" = NULL,
           "createdAt" = EXCLUDED."createdAt"
       WHERE "IdempotencyRecord"."createdAt" <= $5
          OR ("IdempotencyRecord"."status" IS NULL AND "IdempotencyRecord"."createdAt" <= $6)
     RETURNING "key"`,
    [request.userId, request.key, request.requestHash, request.now, expiredBefore, abandonedBefore],
  );
  return rows.length === 1;
}

async function answerHeldKey(db: Database, request: IdempotentRequest): Promise<Response> {
  const row = await db.prisma.idempotencyRecord.findUnique({
    where: { userId_key: { userId: request.userId, key: request.key } },
  });
  const record = row && {
    requestHash: row.requestHash,
    answer: row.status === null ? null : { status: row.status, body: row.body },
    createdAt: row.createdAt,
  };
  const decision = decideIdempotency(record, request.requestHash, request.now);
  switch (decision.kind) {
    case "replay":
      return Response.json(decision.body, {
        status: decision.status,
        headers: { [REPLAYED_HEADER]: "true" },
      });
    case "mismatch":
      throw new AppError("INVALID_INPUT", "This Idempotency-Key was used for another request", {
        reason: "IDEMPOTENCY_KEY_REUSED",
      });
    default:
      // Still running, or released between our claim and this read: either way, retry shortly.
      throw new AppError(
        "CONFLICT",
        "A request with this Idempotency-Key is in progress; retry shortly",
        { reason: "IDEMPOTENCY_KEY_IN_PROGRESS" },
      );
  }
}
