import { createHash } from "node:crypto";
import { type JsonValue, serializeCanonicalJson } from "./canonical-json.ts";

export interface DatasetVersionContent {
  /** The checksums of the raw partitions it was built from, in any order. */
  partitionChecksums: readonly string[];
  /** The feature-code commit that built it; null when unknown. */
  commitSha: string | null;
  /** The build parameters (sampling, time range, ...). */
  params: { readonly [key: string]: JsonValue | undefined };
}

/**
 * A DatasetVersion's id: the SHA-256 (hex) of its content, so that rebuilding the same data with
 * the same code and parameters gives the same id and any change gives another. Checksums are
 * sorted (partition order means nothing); params are canonical JSON (key order means nothing).
 * The "v1" prefix lets the recipe change later without colliding with today's ids.
 */
export function computeDatasetVersionId(content: DatasetVersionContent): string {
  const checksums = [...content.partitionChecksums].sort();
  const text = serializeCanonicalJson({
    version: "pedigree.dataset-version.v1",
    partitionChecksums: checksums,
    commitSha: content.commitSha,
    params: content.params,
  });
  return createHash("sha256").update(text, "utf8").digest("hex");
}
