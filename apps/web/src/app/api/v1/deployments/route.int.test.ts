import { beforeAll, describe, expect, it } from "vitest";
import { listModelDeployments } from "../../../../features/deployments/service.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../../../server/testing.ts";
import { GET as listDeployments } from "../models/[name]/deployments/route.ts";
import { POST } from "./route.ts";

const db = setUpTestDatabase();
const URL_DEPLOYMENTS = "http://localhost/api/v1/deployments";
const REGISTERED = "a".repeat(64);
const OTHER = "b".repeat(64);
let engineer: HeadersInit;
let viewer: HeadersInit;

beforeAll(async () => {
  const model = await db().prisma.registeredModel.create({ data: { name: "fraud-detection" } });
  for (const version of [1, 2]) {
    await db().prisma.modelVersion.create({
      data: {
        modelId: model.id,
        version,
        source: `s3://models/fraud/${version}`,
        // Version 1 has a registered digest; version 2 has none.
        tags: version === 1 ? { create: { key: "artifact_digest", value: REGISTERED } } : undefined,
      },
    });
  }
  for (const role of ["ENGINEER", "VIEWER"] as const) {
    const user = await createTestUser(db(), { role });
    const headers = bearer((await createTestToken(db(), user.id)).token);
    if (role === "ENGINEER") engineer = headers;
    else viewer = headers;
  }
});

function post(body: unknown, headers: HeadersInit = engineer) {
  const init = { method: "POST", body: JSON.stringify(body), headers };
  return POST(new Request(URL_DEPLOYMENTS, init), routeContext());
}

function list(name: string, headers: HeadersInit = viewer) {
  const url = `http://localhost/api/v1/models/${name}/deployments`;
  return listDeployments(new Request(url, { headers }), routeContext({ name }));
}

const base = { model: "fraud-detection", service: "scoring-api", environment: "prod" };

describe("/api/v1/deployments", () => {
  it("records deployments, ending the service's previous one, and flags digest mismatches", async () => {
    const first = await post({ ...base, version: 1, digest: `sha256:${REGISTERED.toUpperCase()}` });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({
      ...{ service: "scoring-api", environment: "prod", version: 1, endedAt: null },
      digest: REGISTERED,
      registeredDigest: REGISTERED,
      isDigestMismatch: false,
    });

    const staging = await post({ ...base, environment: "staging", version: 2 });
    expect(staging.status).toBe(201);
    const second = await post({ ...base, version: 1, digest: OTHER });
    expect(second.status).toBe(201);

    const response = await list("fraud-detection");
    expect(response.status).toBe(200);
    const deployments = await response.json();
    expect(deployments).toHaveLength(3);
    const byId = new Map(deployments.map((row: { id: string }) => [row.id, row]));
    expect(byId.get(created.id)).toMatchObject({ isDigestMismatch: false });
    expect((byId.get(created.id) as { endedAt: string | null }).endedAt).not.toBeNull();
    expect(byId.get((await second.json()).id)).toMatchObject({
      endedAt: null,
      digest: OTHER,
      registeredDigest: REGISTERED,
      isDigestMismatch: true,
    });
    expect(byId.get((await staging.json()).id)).toMatchObject({
      endedAt: null,
      digest: null,
      registeredDigest: null,
      isDigestMismatch: false,
    });
    expect(await listModelDeployments(db(), "fraud-detection")).toEqual(deployments);
  });

  it("answers 404 for an unknown model or version", async () => {
    const unknownModel = await post({ ...base, model: "nope", version: 1 });
    expect(unknownModel.status).toBe(404);
    expect((await unknownModel.json()).error.code).toBe("NOT_FOUND");
    expect((await post({ ...base, version: 9 })).status).toBe(404);
    expect((await list("nope")).status).toBe(404);
  });

  it("answers 400 for bad input, 403 for a viewer and 401 without credentials", async () => {
    expect((await post({ ...base, version: 1, digest: "xyz" })).status).toBe(400);
    expect((await post({ ...base, version: 0 })).status).toBe(400);
    expect((await post({ ...base, service: "", version: 1 })).status).toBe(400);
    expect((await post({ ...base, version: 1 }, viewer)).status).toBe(403);
    expect((await post({ ...base, version: 1 }, {})).status).toBe(401);
    expect((await list("fraud-detection", {})).status).toBe(401);
  });
});
