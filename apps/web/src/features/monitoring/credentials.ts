import "server-only";
import { RETRAIN_CREDENTIAL_PATTERN, readRetrainCredentialVariable } from "../../env.ts";
import { decryptWebhookSecret } from "../webhooks/secret-box.ts";

/** Only PEDIGREE_RETRAIN_* variables may be named: a target cannot read the app's own secrets. */
export const CREDENTIAL_ENV_PATTERN = RETRAIN_CREDENTIAL_PATTERN;

interface StoredCredential {
  credential: string | null;
  credentialEnv: string | null;
}

/**
 * The target's credential in clear, or null when it has none; throws with a reason a delivery
 * records when it cannot be read.
 */
export function readCredential(target: StoredCredential): string | null {
  if (target.credentialEnv) {
    if (!CREDENTIAL_ENV_PATTERN.test(target.credentialEnv)) {
      throw new Error(`${target.credentialEnv} is not a PEDIGREE_RETRAIN_* variable`);
    }
    const value = readRetrainCredentialVariable(target.credentialEnv);
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
