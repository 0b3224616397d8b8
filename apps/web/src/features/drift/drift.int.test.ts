import type { Prisma } from "@pedigree/db";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { getDriftPageView } from "./service.ts";

const db = setUpTestDatabase();
const DATASET_VERSION = "d".repeat(64);
let production: string;
let staging: string;

const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const iso = (n: number) => day(n).toISOString();

function entry(feature: string, psi: number | string, currentCount: number) {
  return {
    feature,
    psi,
    klCurrentReference: 0.01,
    klReferenceCurrent: 0.02,
    jsDistance: 0.03,
    missingShareDelta: 0,
    severity: typeof psi === "number" && psi >= 0.2 ? "SIGNIFICANT" : "NONE",
    referenceCount: 1000,
    currentCount,
  };
}

// Four daily windows of the production deployment, stored out of order. Day 2 has too few rows
// and no "b"; day 3 scores "b" with a string and carries entries the parser skips.
const windows: { day: number; isTooFewRows: boolean; features: unknown[]; accuracy?: number }[] = [
  {
    day: 3,
    isTooFewRows: false,
    features: [entry("a", 0.05, 900), entry("b", "high", 901), "garbage", { psi: 1 }],
    accuracy: 0.8,
  },
  { day: 1, isTooFewRows: false, features: [entry("a", 0.01, 1000), entry("b", 0.3, 1001)] },
  { day: 4, isTooFewRows: false, features: [entry("b", 0.25, 1201), entry("a", 0.12, 1200)] },
  { day: 2, isTooFewRows: true, features: [entry("a", 0.02, 50)], accuracy: 0.9 },
];

beforeAll(async () => {
  const { prisma } = db();
  const experiment = await prisma.experiment.create({
    data: { name: "drift", artifactLocation: "/a" },
  });
  const dataset = await prisma.dataset.create({ data: { name: "drift-train" } });
  await prisma.datasetVersion.create({
    data: { id: DATASET_VERSION, datasetId: dataset.id, rowCount: 1000n },
  });
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      name: "train",
      startTime: new Date(0),
      artifactUri: "/a/1",
    },
  });
  const model = await prisma.registeredModel.create({ data: { name: "churn" } });
  const version = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, runId: run.id, source: "s", stage: "PRODUCTION" },
  });
  const deploy = (environment: string) =>
    prisma.deployment.create({
      data: { versionId: version.id, service: "api", environment, startedAt: new Date(0) },
    });
  production = (await deploy("production")).id;
  staging = (await deploy("staging")).id;
  for (const window of windows) {
    await prisma.driftReport.create({
      data: {
        deploymentId: production,
        baselineDatasetVersionId: DATASET_VERSION,
        windowStart: day(window.day),
        windowEnd: day(window.day + 1),
        features: window.features as Prisma.InputJsonArray,
        driftedShare: window.day / 10,
        severity: window.day === 4 ? "SIGNIFICANT" : "NONE",
        isTooFewRows: window.isTooFewRows,
        metrics: window.accuracy ? { create: { key: "accuracy", value: window.accuracy } } : {},
      },
    });
  }
  await prisma.driftReport.create({
    data: {
      deploymentId: staging,
      baselineDatasetVersionId: DATASET_VERSION,
      windowStart: day(1),
      windowEnd: day(2),
      features: [entry("z", 0.5, 10)],
      driftedShare: 1,
      severity: "SIGNIFICANT",
    },
  });
  const profile = { type: "NUMERIC" as const, feature: "a", edges: [0], missingCount: 0 };
  await prisma.featureProfile.createMany({
    data: [
      {
        ...profile,
        kind: "BASELINE",
        datasetVersionId: DATASET_VERSION,
        counts: [6, 4],
        totalCount: 10,
      },
      {
        ...profile,
        kind: "WINDOW",
        deploymentId: production,
        windowStart: day(3),
        windowEnd: day(4),
        counts: [1, 3],
        totalCount: 4,
      },
    ],
  });
});

describe("drift page view", () => {
  it("shows the latest window of production by default, its worst feature and that feature's trend", async () => {
    const view = await getDriftPageView(db(), "churn", {});
    expect(view.deployment?.id).toBe(production);
    expect(view.deployments.map((row) => row.environment)).toEqual(["production", "staging"]);
    expect(view.windows).toEqual([
      { windowStart: iso(4), windowEnd: iso(5), severity: "SIGNIFICANT", isTooFewRows: false },
      { windowStart: iso(3), windowEnd: iso(4), severity: "NONE", isTooFewRows: false },
      { windowStart: iso(2), windowEnd: iso(3), severity: "NONE", isTooFewRows: true },
      { windowStart: iso(1), windowEnd: iso(2), severity: "NONE", isTooFewRows: false },
    ]);
    expect(view.report).toMatchObject({ windowStart: iso(4), driftedShare: 0.4 });
    expect(view.report?.features.map((row) => [row.feature, row.psi])).toEqual([
      ["b", 0.25],
      ["a", 0.12],
    ]);
    expect(view.feature).toBe("b");
    expect(view.trend).toEqual([
      { windowStart: iso(1), psi: 0.3, isTooFewRows: false, currentCount: 1001 },
      { windowStart: iso(2), psi: null, isTooFewRows: true, currentCount: 0 },
      { windowStart: iso(3), psi: 0, isTooFewRows: false, currentCount: 901 },
      { windowStart: iso(4), psi: 0.25, isTooFewRows: false, currentCount: 1201 },
    ]);
    expect(view.overlay).toBeNull();
    expect(view.performance).toEqual([
      {
        key: "accuracy",
        points: [
          { windowStart: iso(1), value: null, isTooFewRows: false },
          { windowStart: iso(2), value: 0.9, isTooFewRows: true },
          { windowStart: iso(3), value: 0.8, isTooFewRows: false },
          { windowStart: iso(4), value: null, isTooFewRows: false },
        ],
        evaluation: null,
        isPrimary: false,
      },
    ]);
  });

  it("shows the selected window and feature, with the window's histogram against training", async () => {
    const view = await getDriftPageView(db(), "churn", { window: iso(3), feature: "a" });
    expect(view.report).toMatchObject({
      windowStart: iso(3),
      windowEnd: iso(4),
      isTooFewRows: false,
    });
    expect(view.report?.features.map((row) => row.feature)).toEqual(["a", "b"]);
    expect(view.feature).toBe("a");
    expect(view.trend.map((point) => [point.psi, point.currentCount, point.isTooFewRows])).toEqual([
      [0.01, 1000, false],
      [0.02, 50, true],
      [0.05, 900, false],
      [0.12, 1200, false],
    ]);
    expect(view.overlay).toMatchObject({
      feature: "a",
      windowStart: iso(3),
      reference: { n: 10, missing: 0 },
      current: { n: 4, missing: 0 },
    });
  });

  it("falls back to the latest window and the worst feature when the selection is unknown", async () => {
    const view = await getDriftPageView(db(), "churn", { window: "2026-11-03", feature: "zz" });
    expect(view.report?.windowStart).toBe(iso(4));
    expect(view.feature).toBe("b");
    const tooFew = await getDriftPageView(db(), "churn", { window: iso(2), feature: "b" });
    expect(tooFew.report?.isTooFewRows).toBe(true);
    expect(tooFew.feature).toBe("a");
  });

  it("shows another deployment's windows only", async () => {
    const view = await getDriftPageView(db(), "churn", { deployment: staging });
    expect(view.windows.map((window) => window.windowStart)).toEqual([iso(1)]);
    expect(view.feature).toBe("z");
    expect(view.trend).toEqual([
      { windowStart: iso(1), psi: 0.5, isTooFewRows: false, currentCount: 10 },
    ]);
    expect(view.performance).toEqual([]);
  });
});
