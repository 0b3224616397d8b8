import "server-only";
import type { Database } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import { normalizeArtifactPath } from "./artifact-path.ts";
import { isInlineSafe, readFileKind, TEXT_PREVIEW_BYTES } from "./content-type.ts";
import { downloadArtifact, readProxiedRoot } from "./service.ts";

interface ServeOptions {
  /** The first TEXT_PREVIEW_BYTES of a text artifact, as text/plain whatever its type. */
  preview: boolean;
  /** Always an attachment, even for types a browser could show in place. */
  download: boolean;
}

/**
 * The headers every artifact answer carries: the type comes from the name and is never sniffed,
 * and a sandboxing CSP stops an HTML or SVG file opened directly from running in our origin.
 */
export function artifactHeaders(
  name: string,
  contentType: string,
  disposition: "inline" | "attachment",
): Record<string, string> {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  // RFC 6266: the UTF-8 name only when the plain one had to be changed.
  const utf8 = ascii === name ? "" : `; filename*=UTF-8''${encodeURIComponent(name)}`;
  return {
    "content-type": contentType,
    "content-disposition": `${disposition}; filename="${ascii}"${utf8}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-cache",
  };
}

/** Passes at most `limit` bytes, then ends the stream and cancels the source. */
function takeBytes(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let left = limit;
  return new TransformStream({
    transform(chunk, controller) {
      if (left > 0) controller.enqueue(chunk.subarray(0, left));
      left -= chunk.byteLength;
      if (left <= 0) controller.terminate();
    },
  });
}

/**
 * One recorded artifact of a run, streamed from the store: a file the Artifact table does not
 * list for the run is NOT_FOUND, so this route reads nothing but a run's own recorded files.
 */
export async function serveRunArtifact(
  db: Database,
  runId: string,
  rawPath: string,
  options: ServeOptions,
): Promise<Response> {
  const path = normalizeArtifactPath(rawPath);
  const run = await db.prisma.run.findUnique({
    where: { id: runId },
    select: { artifactUri: true, artifacts: { where: { path }, select: { path: true } } },
  });
  if (!run) throw new AppError("NOT_FOUND", `No run ${runId}`);
  const root = readProxiedRoot(run.artifactUri);
  if (root === null || run.artifacts.length === 0) {
    throw new AppError("NOT_FOUND", `No artifact '${path}' stored here for run ${runId}`);
  }
  const kind = readFileKind(path);
  if (options.preview && kind.preview !== "text") {
    throw new AppError("INVALID_INPUT", `preview: '${path}' is not a text artifact`);
  }
  const file = await downloadArtifact(root ? `${root}/${path}` : path);
  if (options.preview) {
    const truncated = file.size > TEXT_PREVIEW_BYTES;
    return new Response(file.body.pipeThrough(takeBytes(TEXT_PREVIEW_BYTES)), {
      headers: {
        ...artifactHeaders(file.name, "text/plain; charset=utf-8", "inline"),
        "x-artifact-size": String(file.size),
        "x-artifact-truncated": String(truncated),
      },
    });
  }
  const inline = !options.download && isInlineSafe(kind.contentType);
  return new Response(file.body, {
    headers: {
      ...artifactHeaders(file.name, kind.contentType, inline ? "inline" : "attachment"),
      "content-length": String(file.size),
    },
  });
}
