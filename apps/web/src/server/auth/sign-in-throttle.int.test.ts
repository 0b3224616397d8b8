import { DEFAULT_SIGN_IN_THROTTLE } from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { defineRoute } from "../route/define-route.ts";
import { createTestUser, setUpTestDatabase, TEST_PASSWORD } from "../testing.ts";
import { verifyCredentials } from "./credentials.ts";

const db = setUpTestDatabase();
const { maxFailuresPerAccount, maxFailuresPerAddress, windowMs } = DEFAULT_SIGN_IN_THROTTLE;
const start = new Date("2026-11-26T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("sign-in throttling", () => {
  it("refuses even the right password once an account has too many failures, until they expire", async () => {
    const user = await createTestUser(db());
    const attempt = (password: string, now: Date, address = "192.0.2.1") =>
      verifyCredentials(db(), user.email.toUpperCase(), password, { address, now });

    for (let i = 0; i < maxFailuresPerAccount; i += 1) {
      // Spread over addresses: the per-account limit is what stops a distributed guess.
      const result = await attempt("wrong", at(i * 1000), `198.51.100.${i}`);
      expect(result).toEqual({ ok: false, error: { reason: "WRONG_CREDENTIALS" } });
    }
    const refused = await attempt(TEST_PASSWORD, at(maxFailuresPerAccount * 1000));
    expect(refused.ok).toBe(false);
    if (refused.ok || refused.error.reason !== "THROTTLED") throw new Error("expected THROTTLED");
    expect(refused.error.retryAfterSeconds).toBe(windowMs / 1000 - maxFailuresPerAccount);

    // Once the first failure leaves the window, one attempt is allowed; success clears the slate.
    const later = await attempt(TEST_PASSWORD, at(windowMs + 1000));
    expect(later.ok).toBe(true);
    expect(await db().prisma.signInFailure.count({ where: { email: user.email } })).toBe(0);
  });

  it("refuses an address that tries many accounts, but not other addresses", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < maxFailuresPerAddress; i += 1) {
      await verifyCredentials(db(), `nobody${i}@example.com`, "guess", { address, now: at(i) });
    }
    const user = await createTestUser(db());
    const blocked = await verifyCredentials(db(), user.email, TEST_PASSWORD, {
      address,
      now: at(maxFailuresPerAddress),
    });
    expect(blocked.ok ? null : blocked.error.reason).toBe("THROTTLED");
    const elsewhere = await verifyCredentials(db(), user.email, TEST_PASSWORD, {
      address: "203.0.113.10",
      now: at(maxFailuresPerAddress),
    });
    expect(elsewhere.ok).toBe(true);
  });

  it("answers HTTP Basic clients 429 with Retry-After when throttled", async () => {
    const user = await createTestUser(db());
    const route = defineRoute({ route: "GET /api/v1/models" }, async () => ({ ok: true }));
    const call = (password: string) =>
      route(
        new Request("http://localhost/api/test", {
          headers: {
            authorization: `Basic ${Buffer.from(`${user.email}:${password}`).toString("base64")}`,
            "x-forwarded-for": "192.0.2.77",
          },
        }),
      );
    for (let i = 0; i < maxFailuresPerAccount; i += 1)
      expect((await call("wrong")).status).toBe(401);
    const throttled = await call(TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await throttled.json()).error.code).toBe("RATE_LIMITED");
  });
});
