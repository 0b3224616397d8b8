import { describe, expect, it } from "vitest";
import { signWebhookPayload } from "./signature.ts";

describe("signWebhookPayload", () => {
  it("matches an HMAC-SHA256 computed independently (openssl dgst -sha256 -hmac)", () => {
    const body = '{"event":"promotion.requested"}';
    expect(signWebhookPayload("whsec_test_secret", 1_700_000_000, body)).toBe(
      "sha256=39a4f1959f32f1e9891466d0abedd36ab3798879806e47798bac7e4c69a991d5",
    );
  });

  it("changes with the timestamp, the body and the secret", () => {
    const base = signWebhookPayload("s", 1, "{}");
    expect(signWebhookPayload("s", 2, "{}")).not.toBe(base);
    expect(signWebhookPayload("s", 1, "{ }")).not.toBe(base);
    expect(signWebhookPayload("t", 1, "{}")).not.toBe(base);
    expect(base).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});
