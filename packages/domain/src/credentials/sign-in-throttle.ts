// Password guessing is slowed per account (one account attacked from many addresses) and per
// address (one address trying many accounts). Only failures count: a user who signs in is not
// held back by someone else's guesses at other accounts from the same network.

export interface SignInThrottlePolicy {
  windowMs: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 10,
  maxFailuresPerAddress: 50,
};

export type SignInThrottle =
  | { allowed: true }
  | { allowed: false; scope: "account" | "address"; retryAfterSeconds: number };

/**
 * Decides whether an attempt may be checked at all. `accountFailures` and `addressFailures` are
 * the times of recent failed attempts (any order; older ones than the window are ignored). An
 * attempt is refused while the window holds the maximum number of failures; it may be tried again
 * when the oldest of those leaves the window.
 */
export function decideSignInThrottle(input: {
  accountFailures: readonly Date[];
  addressFailures: readonly Date[];
  now: Date;
  policy?: SignInThrottlePolicy;
}): SignInThrottle {
  const policy = input.policy ?? DEFAULT_SIGN_IN_THROTTLE;
  const scopes = [
    { scope: "account", failures: input.accountFailures, max: policy.maxFailuresPerAccount },
    { scope: "address", failures: input.addressFailures, max: policy.maxFailuresPerAddress },
  ] as const;
  let refusal: SignInThrottle = { allowed: true };
  for (const { scope, failures, max } of scopes) {
    const since = input.now.getTime() - policy.windowMs;
    const recent = failures
      .map((at) => at.getTime())
      .filter((at) => at > since)
      .sort((a, b) => b - a);
    if (recent.length < max) continue;
    // The newest `max` failures hold the door shut until the oldest of them expires.
    const oldestCounted = recent[max - 1] as number;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((oldestCounted + policy.windowMs - input.now.getTime()) / 1000),
    );
    if (refusal.allowed || retryAfterSeconds > refusal.retryAfterSeconds) {
      refusal = { allowed: false, scope, retryAfterSeconds };
    }
  }
  return refusal;
}
