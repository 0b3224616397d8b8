import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ProfileDocument } from "./build-profiles.ts";
import { postJson, toRequest } from "./push-profiles.ts";

// A real HTTP server on a free port: it records what arrives and answers like the API.
const received: { path: string; authorization: string | undefined; body: unknown }[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  let text = "";
  for await (const chunk of request) text += chunk;
  received.push({
    path: request.url ?? "",
    authorization: request.headers.authorization,
    body: JSON.parse(text),
  });
  const refused = request.url === "/api/v1/profiles/windows";
  response.writeHead(refused ? 400 : 201, { "content-type": "application/json" });
  response.end(
    JSON.stringify(
      refused
        ? {
            error: {
              code: "INVALID_INPUT",
              message: "Feature amount is not binned on the baseline's edges",
            },
          }
        : { datasetVersionId: "d1", features: ["amount"] },
    ),
  );
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const document: ProfileDocument = {
  kind: "baseline",
  source: "train.csv",
  rows: 3,
  features: [
    {
      feature: "amount",
      type: "numeric",
      edges: [1],
      counts: [1, 2],
      missingCount: 0,
      totalCount: 3,
      stats: {},
    },
  ],
};

it("posts a baseline with the bearer token and answers the server's body", async () => {
  const { path, body } = toRequest(document, { kind: "baseline", datasetVersionId: "d1" });
  const answer = await postJson({ url, token: "pdg_secret" }, path, body);
  expect(answer).toEqual({ datasetVersionId: "d1", features: ["amount"] });
  expect(received.at(-1)).toEqual({
    path: "/api/v1/profiles/baselines",
    authorization: "Bearer pdg_secret",
    body: { datasetVersionId: "d1", features: document.features },
  });
});

it("sends a window with its metrics, and throws the server's message on refusal", async () => {
  const { path, body } = toRequest(document, {
    kind: "window",
    deploymentId: "dep1",
    windowStart: "2026-11-01T00:00:00.000Z",
    windowEnd: "2026-11-02T00:00:00.000Z",
    metrics: { accuracy: 0.9 },
  });
  await expect(postJson({ url, token: "t" }, path, body)).rejects.toThrow(
    /POST \/api\/v1\/profiles\/windows: 400 Feature amount is not binned/,
  );
  expect(received.at(-1)?.body).toEqual({
    deploymentId: "dep1",
    windowStart: "2026-11-01T00:00:00.000Z",
    windowEnd: "2026-11-02T00:00:00.000Z",
    metrics: { accuracy: 0.9 },
    features: document.features,
  });
});
