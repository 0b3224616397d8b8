// A client that retries a POST after a timeout cannot know whether the first one acted. With an
// Idempotency-Key header, the first request's answer is kept and a retry gets it again.

/** How long a key is remembered; a retry after that acts again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a first request may run before its key is considered abandoned (the server died
 * between acting and recording the answer) and may be claimed again.
 */
export const IDEMPOTENCY_LEASE_MS = 10 * 60 * 1000;

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface IdempotencyRecord {
  requestHash: string;
  /** The first request's answer, once it has one. */
  answer: { status: number; body: unknown } | null;
  createdAt: Date;
}

export type IdempotencyDecision =
  | { kind: "run" }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "in_progress" }
  | { kind: "mismatch" };

/** What to do with a request whose key is already held by `record` (null: nobody holds it). */
export function decideIdempotency(
  record: IdempotencyRecord | null,
  requestHash: string,
  now: Date,
): IdempotencyDecision {
  if (!record || isReclaimable(record, now)) return { kind: "run" };
  if (record.requestHash !== requestHash) return { kind: "mismatch" };
  if (!record.answer) return { kind: "in_progress" };
  return { kind: "replay", status: record.answer.status, body: record.answer.body };
}

/** An expired key, or a first request that never recorded its answer within the lease. */
export function isReclaimable(record: IdempotencyRecord, now: Date): boolean {
  const age = now.getTime() - record.createdAt.getTime();
  return age >= IDEMPOTENCY_KEY_TTL_MS || (record.answer === null && age >= IDEMPOTENCY_LEASE_MS);
}

/** Keys are opaque strings a client chooses: printable ASCII, at most 255 characters. */
export function isValidIdempotencyKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);
}
