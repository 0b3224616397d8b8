// Artifact paths as clients send them, made safe: relative, "/"-separated, no "." or "" parts.
// Anything that could name a file outside the artifact root, or be read two ways by two stores,
// is refused, never silently rewritten: "..", an absolute path, a drive letter, a backslash, NUL.
import { AppError } from "../../server/errors.ts";

function refuse(raw: string, why: string): never {
  throw new AppError(
    "INVALID_INPUT",
    `Invalid artifact path '${raw.replaceAll("\0", "\\0")}': ${why}`,
  );
}

export function normalizeArtifactPath(raw: string): string {
  if (raw.includes("\0")) refuse(raw, "NUL byte");
  if (raw.includes("\\")) refuse(raw, "backslashes are not allowed");
  if (raw.startsWith("/")) refuse(raw, "must be relative");
  if (/^[A-Za-z]:/.test(raw)) refuse(raw, "must be relative");
  const parts = raw.split("/");
  if (parts.some((part) => part === "..")) refuse(raw, "'..' is not allowed");
  return parts.filter((part) => part !== "" && part !== ".").join("/");
}

/**
 * Path segments as a router decoded them: a segment that held an encoded separator (`%2F`,
 * `%5C`) would become two parts, or a backslash, after decoding; refused like a raw one.
 */
export function assertNoEncodedSeparator(rawPathname: string): void {
  if (/%(2f|5c|00)/i.test(rawPathname)) {
    refuse(rawPathname, "encoded separators are not allowed");
  }
}

/** The run a proxied artifact path belongs to: `<experiment>/<run>/artifacts/<path>`. */
export function readRunArtifactPath(
  key: string,
): { experimentId: string; runId: string; path: string } | null {
  const match = /^([^/]+)\/([^/]+)\/artifacts\/(.+)$/.exec(key);
  if (!match) return null;
  const [, experimentId = "", runId = "", path = ""] = match;
  return { experimentId, runId, path };
}
