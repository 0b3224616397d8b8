import type { Prisma } from "@pedigree/db";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../../../../../server/testing.ts";
import { GET } from "./route.ts";

const db = setUpTestDatabase();
let viewer: HeadersInit;
let deploymentId: string;

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 0, 0, 0, n));

function list(id: string, headers: HeadersInit = viewer, search = "") {
  return GET(
    new Request(`http://localhost/api/v1/deployments/${id}/reports${search}`, { headers }),
    routeContext({ id }),
  );
}

beforeAll(async () => {
  const { prisma } = db();
  const experiment = await prisma.experiment.create({
    data: { name: "r", artifactLocation: "/a" },
  });
  const dataset = await prisma.dataset.create({ data: { name: "r-train" } });
  const datasetVersion = await prisma.datasetVersion.create({
    data: { id: "f".repeat(64), datasetId: dataset.id, rowCount: 10n },
  });
  const run = await prisma.run.create({
    data: { experimentId: experiment.id, name: "t", startTime: new Date(0), artifactUri: "/a/1" },
  });
  const model = await prisma.registeredModel.create({ data: { name: "reports" } });
  const version = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, runId: run.id, source: "s", stage: "PRODUCTION" },
  });
  deploymentId = (
    await prisma.deployment.create({
      data: { versionId: version.id, service: "api", environment: "production", startedAt: day(1) },
    })
  ).id;
  const features: Prisma.InputJsonArray = [
    { feature: "amount", psi: 1 / 3, jsDistance: 1e-7, currentCount: 12, severity: "SIGNIFICANT" },
    { feature: "country", psi: null, note: 'é " \\ \u2028', nested: { big: 1e21, tiny: -5e-324 } },
  ];
  // Stored out of order: the answer is oldest window first.
  for (const [n, metrics] of [
    [3, { f1: 0.5, accuracy: 0.125, "10": 1 }],
    [1, {}],
    [2, { auc: 2 / 3 }],
  ] as const) {
    await prisma.driftReport.create({
      data: {
        deploymentId,
        baselineDatasetVersionId: datasetVersion.id,
        windowStart: day(n),
        windowEnd: day(n + 1),
        features: n === 1 ? [] : features,
        driftedShare: n / 8,
        severity: n === 3 ? "SIGNIFICANT" : "NONE",
        isTooFewRows: n === 2,
        computedAt: day(n + 2),
        metrics: { create: Object.entries(metrics).map(([key, value]) => ({ key, value })) },
      },
    });
  }
  const user = await createTestUser(db(), { role: "VIEWER" });
  viewer = bearer((await createTestToken(db(), user.id)).token);
});

describe("GET /api/v1/deployments/[id]/reports", () => {
  it("answers every report whole with its metrics, oldest window first", async () => {
    const response = await list(deploymentId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = await response.json();
    for (const row of body) {
      expect(Object.keys(row).sort()).toEqual([
        "baselineDatasetVersionId",
        "computedAt",
        "deploymentId",
        "driftedShare",
        "features",
        "id",
        "isTooFewRows",
        "metrics",
        "severity",
        "windowEnd",
        "windowStart",
      ]);
      expect(row.baselineDatasetVersionId).toBe("f".repeat(64));
    }
    expect(
      body.map((row: { windowStart: string; isTooFewRows: boolean }) => [
        row.windowStart,
        row.isTooFewRows,
      ]),
    ).toEqual([
      [day(1).toISOString(), false],
      [day(2).toISOString(), true],
      [day(3).toISOString(), false],
    ]);
    expect(body[2]).toMatchObject({
      deploymentId,
      windowEnd: day(4).toISOString(),
      computedAt: day(5).toISOString(),
      driftedShare: 3 / 8,
      severity: "SIGNIFICANT",
      metrics: { "10": 1, accuracy: 0.125, f1: 0.5 },
    });
    expect(body[2].features[0]).toEqual({
      feature: "amount",
      psi: 1 / 3,
      jsDistance: 1e-7,
      currentCount: 12,
      severity: "SIGNIFICANT",
    });
    expect(body[2].features[1]).toEqual({
      feature: "country",
      psi: null,
      note: 'é " \\ \u2028',
      nested: { big: 1e21, tiny: -5e-324 },
    });
    expect(body[0]).toMatchObject({ features: [], metrics: {} });
  });

  it("answers the windows starting in [from, to), to the millisecond, with their metrics", async () => {
    const starts = async (search: string) => {
      const response = await list(deploymentId, viewer, search);
      expect(response.status).toBe(200);
      return (await response.json()).map((row: { windowStart: string; metrics: object }) => [
        row.windowStart,
        row.metrics,
      ]);
    };
    const from = encodeURIComponent(day(2).toISOString());
    const to = encodeURIComponent(day(3).toISOString());
    expect(await starts(`?from=${from}&to=${to}`)).toEqual([
      [day(2).toISOString(), { auc: 2 / 3 }],
    ]);
    expect((await starts(`?from=${from}`)).map(([start]: [string]) => start)).toEqual([
      day(2).toISOString(),
      day(3).toISOString(),
    ]);
    expect((await starts(`?to=${to}`)).map(([start]: [string]) => start)).toEqual([
      day(1).toISOString(),
      day(2).toISOString(),
    ]);
    const bad = await list(deploymentId, viewer, "?from=yesterday");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("from");
  });

  it("answers 404 for an unknown deployment and 401 without credentials", async () => {
    const missing = await list("nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");
    expect((await list(deploymentId, {})).status).toBe(401);
  });
});
