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
  "57P01",
  "57P02",
  "57P03",
]);

function readCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown };
  if (typeof record.code === "string") return record.code;
  return readCode(record.cause);
}

export function classifyDatabaseError(error: unknown): DatabaseErrorKind | null {
  const code = readCode(error);
  if (code === "P2002" || code === "23505") return "unique_violation";
  if (code === "23001") return "restrict_violation";
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith("08") || code === "P1001")) {
    return "unavailable";
  }
  return null;
}
