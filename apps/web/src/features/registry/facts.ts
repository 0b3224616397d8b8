import "server-only";
import type { Prisma } from "@pedigree/db";
import type { CandidateFacts, GateResult, TargetStage } from "@pedigree/domain";
import { evaluateGates, GATES, type PromotionPolicy } from "@pedigree/domain";

type Tx = Prisma.TransactionClient;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Quality checks as stored on a dataset version: [{ name, passed, ... }]; others are skipped. */
function readQualityChecks(stored: unknown): { name: string; passed: boolean }[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((check) =>
    isRecord(check) && typeof check.name === "string" && typeof check.passed === "boolean"
      ? [{ name: check.name, passed: check.passed }]
      : [],
  );
}

/** The largest PSI of a drift report's features JSON, and its feature. */
function readMaxPsi(stored: unknown): { maxPsi: number; feature: string | null } {
  let best = { maxPsi: 0, feature: null as string | null };
  if (!Array.isArray(stored)) return best;
  for (const item of stored) {
    if (!isRecord(item) || typeof item.psi !== "number" || !Number.isFinite(item.psi)) continue;
    if (best.feature === null || item.psi > best.maxPsi) {
      best = { maxPsi: item.psi, feature: typeof item.feature === "string" ? item.feature : null };
    }
  }
  return best;
}

/** A version's run's latest value of a metric; null without a run, metric or key. */
async function loadMetricValue(
  tx: Tx,
  runId: string | null,
  key: string | null,
): Promise<number | null> {
  if (!runId || !key) return null;
  const row = await tx.latestMetric.findUnique({ where: { runId_key: { runId, key } } });
  return row?.value ?? null;
}

/** What the gates need to know about a version, read from its run, datasets and deployments. */
export async function loadCandidateFacts(
  tx: Tx,
  versionId: string,
  policy: PromotionPolicy,
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
  // The latest serving window compared with this version's training baseline: a report of one of
  // its own deployments, or of any deployment whose baseline is its training data. Windows with
  // too few rows are not evidence either way.
  const report = await tx.driftReport.findFirst({
    where: {
      isTooFewRows: false,
      OR: [
        { deployment: { versionId } },
        { baselineDatasetVersionId: { in: datasets.map((dataset) => dataset.id) } },
      ],
    },
    orderBy: [{ windowEnd: "desc" }, { computedAt: "desc" }],
    select: { severity: true, features: true },
  });
  return {
    runId: run?.id ?? null,
    trainingDatasetVersionIds: datasets.map((dataset) => dataset.id),
    commitSha: run?.commit?.sha ?? null,
    metricValue: await loadMetricValue(tx, run?.id ?? null, policy.primaryMetric?.key ?? null),
    qualityChecks: datasets.flatMap((dataset) => readQualityChecks(dataset.qualityChecks)),
    drift: report ? { severity: report.severity, ...readMaxPsi(report.features) } : null,
  };
}

/** The production version's number and primary metric, or null when there is none. */
export async function loadProductionFacts(
  tx: Tx,
  productionId: string | null,
  policy: PromotionPolicy,
): Promise<{ version: number; metricValue: number | null } | null> {
  if (!productionId) return null;
  const production = await tx.modelVersion.findUniqueOrThrow({
    where: { id: productionId },
    select: { version: true, runId: true },
  });
  const key = policy.primaryMetric?.key ?? null;
  return {
    version: production.version,
    metricValue: await loadMetricValue(tx, production.runId, key),
  };
}

/** Evaluates the gates for a version (a rollback's rules are the domain's: see evaluateGates). */
export async function evaluateVersionGates(
  tx: Tx,
  input: {
    versionId: string;
    target: TargetStage;
    policy: PromotionPolicy;
    productionId: string | null;
    kind: "PROMOTION" | "ROLLBACK";
  },
): Promise<GateResult[]> {
  const candidate = await loadCandidateFacts(tx, input.versionId, input.policy);
  const production =
    input.kind === "ROLLBACK"
      ? null
      : await loadProductionFacts(tx, input.productionId, input.policy);
  return evaluateGates({
    target: input.target,
    kind: input.kind,
    policy: input.policy,
    candidate,
    production,
  });
}

const OUTCOMES = new Set(["passed", "failed", "not_applicable"]);

/** Gate results as stored in a request's JSON; anything unreadable is skipped. */
export function readGateResults(stored: unknown): GateResult[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (item): item is GateResult =>
      isRecord(item) &&
      GATES.some((gate) => gate === item.gate) &&
      typeof item.outcome === "string" &&
      OUTCOMES.has(item.outcome) &&
      typeof item.summary === "string" &&
      isRecord(item.details),
  );
}
