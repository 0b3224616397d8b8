// Request size limits on every writing route (issue 8): a body announced as 1 GB, and a 1 GB body
// streamed without a Content-Length, are refused without being read into memory. The proof is the
// number of bytes the route pulled from the body's source: nothing past its limit.
import { beforeAll, describe, expect, it } from "vitest";
import type { Endpoint, Method, RouteTable } from "../../features/mlflow/endpoint.ts";
import { loggedModelRoutes } from "../../features/mlflow/endpoints-logged-models.ts";
import { registryRoutes } from "../../features/mlflow/endpoints-registry.ts";
import { trackingRoutes } from "../../features/mlflow/endpoints-tracking.ts";
import { DEFAULT_MAX_BODY_BYTES } from "../../server/route/parse-input.ts";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { listNativeRoutes } from "../../server/testing-hostile.ts";
import * as mlflowRoute from "./2.0/mlflow/[...path]/route.ts";

const db = setUpTestDatabase();
const GIGABYTE = 1024 ** 3;
const CHUNK = new Uint8Array(256 * 1024).fill(0x20);
/** The profile routes take 32 MB (a feature profile); the others the default. */
const NATIVE_LIMITS: Record<string, number> = {
  "/api/v1/profiles/baselines": 32 * 1024 * 1024,
  "/api/v1/profiles/windows": 32 * 1024 * 1024,
};
const MLFLOW_LIMIT = 20 * 1024 * 1024;
const WRITES = ["POST", "PATCH", "PUT", "DELETE"] as const;

type Handler = (request: Request, context?: unknown) => Promise<Response>;

let token = "";
beforeAll(async () => {
  const admin = await createTestUser(db(), { role: "ADMIN" });
  token = (await createTestToken(db(), admin.id)).token;
});

/** A 1 GB body of spaces made on demand; `pulled()` is what the reader took from it. */
function gigabyteBody() {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= GIGABYTE) return controller.close();
      produced += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    },
  });
  return { stream, pulled: () => produced };
}

interface Outcome {
  status: number;
  pulled: number;
  text: string;
}

async function send(
  handler: Handler,
  url: string,
  method: string,
  announce: boolean,
  context?: unknown,
): Promise<Outcome> {
  const body = gigabyteBody();
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
  };
  if (announce) headers["content-length"] = String(GIGABYTE);
  const request = new Request(url, {
    method,
    headers,
    body: body.stream,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, context);
  return { status: response.status, pulled: body.pulled(), text: await response.text() };
}

/** Whether the route reads a JSON body: an array for a body is refused as the body's fault. */
async function readsBody(handler: Handler, url: string, method: string, context?: unknown) {
  const response = await handler(
    new Request(url, { method, headers: { authorization: `Bearer ${token}` }, body: "[]" }),
    context,
  );
  const text = await response.text();
  return response.status === 400 && /request body|JSON object/i.test(text);
}

describe("request size limits", () => {
  it("native routes refuse a 1 GB body, announced or streamed, with 413 before reading it", async () => {
    const problems: string[] = [];
    let refused = 0;
    for (const route of listNativeRoutes()) {
      const module = (await import(route.file)) as Partial<Record<string, Handler>>;
      const params = Object.fromEntries(
        route.segments.map((s) => [s.name, s.isCatchAll ? ["1"] : "1"]),
      );
      const url = `http://localhost${route.pattern.replace(/\[(?:\.\.\.)?\w+\]/g, "1")}`;
      const limit = NATIVE_LIMITS[route.pattern] ?? DEFAULT_MAX_BODY_BYTES;
      for (const method of WRITES) {
        const handler = module[method];
        if (!handler) continue;
        const context = () => ({ params: Promise.resolve(params) });
        const where = `${method} ${route.pattern}`;
        const hasBody = await readsBody(handler, url, method, context());
        const announced = await send(handler, url, method, true, context());
        const streamed = await send(handler, url, method, false, context());
        // Nothing of an announced body is read; a streamed one up to the limit and a chunk.
        if (announced.pulled > 2 * CHUNK.byteLength) {
          problems.push(`${where}: read ${announced.pulled} bytes of an announced 1 GB body`);
        }
        const bound = hasBody ? limit + 2 * CHUNK.byteLength : 2 * CHUNK.byteLength;
        if (streamed.pulled > bound) {
          problems.push(`${where}: read ${streamed.pulled} bytes of a streamed 1 GB body`);
        }
        for (const [how, outcome] of [
          ["announced", announced],
          ["streamed", streamed],
        ] as const) {
          if (outcome.status >= 500) problems.push(`${where} ${how}: ${outcome.status}`);
          if (hasBody && outcome.status !== 413) {
            problems.push(`${where} ${how}: ${outcome.status} ${outcome.text.slice(0, 200)}`);
          }
          if (hasBody && !outcome.text.includes("PAYLOAD_TOO_LARGE")) {
            problems.push(`${where} ${how}: not PAYLOAD_TOO_LARGE`);
          }
        }
        if (hasBody) refused += 1;
      }
    }
    expect(problems).toEqual([]);
    // Most writing routes take a body; if none were found, the probe is broken, not the routes.
    expect(refused).toBeGreaterThan(15);
  }, 120_000);

  it("MLflow routes refuse a 1 GB body with 413 before reading past 20 MB (MLflow's error shape)", async () => {
    const table: RouteTable = { ...trackingRoutes, ...registryRoutes, ...loggedModelRoutes };
    const problems: string[] = [];
    let refused = 0;
    for (const [pattern, methods] of Object.entries(table)) {
      const path = pattern.replace(/\/\*$/, "/m-0123abcd");
      for (const method of WRITES) {
        const target: Endpoint | undefined = methods[method as Method];
        const handler = (mlflowRoute as Partial<Record<string, Handler>>)[method];
        if (!target || !handler) continue;
        const url = `http://localhost/api/2.0/mlflow/${path}`;
        const where = `${method} ${path}`;
        const announced = await send(handler, url, method, true);
        const streamed = await send(handler, url, method, false);
        if (announced.pulled > 2 * CHUNK.byteLength) {
          problems.push(`${where}: read ${announced.pulled} bytes of an announced 1 GB body`);
        }
        if (streamed.pulled > MLFLOW_LIMIT + 2 * CHUNK.byteLength) {
          problems.push(`${where}: read ${streamed.pulled} bytes of a streamed 1 GB body`);
        }
        for (const outcome of [announced, streamed]) {
          if (outcome.status === 404) continue;
          const json = JSON.parse(outcome.text) as { error_code?: string; message?: string };
          const isRefused =
            outcome.status === 413 &&
            json.error_code === "INVALID_PARAMETER_VALUE" &&
            /larger than this route accepts/.test(json.message ?? "");
          if (!isRefused) {
            problems.push(`${where}: ${outcome.status} ${outcome.text.slice(0, 200)}`);
          } else refused += 1;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(60);
  }, 120_000);
});
