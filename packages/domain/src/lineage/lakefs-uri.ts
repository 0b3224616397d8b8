/** A lakeFS object address: `lakefs://<repository>/<ref>/<path>`. */
export interface LakefsUri {
  repository: string;
  ref: string;
  path: string;
  /** The ref when it is a full commit id (64 hex), which never moves; null for a branch or tag. */
  commit: string | null;
}

const LAKEFS_URI = /^lakefs:\/\/([^/]+)\/([^/]+)(?:\/(.*))?$/;
const COMMIT_ID = /^[0-9a-f]{64}$/;

export function isLakefsUri(uri: string): boolean {
  return uri.startsWith("lakefs://");
}

/** Parses a lakeFS URI (pkg/uri/parser.go's shape); null when it is not one. */
export function parseLakefsUri(uri: string): LakefsUri | null {
  const match = LAKEFS_URI.exec(uri);
  if (!match) return null;
  const [, repository = "", ref = "", path = ""] = match;
  return { repository, ref, path, commit: COMMIT_ID.test(ref) ? ref : null };
}
