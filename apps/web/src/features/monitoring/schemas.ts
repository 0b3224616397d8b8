// The API's input shapes for the monitoring slice (zod), shared by its routes.
import { z } from "zod";

const subject = z
  .string()
  .trim()
  .max(200)
  .nullable()
  .transform((value) => (value ? value : null));

export const ruleBody = z.object({
  name: z.string().trim().min(1, "a name is required").max(200),
  kind: z.enum(["FEATURE_DRIFT", "DATASET_DRIFT", "MISSING_SHARE", "METRIC_BELOW"]),
  subject: subject.default(null),
  threshold: z.number({ error: "a number is required" }),
  isEnabled: z.boolean().default(true),
});

export const rulePatch = ruleBody.partial();

export const targetBody = z.object({
  kind: z.enum(["AIRFLOW", "WEBHOOK"]),
  url: z.url({ protocol: /^https?$/, error: "an http(s) URL is required" }),
  dagId: z.string().trim().min(1).max(250).nullable().default(null),
  auth: z.enum(["NONE", "BASIC", "BEARER"]).default("NONE"),
  credential: z.string().max(4096).nullable().optional(),
  credentialEnv: z.string().trim().min(1).max(200).nullable().default(null),
  rollbackWindowDays: z.number().int().min(0).max(365).default(7),
});

export const dismissBody = z.object({
  reason: z.string().trim().min(1, "a reason is required").max(2000),
});

export const nameParams = z.object({ name: z.string().min(1) });
export const idParams = z.object({ id: z.string().min(1) });
