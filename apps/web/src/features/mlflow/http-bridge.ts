// For tests and benchmarks only: a plain node:http server that hands each request to the app's
// MLflow route handlers (the modules Next would call), so that real HTTP clients talk to the real
// handlers without a Next build.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as mlflowRoute from "../../app/api/2.0/mlflow/[...path]/route.ts";
import * as artifactRoute from "../../app/api/2.0/mlflow-artifacts/[...path]/route.ts";
import * as serverInfoRoute from "../../app/api/3.0/mlflow/server-info/route.ts";
import * as healthRoute from "../../app/health/route.ts";
import * as versionRoute from "../../app/version/route.ts";

type Handler = (request: Request) => Promise<Response> | Response;
type Module = Partial<Record<string, Handler>>;

function findModule(pathname: string): Module | null {
  if (pathname.startsWith("/api/2.0/mlflow-artifacts/")) return artifactRoute;
  if (/^\/(api|ajax-api)\/2\.0\/mlflow\//.test(pathname)) return mlflowRoute;
  if (pathname === "/api/3.0/mlflow/server-info") return serverInfoRoute;
  if (pathname === "/version") return versionRoute;
  if (pathname === "/health") return healthRoute;
  return null;
}

async function forward(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? "localhost"}`);
  const method = incoming.method ?? "GET";
  const handler = findModule(url.pathname)?.[method];
  if (!handler) {
    outgoing.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    outgoing.end();
    return;
  }
  for await (const chunk of response.body) outgoing.write(chunk);
  outgoing.end();
}

/** Starts the bridge on a free port of 127.0.0.1; answers its base URL and a stop function. */
export async function startMlflowBridge(): Promise<{
  url: string;
  server: Server;
  stop: () => Promise<void>;
}> {
  const server = createServer((incoming, outgoing) => {
    forward(incoming, outgoing).catch((error: unknown) => {
      outgoing.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
