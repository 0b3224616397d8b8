// The two drivers report the same PostgreSQL error differently: the pg adapter as Prisma's P2002,
// the PGlite adapter as a DriverAdapterError whose cause carries the SQLSTATE, raw SQL as the
// driver's own error with `code`. This reads all three, so callers map one kind to one answer.

export type DatabaseErrorKind =
  /** 23505: a unique index or the one-production-version trigger refused the write. */
  | "unique_violation"
  /** 23001: an immutability trigger refused an UPDATE or DELETE. */
  | "restrict_violation"
  /** The server cannot be reached or is shutting down: worth a retry later. */
  | "unavailable";

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  // admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting up)
  "57P01",
  "57P02",
  "57P03",
  // Prisma: cannot reach, timed out, operation timed out, server closed the connection, no
  // connection free in the pool in time
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
]);

/**
 * node-postgres reports a connection lost mid-query or a client broken by it with an Error that
 * has no code, only these messages (pg/lib/client.js); they mean the same as ECONNRESET.
 */
const UNAVAILABLE_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "timeout exceeded when trying to connect",
];

function readCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown };
  if (typeof record.code === "string") return record.code;
  return readCode(record.cause);
}

/** Every code along the cause chain: a wrapper's own code may hide a lost connection's. */
function readCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 5) return [];
  const record = error as { code?: unknown; cause?: unknown };
  const own = typeof record.code === "string" ? [record.code] : [];
  return [...own, ...readCodes(record.cause, depth + 1)];
}

function hasUnavailableMessage(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const record = error as { message?: unknown; cause?: unknown };
  if (typeof record.message === "string" && UNAVAILABLE_MESSAGES.includes(record.message.trim())) {
    return true;
  }
  return hasUnavailableMessage(record.cause, depth + 1);
}

export function classifyDatabaseError(error: unknown): DatabaseErrorKind | null {
  const code = readCode(error);
  if (code === "P2002" || code === "23505") return "unique_violation";
  if (code === "23001") return "restrict_violation";
  const isLost = (c: string) => UNAVAILABLE_CODES.has(c) || c.startsWith("08");
  if (readCodes(error).some(isLost)) return "unavailable";
  if (hasUnavailableMessage(error)) return "unavailable";
  return null;
}
