// The dataset-version API's shapes, shared by the service and any client code.
import type { JsonValue, NormalizedDatasetVersion, NormalizedPartition } from "@pedigree/domain";
import { z } from "zod";

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = (field: string, max = 2000) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

export const registerDatasetVersionInput = z.object({
  /** Optional: when sent, it must be the id the content hashes to. */
  id: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "id must be 64 lowercase hex characters")
    .optional(),
  dataset: text("dataset", 200),
  partitions: z
    .array(
      z.object({
        uri: text("partitions[].uri"),
        checksum: z.string().trim().max(200).nullish(),
        rowCount: count.nullish(),
        bytes: count.nullish(),
        partitionKey: z.string().max(200).nullish(),
      }),
    )
    .max(100_000),
  commit: z
    .object({
      repo: text("commit.repo", 500),
      sha: z
        .string()
        .trim()
        .regex(/^[0-9a-fA-F]{7,64}$/, "commit.sha must be a hex commit id"),
      message: z.string().max(10_000).optional(),
      author: z.string().max(500).optional(),
      committedAt: z.iso.datetime({ offset: true }).nullish(),
    })
    .nullish(),
  params: z.record(z.string(), jsonValue).default({}),
  rowCount: count.nullish(),
  schema: jsonValue.optional(),
  qualityChecks: z
    .array(
      z.object({
        name: text("qualityChecks[].name", 200),
        passed: z.boolean(),
        details: jsonValue.optional(),
      }),
    )
    .optional(),
  sourceUri: z.string().max(2000).nullish(),
});

export type RegisterDatasetVersionInput = z.output<typeof registerDatasetVersionInput>;

export interface DatasetVersionView {
  id: string;
  dataset: string;
  rowCount: number;
  createdAt: string;
  commit: NormalizedDatasetVersion["commit"];
  params: Record<string, JsonValue>;
  schema: JsonValue;
  qualityChecks: JsonValue;
  sourceUri: string | null;
  /** Stored partitions, sorted by uri (a stored partition keeps no lakeFS commit of its own). */
  partitions: Omit<NormalizedPartition, "lakefsCommit">[];
}

export interface DatasetSummary {
  name: string;
  description: string;
  versionCount: number;
  latestVersion: { id: string; rowCount: number; createdAt: string } | null;
}

export interface DatasetVersionSummary {
  id: string;
  rowCount: number;
  createdAt: string;
  partitionCount: number;
  commitSha: string | null;
}
