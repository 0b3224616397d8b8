import "server-only";
import { decryptWebhookSecret } from "../webhooks/secret-box.ts";

/** Only variables with this prefix may be named: a target cannot read the app's own secrets. */
const CREDENTIAL_ENV_PREFIX = "PEDIGREE_RETRAIN_";

export const CREDENTIAL_ENV_PATTERN = /^PEDIGREE_RETRAIN_[A-Z0-9_]+$/;

interface StoredCredential {
  credential: string | null;
  credentialEnv: string | null;
}

/**
 * The target's credential in clear, or null when it has none; throws with a reason a delivery
 * records when it cannot be read. A named variable is read here, not in env.ts: its name is
 * data (chosen per model by an engineer), so it cannot be declared in the app's env schema.
 */
export function readCredential(target: StoredCredential): string | null {
  if (target.credentialEnv) {
    if (!CREDENTIAL_ENV_PATTERN.test(target.credentialEnv)) {
      throw new Error(`${target.credentialEnv} is not a ${CREDENTIAL_ENV_PREFIX}* variable`);
    }
    const value = process.env[target.credentialEnv];
    if (!value) throw new Error(`The environment variable ${target.credentialEnv} is not set`);
    return value;
  }
  if (!target.credential) return null;
  try {
    return decryptWebhookSecret(target.credential);
  } catch {
    throw new Error(
      "The stored credential cannot be decrypted (was PEDIGREE_AUTH_SECRET changed?)",
    );
  }
}
