// The only reader of process.env. Parsed lazily, once: `next build` loads route modules without
// the runtime secrets, so reading at import time would fail the build.
import { resolveDataDir } from "@pedigree/db";
import { z } from "zod";

// An empty value (`FOO=` in a .env file) means "not set".
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optional = <T extends z.ZodType>(inner: T) =>
  z.preprocess(blankToUndefined, inner.optional());

const schema = z.object({
  /** Read by `next start` itself; validated here so that a typo fails loudly. */
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /** A PostgreSQL server; absent: the embedded PGlite database. */
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  /** The embedded database's folder; default: <repo root>/.data/pglite. */
  PEDIGREE_DATA_DIR: optional(z.string()),
  /** Signs and encrypts session cookies (next-auth's secret). */
  PEDIGREE_AUTH_SECRET: z
    .string({ error: "is required (32+ characters)" })
    .min(32, "must be at least 32 characters"),
  /** The public URL of the app; read by next-auth itself (secure cookies when https). */
  NEXTAUTH_URL: optional(z.url({ protocol: /^https?$/ })),
  PEDIGREE_LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["debug", "info", "warn", "error"]).default("info"),
  ),
  /** MLflow artifacts on disk; default: an `artifacts` folder beside the embedded database. */
  PEDIGREE_ARTIFACTS_DIR: optional(z.string()),
  /** Set: artifacts go to this S3-compatible bucket instead of the folder. */
  PEDIGREE_ARTIFACTS_S3_BUCKET: optional(z.string()),
  /** A key prefix inside the bucket. */
  PEDIGREE_ARTIFACTS_S3_PREFIX: optional(z.string()),
  /** MinIO, R2 and the like; absent: AWS. */
  PEDIGREE_ARTIFACTS_S3_ENDPOINT: optional(z.url()),
  PEDIGREE_ARTIFACTS_S3_REGION: z.preprocess(blankToUndefined, z.string().default("us-east-1")),
  /** "true" for MinIO-style http://host/bucket/key addressing. */
  PEDIGREE_ARTIFACTS_S3_FORCE_PATH_STYLE: z.preprocess(
    blankToUndefined,
    z.enum(["true", "false"]).default("false"),
  ),
  /** Absent: the AWS SDK's default credential chain. */
  PEDIGREE_ARTIFACTS_S3_ACCESS_KEY_ID: optional(z.string()),
  PEDIGREE_ARTIFACTS_S3_SECRET_ACCESS_KEY: optional(z.string()),
});

/** Every variable the app reads; a test checks that .env.example lists each. */
export const ENV_VARIABLE_NAMES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

type Env = Omit<z.output<typeof schema>, "PEDIGREE_DATA_DIR"> & {
  PEDIGREE_DATA_DIR: string;
};

/** Parses a set of variables; throws one error that names every problem. */
export function parseEnv(source: Record<string, string | undefined>, cwd: string): Env {
  const picked = Object.fromEntries(ENV_VARIABLE_NAMES.map((name) => [name, source[name]]));
  const result = schema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return { ...result.data, PEDIGREE_DATA_DIR: resolveDataDir(result.data.PEDIGREE_DATA_DIR, cwd) };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env, process.cwd());
  return cached;
}

/** Orchestrator credentials are named per retraining target, so they cannot be in the schema. */
export const RETRAIN_CREDENTIAL_PATTERN = /^PEDIGREE_RETRAIN_[A-Z0-9_]+$/;

/** A `PEDIGREE_RETRAIN_*` variable a retraining target names; no other variable can be read. */
export function readRetrainCredentialVariable(name: string): string | undefined {
  if (!RETRAIN_CREDENTIAL_PATTERN.test(name)) return undefined;
  return process.env[name] || undefined;
}
