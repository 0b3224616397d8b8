// The tokens API's shapes, shared by the service (server) and the hooks (client).
import { z } from "zod";

export const createTokenInput = z.object({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name must not be empty")
    .max(100, "name must be at most 100 characters"),
});

/** A token as listed: never the secret. Dates are ISO strings. */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The answer to a creation: the only time the secret is shown. */
export interface CreatedToken {
  id: string;
  name: string;
  token: string;
}
