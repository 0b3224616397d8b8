import { createHash } from "node:crypto";
import { AppError } from "../../server/errors.ts";

/**
 * Page tokens are opaque to clients: base64url of the offset and a fingerprint of the query they
 * belong to, so a token replayed with another filter or order is refused instead of skipping rows.
 */
export function fingerprintQuery(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString("base64url");
}

export function decodePageToken(token: string | undefined | null, fingerprint: string): number {
  if (!token) return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new AppError("INVALID_INPUT", "Invalid page token");
  }
  const { o, q } = (decoded ?? {}) as { o?: unknown; q?: unknown };
  if (typeof o !== "number" || !Number.isSafeInteger(o) || o < 0 || typeof q !== "string") {
    throw new AppError("INVALID_INPUT", "Invalid page token");
  }
  if (q !== fingerprint) {
    throw new AppError(
      "INVALID_INPUT",
      "The page token belongs to another search (filter, order or experiments)",
    );
  }
  return o;
}
