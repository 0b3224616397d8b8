import { describe, expect, it } from "vitest";
import { computeNextAttempt, FIRST_RETRY_DELAY_MS, MAX_DELIVERY_ATTEMPTS } from "./backoff.ts";

const now = new Date("2026-11-26T08:00:00.000Z");
const delayAfter = (attempts: number) => {
  const next = computeNextAttempt(attempts, now);
  return next ? next.getTime() - now.getTime() : null;
};

describe("computeNextAttempt", () => {
  it("doubles the delay after each failed attempt, without jitter", () => {
    expect(delayAfter(1)).toBe(FIRST_RETRY_DELAY_MS);
    expect(delayAfter(2)).toBe(2 * FIRST_RETRY_DELAY_MS);
    expect(delayAfter(3)).toBe(4 * FIRST_RETRY_DELAY_MS);
    expect(delayAfter(MAX_DELIVERY_ATTEMPTS - 1)).toBe(
      FIRST_RETRY_DELAY_MS * 2 ** (MAX_DELIVERY_ATTEMPTS - 2),
    );
    expect(computeNextAttempt(2, now)).toEqual(computeNextAttempt(2, now));
  });

  it("gives up at the maximum number of attempts", () => {
    expect(computeNextAttempt(MAX_DELIVERY_ATTEMPTS, now)).toBeNull();
    expect(computeNextAttempt(MAX_DELIVERY_ATTEMPTS + 1, now)).toBeNull();
  });

  it("refuses a count that is not a positive integer", () => {
    expect(() => computeNextAttempt(0, now)).toThrow(RangeError);
    expect(() => computeNextAttempt(1.5, now)).toThrow(RangeError);
  });
});
