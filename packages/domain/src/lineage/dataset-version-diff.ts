import { serializeCanonicalJson } from "./canonical-json.ts";
import type { NormalizedDatasetVersion } from "./dataset-version-registration.ts";

/**
 * What differs between a stored dataset version and one sent under its id, as sentences for a
 * 409. The id covers checksums, commit sha and params, so under a matching id only the rest can
 * differ (rows, schema, checks, partition uris, repo); a client-chosen id can differ in anything.
 * A value the sender left out (null) is not a difference.
 */
export function diffDatasetVersions(
  stored: NormalizedDatasetVersion,
  sent: NormalizedDatasetVersion,
): string[] {
  const differences: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (a === null || a === undefined || b === null || b === undefined) return;
    const left = serializeCanonicalJson(a as never);
    const right = serializeCanonicalJson(b as never);
    if (left !== right) differences.push(`${what}: stored ${left}, sent ${right}`);
  };
  compare(
    "partition checksums",
    stored.partitions.map((p) => p.checksum).sort(),
    sent.partitions.map((p) => p.checksum).sort(),
  );
  compare("commit.sha", stored.commit?.sha ?? "(none)", sent.commit?.sha ?? "(none)");
  compare("params", stored.params, sent.params);
  compare("dataset", stored.dataset, sent.dataset);
  compare("rowCount", stored.rowCount, sent.rowCount);
  compare("schema", stored.schema, sent.schema);
  compare("qualityChecks", stored.qualityChecks, sent.qualityChecks);
  compare("sourceUri", stored.sourceUri, sent.sourceUri);
  compare("commit.repo", stored.commit?.repo, sent.commit?.repo);
  const storedUris = stored.partitions.map((p) => p.uri);
  const sentUris = sent.partitions.map((p) => p.uri);
  compare("partition uris", storedUris, sentUris);
  const byUri = new Map(stored.partitions.map((p) => [p.uri, p]));
  for (const partition of sent.partitions) {
    const before = byUri.get(partition.uri);
    if (!before) continue;
    compare(`${partition.uri} rowCount`, before.rowCount, partition.rowCount);
    compare(`${partition.uri} bytes`, before.bytes, partition.bytes);
    compare(`${partition.uri} partitionKey`, before.partitionKey, partition.partitionKey);
  }
  return differences;
}
