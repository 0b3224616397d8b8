// For integration tests only: artifact requests answered by the real route handlers, with the
// raw bytes of the answer (the MLflow test client reads JSON only).

import { DELETE, GET, PUT } from "../../app/api/2.0/mlflow-artifacts/[...path]/route.ts";
import * as runArtifactRoute from "../../app/api/v1/runs/[id]/artifacts/[...path]/route.ts";

export interface RawAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary error JSON.
  json: () => any;
}

async function read(response: Response): Promise<RawAnswer> {
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    json: () => JSON.parse(bytes.toString("utf8")),
  };
}

/** A stream of `data` in chunks, so the upload has no announced length unless one is given. */
export function streamOf(data: Uint8Array, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.byteLength) return controller.close();
      controller.enqueue(data.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

/** A call to /api/2.0/mlflow-artifacts/<path>; `path` is put in the URL as given (encoded). */
export async function callProxied(
  token: string,
  method: "GET" | "PUT" | "DELETE",
  path: string,
  body?: ReadableStream<Uint8Array> | Uint8Array | string,
  options: { length?: number } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.length !== undefined) headers["content-length"] = String(options.length);
  const request = new Request(`http://localhost/api/2.0/mlflow-artifacts/${path}`, {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const handler = { GET, PUT, DELETE }[method];
  return read(await handler(request));
}

/** GET /api/v1/runs/{id}/artifacts/{path}: `rawPath` goes in the URL, `segments` as Next's params. */
export async function getRunArtifact(
  token: string,
  runId: string,
  rawPath: string,
  options: { query?: string; segments?: string[] } = {},
): Promise<RawAnswer> {
  const url = `http://localhost/api/v1/runs/${runId}/artifacts/${rawPath}${options.query ?? ""}`;
  const segments =
    options.segments ?? new URL(url).pathname.split("/").slice(6).map(decodeURIComponent);
  const request = new Request(url, { headers: { authorization: `Bearer ${token}` } });
  return read(
    await runArtifactRoute.GET(request, {
      params: Promise.resolve({ id: runId, path: segments }),
    }),
  );
}
