import { describe, expect, it } from "vitest";
import { decideSignInThrottle, type SignInThrottlePolicy } from "./sign-in-throttle.ts";

const policy: SignInThrottlePolicy = {
  windowMs: 60_000,
  maxFailuresPerAccount: 3,
  maxFailuresPerAddress: 5,
};
const now = new Date("2026-11-26T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("decideSignInThrottle", () => {
  it("allows attempts below both limits", () => {
    expect(
      decideSignInThrottle({
        accountFailures: [ago(1), ago(2)],
        addressFailures: [ago(1), ago(2), ago(3), ago(4)],
        now,
        policy,
      }),
    ).toEqual({ allowed: true });
  });

  it("refuses an account at its limit until the oldest counted failure leaves the window", () => {
    expect(
      decideSignInThrottle({
        accountFailures: [ago(10), ago(50), ago(30)],
        addressFailures: [],
        now,
        policy,
      }),
    ).toEqual({ allowed: false, scope: "account", retryAfterSeconds: 10 });
  });

  it("ignores failures older than the window", () => {
    expect(
      decideSignInThrottle({
        accountFailures: [ago(10), ago(61), ago(3600)],
        addressFailures: [],
        now,
        policy,
      }),
    ).toEqual({ allowed: true });
  });

  it("refuses an address trying many accounts, and answers the longer wait when both apply", () => {
    const address = [ago(5), ago(6), ago(7), ago(8), ago(20)];
    expect(
      decideSignInThrottle({ accountFailures: [], addressFailures: address, now, policy }),
    ).toEqual({ allowed: false, scope: "address", retryAfterSeconds: 40 });
    expect(
      decideSignInThrottle({
        accountFailures: [ago(1), ago(2), ago(50)],
        addressFailures: address,
        now,
        policy,
      }),
    ).toEqual({ allowed: false, scope: "address", retryAfterSeconds: 40 });
  });

  it("counts only the newest failures when there are more than the limit", () => {
    expect(
      decideSignInThrottle({
        accountFailures: [ago(1), ago(2), ago(3), ago(59)],
        addressFailures: [],
        now,
        policy,
      }),
    ).toEqual({ allowed: false, scope: "account", retryAfterSeconds: 57 });
  });
});
