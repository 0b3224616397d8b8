import { afterEach, describe, expect, it, vi } from "vitest";
import { encryptWebhookSecret } from "../webhooks/secret-box.ts";
import { readCredential } from "./credentials.ts";

const KEY = "an-auth-secret-that-is-at-least-32-characters";

afterEach(() => vi.unstubAllEnvs());

describe("a retraining target's credential", () => {
  it("reads a named PEDIGREE_RETRAIN_* variable at send time, and no other", () => {
    vi.stubEnv("PEDIGREE_RETRAIN_AIRFLOW", "token-123");
    expect(readCredential({ credential: null, credentialEnv: "PEDIGREE_RETRAIN_AIRFLOW" })).toBe(
      "token-123",
    );
    expect(() =>
      readCredential({ credential: null, credentialEnv: "PEDIGREE_RETRAIN_UNSET" }),
    ).toThrow(/not set/);
    vi.stubEnv("PEDIGREE_AUTH_SECRET", KEY);
    expect(() =>
      readCredential({ credential: null, credentialEnv: "PEDIGREE_AUTH_SECRET" }),
    ).toThrow(/PEDIGREE_RETRAIN_/);
  });

  it("decrypts a stored one, says so when it cannot, and has none when neither is set", () => {
    vi.stubEnv("PEDIGREE_AUTH_SECRET", KEY);
    const stored = encryptWebhookSecret("user:pass", KEY);
    expect(readCredential({ credential: stored, credentialEnv: null })).toBe("user:pass");
    const foreign = encryptWebhookSecret("user:pass", `${KEY}-other`);
    expect(() => readCredential({ credential: foreign, credentialEnv: null })).toThrow(
      /cannot be decrypted/,
    );
    expect(readCredential({ credential: null, credentialEnv: null })).toBeNull();
  });
});
