// `pnpm bench drift`: (1) a drift report of 200 features from stored profiles: the domain
// computation alone, and the service (recomputeReports: its database reads, the computation and
// the report's update) on in-memory PGlite; (2) profiles of 1,000,000 rows x 50 numeric features
// from a Parquet file, in a child process each so that peak RSS is the build's own.
// Targets (issue 5): report <= 5 ms; profiles <= 10 s with bounded memory.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@pedigree/db";
import {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  buildDriftReport,
  buildNumericProfile,
  type FeaturePair,
  type FeatureProfile,
} from "@pedigree/domain";
import { recomputeReports } from "../../apps/web/src/features/profiles/service.ts";
import { measure } from "./stats.ts";

const FEATURES = 200;
const SAMPLE = 2000;

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 180 numeric and 20 categorical features (50 categories each), the window shifted a little. */
function buildPairs(): FeaturePair[] {
  const random = createRandom(5);
  return Array.from({ length: FEATURES }, (_, j) => {
    const feature = `feature_${String(j).padStart(3, "0")}`;
    if (j % 10 === 9) {
      const pick = (skew: number) => `c${Math.floor(random() ** skew * 50)}`;
      const reference = buildCategoricalProfile(Array.from({ length: SAMPLE }, () => pick(1)));
      const current = buildCategoricalProfileOn(
        reference,
        Array.from({ length: SAMPLE }, () => pick(1.2)),
      );
      return { feature, reference, current };
    }
    const reference = buildNumericProfile(Array.from({ length: SAMPLE }, () => random() * 100));
    const current = buildNumericProfile(
      Array.from({ length: SAMPLE }, () => random() * 100 + j * 0.05),
      reference.edges,
    );
    return { feature, reference, current };
  });
}

const format = (figures: { p50: number; p99: number; mean: number; count: number }) =>
  `p50 ${figures.p50.toFixed(3)} ms · p99 ${figures.p99.toFixed(3)} ms · mean ${figures.mean.toFixed(3)} ms (${figures.count} runs)`;

function columns(profile: FeatureProfile) {
  const { type, edges, categories, counts, missingCount, totalCount } = profile;
  return { type, edges, categories, counts, missingCount, totalCount, stats: profile.stats };
}

async function benchReport(): Promise<void> {
  const pairs = buildPairs();
  const domain = await measure(async () => buildDriftReport(pairs), { count: 500, warmup: 50 });
  console.log(`drift report, ${FEATURES} features, domain only:          ${format(domain)}`);

  for (const kind of ["pglite", "postgres"] as const) await benchService(pairs, kind);
}

/** The service on a fresh database: in-memory PGlite, or a throwaway one on the server. */
async function benchService(pairs: FeaturePair[], kind: "pglite" | "postgres"): Promise<void> {
  process.env.PEDIGREE_TEST_DATABASE = kind;
  const db = await openTestDatabase().catch((error: unknown) => {
    console.log(`drift report service on ${kind}: skipped (${String(error)})`);
    return null;
  });
  if (!db) return;
  try {
    const { prisma } = db;
    const experiment = await prisma.experiment.create({
      data: { name: "bench", artifactLocation: "/b" },
    });
    const dataset = await prisma.dataset.create({ data: { name: "bench" } });
    const datasetVersionId = "b".repeat(64);
    await prisma.datasetVersion.create({
      data: { id: datasetVersionId, datasetId: dataset.id, rowCount: 2000n },
    });
    const run = await prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: "bench",
        startTime: new Date(0),
        artifactUri: "/b/1",
        inputs: { create: { datasetVersionId, context: "TRAINING" } },
      },
    });
    const model = await prisma.registeredModel.create({ data: { name: "bench" } });
    const version = await prisma.modelVersion.create({
      data: { modelId: model.id, version: 1, runId: run.id, source: "s" },
    });
    const deployment = await prisma.deployment.create({
      data: {
        versionId: version.id,
        service: "bench",
        environment: "production",
        startedAt: new Date(0),
      },
    });
    const windowStart = new Date("2026-11-01T00:00:00Z");
    const windowEnd = new Date("2026-11-02T00:00:00Z");
    await prisma.featureProfile.createMany({
      data: pairs.flatMap(({ feature, reference, current }) => [
        { ...columns(reference), feature, kind: "BASELINE" as const, datasetVersionId },
        {
          ...columns(current),
          feature,
          kind: "WINDOW" as const,
          deploymentId: deployment.id,
          windowStart,
          windowEnd,
        },
      ]),
    });
    const report = buildDriftReport(pairs);
    if (!report.ok) throw new Error("the bench profiles line up");
    await prisma.driftReport.create({
      data: {
        deploymentId: deployment.id,
        baselineDatasetVersionId: datasetVersionId,
        windowStart,
        windowEnd,
        features: [],
        driftedShare: 0,
        severity: "NONE",
      },
    });
    const service = await measure(
      () => recomputeReports(db, deployment.id, { windowStart }, new Date()),
      { count: 100, warmup: 10 },
    );
    console.log(`drift report, ${FEATURES} features, service on ${kind}: ${format(service)}`);
    const reads = await measure(
      () =>
        Promise.all([
          prisma.featureProfile.findMany({ where: { kind: "BASELINE", datasetVersionId } }),
          prisma.featureProfile.findMany({
            where: { kind: "WINDOW", deploymentId: deployment.id, windowStart },
          }),
        ]),
      { count: 100, warmup: 10 },
    );
    console.log(`  of which reading the 2 x ${FEATURES} profile rows alone: ${format(reads)}`);
    console.log(
      "  (the service: one transaction reading the deployment, the baseline's id, 200 baseline and",
    );
    console.log("   200 window profile rows, computing the report, and updating it)");
  } finally {
    await db.close();
  }
}

function runChild(args: string[]): Record<string, number> {
  const script = join(import.meta.dirname, "drift-parquet.ts");
  const tsx = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
  const output = execFileSync(tsx, [script, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(output.trim().split("\n").at(-1) as string) as Record<string, number>;
}

function benchParquet(): void {
  const rows = 1_000_000;
  const features = 50;
  const folder = join(tmpdir(), "pedigree-bench");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `drift-${rows}x${features}.parquet`);
  if (!existsSync(file)) {
    console.log(`writing ${file} (hyparquet-writer, row groups of 100,000) ...`);
    runChild(["generate", file, String(rows), String(features)]);
  }
  for (const kind of ["window", "reference"] as const) {
    const figures = runChild([kind, file, String(features)]);
    console.log(
      `${kind} profiles, ${rows.toLocaleString("en-US")} rows x ${features} numeric features from Parquet: ` +
        `${((figures.ms as number) / 1000).toFixed(2)} s wall, ${((figures.cpuMs as number) / 1000).toFixed(2)} s CPU, ` +
        `${figures.passes} pass(es), peak RSS ${(figures.maxRssMb as number).toFixed(0)} MB`,
    );
  }
}

await benchReport();
benchParquet();
