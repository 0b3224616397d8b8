import "server-only";
import { z } from "zod";
import { assertNoEncodedSeparator, normalizeArtifactPath } from "../artifacts/artifact-path.ts";
import { readFileKind } from "../artifacts/content-type.ts";
import { artifactHeaders } from "../artifacts/serve.ts";
import {
  deleteArtifact,
  downloadArtifact,
  listArtifacts,
  readProxiedRoot,
  uploadArtifact,
} from "../artifacts/service.ts";
import { endpoint, type RouteTable } from "./endpoint.ts";
import { invalidParameter, notFound } from "./errors.ts";

const toFileInfo = (base: string) => (entry: { name: string; isDir: boolean; size?: number }) => ({
  path: base ? `${base}/${entry.name}` : entry.name,
  is_dir: entry.isDir,
  ...(entry.isDir ? {} : { file_size: entry.size ?? 0 }),
});

const anyInput = z.object({}).passthrough();

const upload = endpoint(
  { role: "ENGINEER", input: anyInput, body: "raw" },
  async ({ db, request, rest }) => {
    const announced = request.headers.get("content-length");
    const size = announced !== null && /^\d+$/.test(announced) ? Number(announced) : null;
    assertNoEncodedSeparator(request.nextUrl.pathname);
    await uploadArtifact(db, rest, request.body, size);
    return {};
  },
);

const download = endpoint({ role: "VIEWER", input: anyInput }, async ({ request, rest }) => {
  assertNoEncodedSeparator(request.nextUrl.pathname);
  const file = await downloadArtifact(rest);
  // Always an attachment here: clients save the bytes; the run page previews through its route.
  return new Response(file.body, {
    headers: {
      ...artifactHeaders(file.name, readFileKind(file.name).contentType, "attachment"),
      "content-length": String(file.size),
    },
  });
});

const remove = endpoint({ role: "ENGINEER", input: anyInput }, async ({ db, request, rest }) => {
  assertNoEncodedSeparator(request.nextUrl.pathname);
  await deleteArtifact(db, rest);
  return {};
});

/** The proxied artifact service: /api/2.0/mlflow-artifacts/artifacts[/<path>] (§5.2). */
export const proxiedArtifactRoutes: RouteTable = {
  "artifacts/*": { PUT: upload, DELETE: remove, GET: download },
};

/** GET artifacts?path=<dir> lists (names only); GET artifacts/<path> downloads. */
export const proxiedListEndpoint = endpoint(
  { role: "VIEWER", input: z.object({ path: z.string().optional().default("") }) },
  async ({ input }) => {
    const entries = await listArtifacts(input.path);
    return entries.length > 0 ? { files: entries.map(toFileInfo("")) } : {};
  },
);

/** Tracking-side listing: a run's artifacts with paths relative to its root (§5.1). */
export const runArtifactRoutes: RouteTable = {
  "artifacts/list": {
    GET: endpoint(
      {
        role: "VIEWER",
        input: z.object({
          run_id: z.string().optional(),
          run_uuid: z.string().optional(),
          path: z.string().optional().default(""),
          page_token: z.string().optional(),
        }),
      },
      async ({ db, input }) => {
        const runId = input.run_id || input.run_uuid;
        if (!runId) throw invalidParameter("Missing value for required parameter 'run_id'");
        const run = await db.prisma.run.findUnique({
          where: { id: runId },
          select: { artifactUri: true },
        });
        if (!run) throw notFound(`Run with id=${runId} not found`);
        const root = readProxiedRoot(run.artifactUri);
        const folder = normalizeArtifactPath(input.path);
        if (root === null) return { root_uri: run.artifactUri };
        const entries = await listArtifacts(folder ? `${root}/${folder}` : root);
        return {
          root_uri: run.artifactUri,
          ...(entries.length > 0 ? { files: entries.map(toFileInfo(folder)) } : {}),
        };
      },
    ),
  },
};
