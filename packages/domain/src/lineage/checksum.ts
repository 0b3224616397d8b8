/** How a stored partition checksum was computed, read from its shape. */
export type ChecksumAlgorithm = "md5" | "sha256" | "dvc-dir" | "unknown";

export interface ChecksumKind {
  algorithm: ChecksumAlgorithm;
  /** The hex digest to compare (prefix and `.dir` removed). */
  digest: string;
}

/**
 * `md5:<hex>` / `sha256:<hex>`, a bare 32 (md5) or 64 (sha256) hex digest, or DVC's
 * `<md5>.dir`. Anything else (an etag, a lakeFS URI standing for its commit) is "unknown":
 * it cannot be recomputed from the file.
 */
export function readChecksumKind(checksum: string): ChecksumKind {
  const value = checksum.trim().toLowerCase();
  const prefixed = /^(md5|sha256):([0-9a-f]+)$/.exec(value);
  if (prefixed) return { algorithm: prefixed[1] as "md5" | "sha256", digest: prefixed[2] ?? "" };
  if (/^[0-9a-f]{32}\.dir$/.test(value))
    return { algorithm: "dvc-dir", digest: value.slice(0, 32) };
  if (/^[0-9a-f]{32}$/.test(value)) return { algorithm: "md5", digest: value };
  if (/^[0-9a-f]{64}$/.test(value)) return { algorithm: "sha256", digest: value };
  return { algorithm: "unknown", digest: value };
}
