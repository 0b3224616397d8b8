/** A delivery that has failed this many times is given up (FAILED). */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** The wait after the first failed attempt; each further failure doubles it. */
export const FIRST_RETRY_DELAY_MS = 30_000;

/**
 * When to try a webhook delivery again after `attempts` failed attempts (1 or more), or null when
 * it has had its last one. Exponential and without jitter: 30 s, 1 min, 2 min, ... 32 min, so the
 * eighth and last attempt comes about an hour after the first.
 */
export function computeNextAttempt(attempts: number, now: Date): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be a positive integer, not ${attempts}`);
  }
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return new Date(now.getTime() + FIRST_RETRY_DELAY_MS * 2 ** (attempts - 1));
}
