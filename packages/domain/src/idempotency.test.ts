import { describe, expect, it } from "vitest";
import {
  decideIdempotency,
  IDEMPOTENCY_KEY_TTL_MS,
  IDEMPOTENCY_LEASE_MS,
  type IdempotencyRecord,
  isValidIdempotencyKey,
} from "./idempotency.ts";

const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const done: IdempotencyRecord = {
  requestHash: "h1",
  answer: { status: 201, body: { id: "x" } },
  createdAt: ago(1000),
};

describe("decideIdempotency", () => {
  it("runs a request whose key nobody holds", () => {
    expect(decideIdempotency(null, "h1", now)).toEqual({ kind: "run" });
  });

  it("replays the first answer to the same request", () => {
    expect(decideIdempotency(done, "h1", now)).toEqual({
      kind: "replay",
      status: 201,
      body: { id: "x" },
    });
  });

  it("refuses the key for another request, and while the first one runs", () => {
    expect(decideIdempotency(done, "h2", now)).toEqual({ kind: "mismatch" });
    const running = { ...done, answer: null };
    expect(decideIdempotency(running, "h1", now)).toEqual({ kind: "in_progress" });
  });

  it("runs again after the key expires, or when the first request abandoned it", () => {
    expect(
      decideIdempotency({ ...done, createdAt: ago(IDEMPOTENCY_KEY_TTL_MS) }, "h2", now),
    ).toEqual({ kind: "run" });
    const abandoned = { ...done, answer: null, createdAt: ago(IDEMPOTENCY_LEASE_MS) };
    expect(decideIdempotency(abandoned, "h1", now)).toEqual({ kind: "run" });
    const answeredLongAgo = { ...done, createdAt: ago(IDEMPOTENCY_LEASE_MS) };
    expect(decideIdempotency(answeredLongAgo, "h1", now).kind).toBe("replay");
  });
});

describe("isValidIdempotencyKey", () => {
  it("takes printable ASCII up to 255 characters", () => {
    expect(isValidIdempotencyKey("9f1c-2a/retry:1")).toBe(true);
    expect(isValidIdempotencyKey("")).toBe(false);
    expect(isValidIdempotencyKey("a b")).toBe(false);
    expect(isValidIdempotencyKey("é")).toBe(false);
    expect(isValidIdempotencyKey("k".repeat(256))).toBe(false);
  });
});
