import type { Prisma } from "@pedigree/db";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { getSkewViews } from "./service-skew.ts";

// A zone far from UTC: the windows are UTC timestamps without a zone, and must not be read in
// the process's zone (set before the database is opened, so that every driver sees it).
beforeAll(() => {
  vi.stubEnv("TZ", "America/New_York");
});

const db = setUpTestDatabase();
const DATASET_VERSION = "e".repeat(64);
const ids: Record<string, string> = {};

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 6));

function entry(feature: string, psi: number, severity: string) {
  return { feature, psi, severity, referenceCount: 1000, currentCount: 900 };
}

interface Window {
  start: number;
  end: number;
  features: unknown[];
  severity?: "NONE" | "MODERATE" | "SIGNIFICANT";
  isTooFewRows?: boolean;
}

beforeAll(async () => {
  const { prisma } = db();
  const dataset = await prisma.dataset.create({ data: { name: "skew-train" } });
  await prisma.datasetVersion.create({
    data: { id: DATASET_VERSION, datasetId: dataset.id, rowCount: 1000n },
  });
  const churn = await prisma.registeredModel.create({ data: { name: "churn" } });
  const fraud = await prisma.registeredModel.create({ data: { name: "fraud" } });
  const version = async (modelId: string, number: number) =>
    (await prisma.modelVersion.create({ data: { modelId, version: number, source: "s" } })).id;
  const v1 = await version(churn.id, 1);
  const v2 = await version(churn.id, 2);
  const other = await version(fraud.id, 1);
  const deploy = async (
    name: string,
    data: { versionId: string; environment: string; startedAt: number; endedAt?: number },
    windows: Window[],
  ) => {
    const deployment = await prisma.deployment.create({
      data: {
        versionId: data.versionId,
        service: `svc-${name}`,
        environment: data.environment,
        startedAt: day(data.startedAt),
        endedAt: data.endedAt ? day(data.endedAt) : null,
      },
    });
    ids[name] = deployment.id;
    for (const window of windows) {
      await prisma.driftReport.create({
        data: {
          deploymentId: deployment.id,
          baselineDatasetVersionId: DATASET_VERSION,
          windowStart: day(window.start),
          windowEnd: day(window.end),
          features: window.features as Prisma.InputJsonArray,
          driftedShare: 0.5,
          severity: window.severity ?? "NONE",
          isTooFewRows: window.isTooFewRows ?? false,
        },
      });
    }
  };
  // Stored out of order; the first window starts on day 3 and, of the two that do, ends first.
  await deploy("newer", { versionId: v2, environment: "production", startedAt: 10 }, [
    { start: 5, end: 6, features: [entry("late", 0.9, "SIGNIFICANT")], severity: "SIGNIFICANT" },
    { start: 3, end: 5, features: [entry("long", 0.8, "SIGNIFICANT")], severity: "SIGNIFICANT" },
    {
      start: 3,
      end: 4,
      severity: "SIGNIFICANT",
      features: [
        entry("a", 0.3, "SIGNIFICANT"),
        entry("b", 0.05, "NONE"),
        "garbage",
        entry("c", 0.4, "SIGNIFICANT"),
        entry("d", 0.15, "MODERATE"),
      ],
    },
    { start: 4, end: 5, features: [entry("next", 0.7, "SIGNIFICANT")] },
  ]);
  await deploy("older", { versionId: v1, environment: "production", startedAt: 1 }, [
    {
      start: 2,
      end: 3,
      severity: "MODERATE",
      isTooFewRows: true,
      features: [entry("x", 0.12, "MODERATE")],
    },
    {
      start: 1,
      end: 2,
      severity: "NONE",
      isTooFewRows: true,
      features: [entry("y", 0.5, "SIGNIFICANT")],
    },
  ]);
  await deploy("canary", { versionId: v1, environment: "canary", startedAt: 2 }, [
    { start: 2, end: 3, features: [] },
  ]);
  await deploy("ended", { versionId: v1, environment: "production", startedAt: 1, endedAt: 9 }, [
    { start: 1, end: 2, features: [entry("gone", 0.9, "SIGNIFICANT")] },
  ]);
  await deploy("quiet", { versionId: v2, environment: "staging", startedAt: 3 }, []);
  await deploy("fraud", { versionId: other, environment: "production", startedAt: 1 }, [
    { start: 1, end: 2, features: [entry("f", 0.9, "SIGNIFICANT")] },
  ]);
});

describe("getSkewViews", () => {
  it("shows each open deployment of the model with reports, by environment then newest, with its first window", async () => {
    expect(await getSkewViews(db(), "churn")).toEqual([
      {
        deploymentId: ids.canary,
        service: "svc-canary",
        environment: "canary",
        version: 1,
        windowStart: "2026-11-02T06:00:00.000Z",
        severity: "NONE",
        isTooFewRows: false,
        skewed: [],
      },
      {
        deploymentId: ids.newer,
        service: "svc-newer",
        environment: "production",
        version: 2,
        windowStart: "2026-11-03T06:00:00.000Z",
        severity: "SIGNIFICANT",
        isTooFewRows: false,
        skewed: [
          { feature: "c", psi: 0.4 },
          { feature: "a", psi: 0.3 },
        ],
      },
      {
        deploymentId: ids.older,
        service: "svc-older",
        environment: "production",
        version: 1,
        windowStart: "2026-11-01T06:00:00.000Z",
        severity: "NONE",
        isTooFewRows: true,
        skewed: [{ feature: "y", psi: 0.5 }],
      },
    ]);
  });

  it("shows nothing for an unknown model", async () => {
    expect(await getSkewViews(db(), "nope")).toEqual([]);
  });
});
