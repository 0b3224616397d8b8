import type { JsonValue } from "./canonical-json.ts";
import { isLakefsUri, parseLakefsUri } from "./lakefs-uri.ts";

export interface PartitionInput {
  uri: string;
  /** Optional only for a lakeFS URI at a commit: the URI itself then names immutable content. */
  checksum?: string | null;
  rowCount?: number | null;
  bytes?: number | null;
  partitionKey?: string | null;
}

export interface CommitInput {
  repo: string;
  sha: string;
  message?: string;
  author?: string;
  committedAt?: string | null;
}

export interface QualityCheck {
  name: string;
  passed: boolean;
  details?: JsonValue;
}

/** What a pipeline sends to register a dataset version (POST /api/v1/dataset-versions). */
export interface DatasetVersionInput {
  id?: string;
  dataset: string;
  partitions: readonly PartitionInput[];
  commit?: CommitInput | null;
  params?: { readonly [key: string]: JsonValue | undefined };
  rowCount?: number | null;
  schema?: JsonValue;
  qualityChecks?: readonly QualityCheck[];
  sourceUri?: string | null;
}

export interface NormalizedPartition {
  uri: string;
  checksum: string;
  rowCount: number | null;
  bytes: number | null;
  partitionKey: string | null;
  /** The lakeFS commit id of a `lakefs://repo/<commit>/path` partition. */
  lakefsCommit: string | null;
}

/** A dataset version's content, normalised: partitions sorted by uri, defaults filled in. */
export interface NormalizedDatasetVersion {
  dataset: string;
  partitions: NormalizedPartition[];
  commit: {
    repo: string;
    sha: string;
    message: string;
    author: string;
    committedAt: string | null;
  } | null;
  params: { [key: string]: JsonValue | undefined };
  rowCount: number;
  schema: JsonValue;
  qualityChecks: QualityCheck[];
  sourceUri: string | null;
}

export type RegistrationError = { field: string; message: string };

/**
 * Checks and normalises a registration: fills a lakeFS partition's checksum from its commit,
 * sums the row count when the pipeline left it out, refuses duplicates and branch refs (a
 * branch moves, so it cannot name the content a version was built from).
 */
export function normalizeDatasetVersion(
  input: DatasetVersionInput,
): { ok: true; value: NormalizedDatasetVersion } | { ok: false; errors: RegistrationError[] } {
  const errors: RegistrationError[] = [];
  const seen = new Set<string>();
  const partitions: NormalizedPartition[] = [];
  input.partitions.forEach((partition, index) => {
    const field = `partitions[${index}]`;
    const lakefs = isLakefsUri(partition.uri) ? parseLakefsUri(partition.uri) : null;
    if (isLakefsUri(partition.uri) && !lakefs) {
      errors.push({ field: `${field}.uri`, message: "is not lakefs://<repository>/<ref>/<path>" });
      return;
    }
    let checksum = partition.checksum?.trim() || null;
    if (!checksum && lakefs?.commit) checksum = partition.uri;
    if (!checksum) {
      errors.push({
        field: `${field}.checksum`,
        message: lakefs
          ? `is required: the lakeFS ref "${lakefs.ref}" is not a commit id (64 hex), and a branch moves`
          : "is required",
      });
      return;
    }
    if (seen.has(partition.uri)) {
      errors.push({ field: `${field}.uri`, message: `${partition.uri} is listed twice` });
      return;
    }
    seen.add(partition.uri);
    partitions.push({
      uri: partition.uri,
      checksum,
      rowCount: partition.rowCount ?? null,
      bytes: partition.bytes ?? null,
      partitionKey: partition.partitionKey ?? null,
      lakefsCommit: lakefs?.commit ?? null,
    });
  });
  if (input.partitions.length === 0) {
    errors.push({ field: "partitions", message: "needs at least one partition" });
  }
  const summed = partitions.every((p) => p.rowCount !== null)
    ? partitions.reduce((sum, p) => sum + (p.rowCount ?? 0), 0)
    : null;
  const rowCount = input.rowCount ?? summed;
  if (rowCount === null) {
    errors.push({
      field: "rowCount",
      message: "is required when a partition has no rowCount",
    });
  }
  if (errors.length > 0 || rowCount === null) return { ok: false, errors };
  partitions.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const commit = input.commit
    ? {
        repo: input.commit.repo,
        sha: input.commit.sha.toLowerCase(),
        message: input.commit.message ?? "",
        author: input.commit.author ?? "",
        committedAt: input.commit.committedAt ?? null,
      }
    : null;
  return {
    ok: true,
    value: {
      dataset: input.dataset,
      partitions,
      commit,
      params: { ...(input.params ?? {}) },
      rowCount,
      schema: input.schema ?? [],
      qualityChecks: [...(input.qualityChecks ?? [])],
      sourceUri: input.sourceUri ?? null,
    },
  };
}

/** The id's inputs: the partitions' checksums, the commit and the params. */
export function toDatasetVersionContent(version: NormalizedDatasetVersion) {
  return {
    partitionChecksums: version.partitions.map((p) => p.checksum),
    commitSha: version.commit?.sha ?? null,
    params: version.params,
  };
}
