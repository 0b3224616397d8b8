import {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  buildNumericProfile,
  compareProfiles,
  type FeatureProfile,
} from "@pedigree/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as recompute } from "../../app/api/v1/deployments/[id]/reports/recompute/route.ts";
import { GET as listReports } from "../../app/api/v1/deployments/[id]/reports/route.ts";
import { POST as postBaseline } from "../../app/api/v1/profiles/baselines/route.ts";
import { POST as postWindow } from "../../app/api/v1/profiles/windows/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();
const DATASET_VERSION = "e".repeat(64);
let engineer: HeadersInit;
let viewer: HeadersInit;
let deploymentId: string;

// Deterministic samples: the training amounts 0..999, the window's shifted up by 300.
const training = Array.from({ length: 1000 }, (_, i) => i);
const countries = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? "de" : "fr"));
const amountBaseline = buildNumericProfile(training);
const countryBaseline = buildCategoricalProfile(countries);

function toBody(feature: string, profile: FeatureProfile) {
  const common = {
    feature,
    counts: profile.counts,
    missingCount: profile.missingCount,
    totalCount: profile.totalCount,
    stats: profile.stats,
  };
  return profile.type === "NUMERIC"
    ? { type: "numeric", edges: profile.edges, ...common }
    : { type: "categorical", categories: profile.categories, ...common };
}

function windowOf(day: number, shift: number, rows = 1000) {
  const amounts = Array.from({ length: rows }, (_, i) => (i % 50 === 0 ? null : i + shift));
  const seen = Array.from({ length: rows }, (_, i) => (i % 10 === 0 ? "it" : "fr"));
  return {
    amount: buildNumericProfile(amounts, amountBaseline.edges),
    country: buildCategoricalProfileOn(countryBaseline, seen),
    start: new Date(Date.UTC(2026, 10, day)),
    end: new Date(Date.UTC(2026, 10, day + 1)),
  };
}

function send(handler: typeof postWindow, url: string, body: unknown, headers = engineer) {
  const init = { method: "POST", body: JSON.stringify(body), headers };
  return handler(new Request(`http://localhost${url}`, init), routeContext());
}

function sendWindow(window: ReturnType<typeof windowOf>, extra: Record<string, unknown> = {}) {
  return send(postWindow, "/api/v1/profiles/windows", {
    deploymentId,
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
    features: [toBody("amount", window.amount), toBody("country", window.country)],
    ...extra,
  });
}

beforeAll(async () => {
  const { prisma } = db();
  const experiment = await prisma.experiment.create({
    data: { name: "fraud", artifactLocation: "/a" },
  });
  const dataset = await prisma.dataset.create({ data: { name: "fraud-train" } });
  await prisma.datasetVersion.create({
    data: { id: DATASET_VERSION, datasetId: dataset.id, rowCount: 1000n },
  });
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      name: "nightly",
      startTime: new Date(0),
      artifactUri: "/a/1",
      inputs: { create: { datasetVersionId: DATASET_VERSION, context: "TRAINING" } },
    },
  });
  const model = await prisma.registeredModel.create({ data: { name: "fraud" } });
  const version = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, runId: run.id, source: "s", stage: "PRODUCTION" },
  });
  const deployment = await prisma.deployment.create({
    data: {
      versionId: version.id,
      service: "api",
      environment: "production",
      startedAt: new Date(0),
    },
  });
  deploymentId = deployment.id;
  for (const role of ["ENGINEER", "VIEWER"] as const) {
    const user = await createTestUser(db(), { role });
    const headers = bearer((await createTestToken(db(), user.id)).token);
    if (role === "ENGINEER") engineer = headers;
    else viewer = headers;
  }
});

describe("profile ingest", () => {
  it("stores a baseline once, and refuses viewers, unknown versions and incoherent counts", async () => {
    const body = {
      datasetVersionId: DATASET_VERSION,
      features: [toBody("amount", amountBaseline), toBody("country", countryBaseline)],
    };
    expect((await send(postBaseline, "/api/v1/profiles/baselines", body, viewer)).status).toBe(403);
    const created = await send(postBaseline, "/api/v1/profiles/baselines", body);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      datasetVersionId: DATASET_VERSION,
      features: ["amount", "country"],
    });
    expect((await send(postBaseline, "/api/v1/profiles/baselines", body)).status).toBe(409);
    const unknown = await send(postBaseline, "/api/v1/profiles/baselines", {
      ...body,
      datasetVersionId: "nope",
    });
    expect(unknown.status).toBe(404);
    const broken = { ...toBody("amount", amountBaseline), totalCount: 5 };
    const refused = await send(postBaseline, "/api/v1/profiles/baselines", {
      ...body,
      features: [broken],
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/amount/);
  });

  it("answers a window with its drift report, computed on arrival with the window's metrics", async () => {
    const window = windowOf(1, 300);
    const response = await sendWindow(window, { metrics: { accuracy: 0.91, f1: 0.8 } });
    expect(response.status).toBe(201);
    const report = await response.json();
    const expected = compareProfiles("amount", amountBaseline, window.amount);
    if (!expected.ok) throw new Error("the fixtures line up");
    const amount = report.features.find((row: { feature: string }) => row.feature === "amount");
    expect(amount.psi).toBeCloseTo(expected.value.psi as number, 12);
    expect(amount.severity).toBe("SIGNIFICANT");
    expect(amount.missingShareDelta).toBeCloseTo(0.02, 12);
    expect(report).toMatchObject({
      deploymentId,
      baselineDatasetVersionId: DATASET_VERSION,
      windowStart: window.start.toISOString(),
      severity: "SIGNIFICANT",
      isTooFewRows: false,
      metrics: { accuracy: 0.91, f1: 0.8 },
    });
    expect(report.driftedShare).toBe(1);
    const stored = await db().prisma.featureProfile.count({
      where: { deploymentId, kind: "WINDOW" },
    });
    expect(stored).toBe(2);
    expect((await sendWindow(window)).status).toBe(409);
  });

  it("greys a small window: too few rows", async () => {
    const response = await sendWindow(windowOf(2, 0, 100));
    expect(response.status).toBe(201);
    expect((await response.json()).isTooFewRows).toBe(true);
  });

  it("refuses a window that does not line up with the baseline, naming the feature, and stores nothing", async () => {
    const window = windowOf(3, 0);
    const moved = {
      ...window,
      amount: buildNumericProfile([1, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8]),
    };
    const response = await sendWindow(moved);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toMatch(/Feature amount is not binned on the baseline's edges/);
    expect(body.error.details).toMatchObject({ reason: "FEATURE_MISMATCH", feature: "amount" });
    const missing = await send(postWindow, "/api/v1/profiles/windows", {
      deploymentId,
      windowStart: window.start.toISOString(),
      windowEnd: window.end.toISOString(),
      features: [toBody("amount", window.amount)],
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/country/);
    const reports = await db().prisma.driftReport.count({
      where: { deploymentId, windowStart: window.start },
    });
    expect(reports).toBe(0);
  });

  it("recomputes every report, or one window's, in place; lists them with their metrics", async () => {
    const first = await db().prisma.driftReport.findFirstOrThrow({
      where: { deploymentId },
      orderBy: { windowStart: "asc" },
    });
    // Spoil the stored scores: a recompute must restore them from the profiles.
    await db().prisma.driftReport.update({
      where: { id: first.id },
      data: { features: [], driftedShare: 0 },
    });
    const url = `/api/v1/deployments/${deploymentId}/reports/recompute?windowStart=${first.windowStart.toISOString()}`;
    const one = await recompute(
      new Request(`http://localhost${url}`, { method: "POST", headers: engineer }),
      routeContext({ id: deploymentId }),
    );
    expect(one.status).toBe(200);
    const [recomputed] = await one.json();
    expect(recomputed).toMatchObject({
      id: first.id,
      driftedShare: 1,
      metrics: { accuracy: 0.91 },
    });
    expect(recomputed.features).toHaveLength(2);
    const all = await recompute(
      new Request(`http://localhost/api/v1/deployments/${deploymentId}/reports/recompute`, {
        method: "POST",
        headers: engineer,
      }),
      routeContext({ id: deploymentId }),
    );
    expect((await all.json()).map((row: { isTooFewRows: boolean }) => row.isTooFewRows)).toEqual([
      false,
      true,
    ]);
    const listed = await listReports(
      new Request(`http://localhost/api/v1/deployments/${deploymentId}/reports`, {
        headers: viewer,
      }),
      routeContext({ id: deploymentId }),
    );
    expect(listed.status).toBe(200);
    expect((await listed.json()).map((row: { metrics: object }) => row.metrics)).toEqual([
      { accuracy: 0.91, f1: 0.8 },
      {},
    ]);
  });
});
