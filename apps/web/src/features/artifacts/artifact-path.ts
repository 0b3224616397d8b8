// Artifact paths as clients send them, made safe: relative, "/"-separated, no "." or "" parts,
// and never a ".." that could leave the artifact root (refused, not silently dropped).
import { AppError } from "../../server/errors.ts";

export function normalizeArtifactPath(raw: string): string {
  if (raw.includes("\0")) throw new AppError("INVALID_INPUT", "Invalid artifact path: NUL byte");
  const parts = raw.replaceAll("\\", "/").split("/");
  if (parts.some((part) => part === "..")) {
    throw new AppError("INVALID_INPUT", `Invalid artifact path '${raw}': '..' is not allowed`);
  }
  if (/^[A-Za-z]:/.test(raw)) {
    throw new AppError("INVALID_INPUT", `Invalid artifact path '${raw}': must be relative`);
  }
  return parts.filter((part) => part !== "" && part !== ".").join("/");
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
