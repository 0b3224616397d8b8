import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../../env.ts";

// Webhook signing secrets are stored encrypted with AES-256-GCM under a key derived (HKDF-SHA256)
// from PEDIGREE_AUTH_SECRET: a database dump alone does not reveal them. Changing the auth secret
// makes stored secrets unreadable (deliveries then fail with lastError saying so).
const FORMAT = "v1";

function deriveKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "pedigree", "webhook-secret", 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function encryptWebhookSecret(
  secret: string,
  authSecret: string = getEnv().PEDIGREE_AUTH_SECRET,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(authSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [FORMAT, ...parts].join(".");
}

/** The secret back; throws when it was encrypted under another key or was altered. */
export function decryptWebhookSecret(
  stored: string,
  authSecret: string = getEnv().PEDIGREE_AUTH_SECRET,
): string {
  const [format, iv, tag, ciphertext] = stored.split(".");
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined) {
    throw new Error("The webhook secret is not in the v1 encrypted format");
  }
  const decipher = createDecipheriv(
    "aes-256-gcm",
    deriveKey(authSecret),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(ciphertext, "base64url")),
    decipher.final(),
  ]);
  return plain.toString("utf8");
}
