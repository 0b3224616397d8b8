// The deployments API's shapes, shared by the service (server) and any client code.
import { z } from "zod";

/** sha256 hex, optionally prefixed `sha256:`; stored as 64 lowercase hex characters. */
const digest = z
  .string()
  .trim()
  .regex(/^(sha256:)?[0-9a-fA-F]{64}$/, "digest must be a sha256 hex digest")
  .transform((value) => value.replace(/^sha256:/, "").toLowerCase());

const name = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(200, `${field} must be at most 200 characters`);

export const createDeploymentInput = z.object({
  model: name("model"),
  version: z.coerce.number().int().positive(),
  service: name("service"),
  environment: name("environment"),
  digest: digest.optional(),
});

export type CreateDeploymentInput = z.output<typeof createDeploymentInput>;

/** A deployment of a model version. Dates are ISO strings. */
export interface DeploymentView {
  id: string;
  service: string;
  environment: string;
  version: number;
  startedAt: string;
  endedAt: string | null;
  /** What the service reported running. */
  digest: string | null;
  /** The version's `artifact_digest` tag. */
  registeredDigest: string | null;
  /** Both digests are known and differ: the service runs another artifact than registered. */
  isDigestMismatch: boolean;
}
