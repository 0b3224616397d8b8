import { createHash } from "node:crypto";

const PREFIX = "pdg_";

/** Builds a token's secret from 32+ random bytes given by the caller. */
export function formatApiToken(randomBytes: Uint8Array): string {
  if (randomBytes.length < 32) throw new Error("an API token needs at least 32 random bytes");
  return PREFIX + Buffer.from(randomBytes).toString("base64url");
}

export function isApiTokenFormat(value: string): boolean {
  return value.startsWith(PREFIX) && value.length >= PREFIX.length + 43;
}

/**
 * What is stored: the secret's SHA-256. A fast hash is right here (unlike passwords): the secret
 * has 256 bits of entropy, so nothing can be guessed from the hash.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The part shown in lists so that a user can tell tokens apart: `pdg_` and 6 characters. */
export function displayApiTokenPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}
