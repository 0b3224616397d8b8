import type { Database, Prisma, PrismaClient } from "@pedigree/db";
import { type CandidateFacts, type PromotionPolicy, resolvePolicy } from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { evaluateVersionGates, loadCandidateFacts, loadCandidateFactsByVersion } from "./facts.ts";
import { getModelDetailView } from "./service-model.ts";
import { createModel, PAST, POLICY } from "./test-fixtures.ts";

const db = setUpTestDatabase();
const policy = resolvePolicy(POLICY);
const hour = (n: number) => new Date(PAST.getTime() + n * 3_600_000);

/**
 * The per-version reading the batch replaced, query by query: the oracle the batch must agree
 * with (the single-version path now goes through the batch, so it cannot be its own witness).
 */
async function readFactsOneByOne(
  tx: Prisma.TransactionClient,
  versionId: string,
  key: string | null,
): Promise<CandidateFacts> {
  const version = await tx.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      run: {
        select: {
          id: true,
          commit: { select: { sha: true } },
          inputs: {
            where: { context: "TRAINING" },
            select: { datasetVersion: { select: { id: true, qualityChecks: true } } },
          },
        },
      },
    },
  });
  const run = version.run;
  const datasets = run?.inputs.map((input) => input.datasetVersion) ?? [];
  const report = await tx.driftReport.findFirst({
    where: {
      isTooFewRows: false,
      OR: [
        { deployment: { versionId } },
        { baselineDatasetVersionId: { in: datasets.map((dataset) => dataset.id) } },
      ],
    },
    orderBy: [{ windowEnd: "desc" }, { computedAt: "desc" }, { id: "asc" }],
    select: { severity: true, features: true },
  });
  const metric =
    run && key
      ? await tx.latestMetric.findUnique({ where: { runId_key: { runId: run.id, key } } })
      : null;
  const features = (report?.features ?? []) as { feature: string; psi: number }[];
  const top = features.reduce<{ feature: string; psi: number } | null>(
    (best, item) => (best === null || item.psi > best.psi ? item : best),
    null,
  );
  return {
    runId: run?.id ?? null,
    trainingDatasetVersionIds: datasets.map((dataset) => dataset.id),
    commitSha: run?.commit?.sha ?? null,
    metricValue: metric?.value ?? null,
    qualityChecks: datasets.flatMap(
      (dataset) => dataset.qualityChecks as { name: string; passed: boolean }[],
    ),
    drift: report
      ? { severity: report.severity, maxPsi: top?.psi ?? 0, feature: top?.feature ?? null }
      : null,
  };
}

/** The same database whose client counts the operations it is asked for (raw queries too). */
function countOperations(database: Database) {
  let count = 0;
  const prisma = database.prisma.$extends({
    query: {
      $allOperations({ args, query }) {
        count += 1;
        return query(args);
      },
    },
  });
  return { db: { ...database, prisma: prisma as unknown as PrismaClient }, count: () => count };
}

async function trainingDatasetOf(versionId: string): Promise<string> {
  const input = await db().prisma.runInput.findFirstOrThrow({
    where: { run: { modelVersions: { some: { id: versionId } } }, context: "TRAINING" },
  });
  return input.datasetVersionId;
}

async function deploy(versionId: string, service: string) {
  return db().prisma.deployment.create({
    data: { versionId, service, environment: "production", startedAt: PAST },
  });
}

async function report(input: {
  deploymentId: string;
  baseline: string;
  at: number;
  severity: "NONE" | "MODERATE" | "SIGNIFICANT";
  features: { feature: string; psi: number }[];
  isTooFewRows?: boolean;
}) {
  await db().prisma.driftReport.create({
    data: {
      deploymentId: input.deploymentId,
      baselineDatasetVersionId: input.baseline,
      windowStart: hour(input.at),
      windowEnd: hour(input.at + 1),
      features: input.features,
      driftedShare: 0.5,
      severity: input.severity,
      isTooFewRows: input.isTooFewRows ?? false,
    },
  });
}

/**
 * Versions in every situation the gates read: 1 production; 2 failed quality check; 3 no run;
 * 4 no primary metric; 5 drift on its own deployment (an older window, and a newer one with too
 * few rows); 6 drift only through another deployment whose baseline is its training data; 7
 * deployed, that deployment's report being the one against 6's data; 8 a run without a commit.
 */
async function createVariedModel() {
  const model = await createModel(db(), [
    { stage: "PRODUCTION", accuracy: 0.8 },
    { stage: "STAGING", accuracy: 0.9, isQualityOk: false },
    { stage: "NONE", accuracy: 0.7 },
    { stage: "NONE", accuracy: 0.95 },
    { stage: "STAGING", accuracy: 0.85 },
    { stage: "NONE", accuracy: 0.86 },
    { stage: "NONE", accuracy: 0.87 },
    { stage: "NONE", accuracy: 0.88 },
  ]);
  const ids = model.versions.map((version) => version.id);
  const id = (version: number) => ids[version - 1] ?? "";
  const { prisma } = db();
  await prisma.modelVersion.update({ where: { id: id(3) }, data: { runId: null } });
  const runOf = async (version: number) =>
    (await prisma.modelVersion.findUniqueOrThrow({ where: { id: id(version) } })).runId ?? "";
  await prisma.latestMetric.deleteMany({ where: { runId: await runOf(4) } });
  await prisma.run.update({ where: { id: await runOf(8) }, data: { commitId: null } });

  const five = await deploy(id(5), "scorer-5");
  await report({
    deploymentId: five.id,
    baseline: await trainingDatasetOf(id(5)),
    at: 1,
    severity: "SIGNIFICANT",
    features: [
      { feature: "amount", psi: 0.31 },
      { feature: "country", psi: 0.05 },
    ],
  });
  await report({
    deploymentId: five.id,
    baseline: await trainingDatasetOf(id(5)),
    at: -1,
    severity: "NONE",
    features: [{ feature: "amount", psi: 0.02 }],
  });
  await report({
    deploymentId: five.id,
    baseline: await trainingDatasetOf(id(5)),
    at: 2,
    severity: "NONE",
    features: [{ feature: "amount", psi: 0.01 }],
    isTooFewRows: true,
  });
  const seven = await deploy(id(7), "scorer-7");
  await report({
    deploymentId: seven.id,
    baseline: await trainingDatasetOf(id(6)),
    at: 4,
    severity: "MODERATE",
    features: [
      { feature: "age", psi: 0.12 },
      { feature: "country", psi: 0.18 },
    ],
  });
  return { ...model, id };
}

describe("gate facts of many versions at once", () => {
  it("equal the facts read one version at a time, in every situation", async () => {
    const model = await createVariedModel();
    const ids = model.versions.map((version) => version.id);
    const batch = await loadCandidateFactsByVersion(db().prisma, ids, policy);
    expect(batch.size).toBe(ids.length);
    for (const id of ids) {
      const expected = await readFactsOneByOne(db().prisma, id, "accuracy");
      expect(batch.get(id)).toEqual(expected);
      expect(await loadCandidateFacts(db().prisma, id, policy)).toEqual(expected);
    }
    // The situations are the ones meant, not all alike.
    const facts = (version: number) => batch.get(model.id(version));
    expect(facts(2)?.qualityChecks).toContainEqual({ name: "label_balance", passed: false });
    expect(facts(3)).toMatchObject({ runId: null, metricValue: null, qualityChecks: [] });
    expect(facts(4)).toMatchObject({ metricValue: null });
    expect(facts(4)?.runId).not.toBeNull();
    expect(facts(5)?.drift).toEqual({ severity: "SIGNIFICANT", maxPsi: 0.31, feature: "amount" });
    const moderate = { severity: "MODERATE", maxPsi: 0.18, feature: "country" };
    expect(facts(6)?.drift).toEqual(moderate);
    expect(facts(7)?.drift).toEqual(moderate);
    expect(facts(8)).toMatchObject({ commitSha: null, metricValue: 0.88, drift: null });
  });

  it("give the model view the gates each version gets on its own", async () => {
    const model = await createVariedModel();
    const view = await getModelDetailView(db(), model.name);
    const productionId = model.id(1);
    for (const version of view.versions) {
      const id = model.id(version.version);
      const expected =
        version.stage === "PRODUCTION"
          ? []
          : await evaluateVersionGates(db().prisma, {
              versionId: id,
              target: "PRODUCTION",
              policy: policy as PromotionPolicy,
              productionId,
              kind: "PROMOTION",
            });
      expect(version.gateSummary).toEqual(expected);
    }
    const gate = (version: number, name: string) =>
      view.versions.find((v) => v.version === version)?.gateSummary.find((g) => g.gate === name);
    expect(gate(2, "data_quality")?.outcome).toBe("failed");
    expect(gate(3, "lineage")?.outcome).toBe("failed");
    expect(gate(5, "drift")?.outcome).toBe("failed");
  });

  it("cost the model view the same number of queries for 3 versions as for 12", async () => {
    const specs = (n: number) =>
      Array.from({ length: n }, (_, index) => ({
        stage: index === 0 ? ("PRODUCTION" as const) : ("NONE" as const),
        accuracy: 0.8 + index / 100,
      }));
    const small = await createModel(db(), specs(3));
    const large = await createModel(db(), specs(12));
    const measure = async (name: string) => {
      const counted = countOperations(db());
      const view = await getModelDetailView(counted.db, name);
      return { versions: view.versions.length, queries: counted.count() };
    };
    const few = await measure(small.name);
    const many = await measure(large.name);
    expect([few.versions, many.versions]).toEqual([3, 12]);
    expect(few.queries).toBeGreaterThan(0);
    expect(many.queries).toBe(few.queries);
  });
});
