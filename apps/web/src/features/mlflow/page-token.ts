// Offset page tokens, as upstream (base64 of {"offset": N}); clients treat them as opaque.
import { invalidParameter } from "./errors.ts";

export function readPageToken(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidParameter(`Invalid page token: ${token}`);
}

export function writePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

/**
 * One page from rows fetched with `limit + 1`: the extra row only says that there is more.
 * `next_page_token` is omitted on the last page.
 */
export function toPage<T>(
  rows: readonly T[],
  offset: number,
  limit: number,
): { items: T[]; nextPageToken?: string } {
  if (rows.length <= limit) return { items: [...rows] };
  return { items: rows.slice(0, limit), nextPageToken: writePageToken(offset + limit) };
}

/** max_results within MLflow's bounds for the endpoint. */
export function readMaxResults(
  value: number | undefined,
  { fallback, max }: { fallback: number; max: number },
): number {
  if (value === undefined) return fallback;
  if (value < 1 || value > max) {
    throw invalidParameter(`Invalid value ${value} for parameter 'max_results': must be 1..${max}`);
  }
  return value;
}
