import { describe, expect, it } from "vitest";
import { decryptWebhookSecret, encryptWebhookSecret } from "./secret-box.ts";

const KEY = "an-auth-secret-that-is-at-least-32-characters";

describe("the webhook secret box", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const stored = encryptWebhookSecret("whsec_abc", KEY);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain("whsec_abc");
    expect(encryptWebhookSecret("whsec_abc", KEY)).not.toBe(stored);
    expect(decryptWebhookSecret(stored, KEY)).toBe("whsec_abc");
  });

  it("refuses another key, an altered value and another format", () => {
    const stored = encryptWebhookSecret("whsec_abc", KEY);
    expect(() => decryptWebhookSecret(stored, `${KEY}-rotated`)).toThrow();
    const parts = stored.split(".");
    const altered = [...parts.slice(0, 3), Buffer.from("whsec_abd").toString("base64url")];
    expect(() => decryptWebhookSecret(altered.join("."), KEY)).toThrow();
    expect(() => decryptWebhookSecret("plain-secret", KEY)).toThrow();
  });
});
