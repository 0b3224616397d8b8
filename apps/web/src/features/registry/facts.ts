import "server-only";
import { Prisma } from "@pedigree/db";
import type { CandidateFacts, GateResult, TargetStage } from "@pedigree/domain";
import { evaluateGates, GATES, type PromotionPolicy } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";

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

type DriftFacts = NonNullable<CandidateFacts["drift"]>;

/** Each run's latest value of a metric; runs without it are absent. */
async function loadMetricValues(
  tx: Tx,
  runIds: readonly string[],
  key: string | null,
): Promise<Map<string, number>> {
  if (!key || runIds.length === 0) return new Map();
  const rows = await tx.latestMetric.findMany({
    where: { key, runId: { in: [...runIds] } },
    select: { runId: true, value: true },
  });
  return new Map(rows.map((row) => [row.runId, row.value]));
}

// A psi in JSON is an exact decimal; the gates read it as a JS number would (JSON.parse). Past
// these bounds a double is infinite (not evidence, skipped) or a signed zero, and PostgreSQL's
// cast to float8 would fail instead: 2^1024 - 2^970 (half an ulp above the largest double) and
// 2^-1075 (half the smallest subnormal), both exact in numeric.
const PSI_OVERFLOW = (2n ** 1024n - 2n ** 970n).toString();
const PSI_UNDERFLOW = `0.${(5n ** 1075n).toString().padStart(1075, "0")}`;

/**
 * For each version, the latest serving window compared with its training baseline: a report of
 * one of its own deployments, or of any deployment whose baseline is its training data. Windows
 * with too few rows are not evidence either way. One query for all the versions: each deployment
 * and each training dataset gives its latest report through an index (not a scan of them all),
 * and the latest of those is the version's. Only the report's largest PSI leaves the database:
 * the first feature with the largest finite psi (entries that are not objects or whose psi is not
 * a number are skipped; a feature that is not a string is null), 0 and null when there is none.
 */
async function loadLatestDriftReports(
  tx: Tx,
  versionIds: readonly string[],
): Promise<Map<string, DriftFacts>> {
  if (versionIds.length === 0) return new Map();
  const ids = Prisma.join([...versionIds]);
  const rows = await tx.$queryRaw<
    {
      versionId: string;
      severity: DriftFacts["severity"];
      maxPsi: number | null;
      feature: string | null;
    }[]
  >`
    SELECT latest."versionId", r.severity::text AS severity, top.psi AS "maxPsi", top.feature
    FROM (
      SELECT DISTINCT ON (candidate."versionId") candidate."versionId", candidate.id
      FROM (
        SELECT d."versionId", own.id, own."windowEnd", own."computedAt"
        FROM "Deployment" d
        CROSS JOIN LATERAL (
          SELECT r.id, r."windowEnd", r."computedAt" FROM "DriftReport" r
          WHERE r."deploymentId" = d.id AND NOT r."isTooFewRows"
          ORDER BY r."windowEnd" DESC, r."computedAt" DESC, r.id LIMIT 1
        ) own
        WHERE d."versionId" IN (${ids})
        UNION ALL
        SELECT v.id, baseline.id, baseline."windowEnd", baseline."computedAt"
        FROM "ModelVersion" v
        JOIN "RunInput" i ON i."runId" = v."runId" AND i.context = 'TRAINING'
        CROSS JOIN LATERAL (
          SELECT r.id, r."windowEnd", r."computedAt" FROM "DriftReport" r
          WHERE r."baselineDatasetVersionId" = i."datasetVersionId" AND NOT r."isTooFewRows"
          ORDER BY r."windowEnd" DESC, r."computedAt" DESC, r.id LIMIT 1
        ) baseline
        WHERE v.id IN (${ids})
      ) candidate
      ORDER BY candidate."versionId", candidate."windowEnd" DESC, candidate."computedAt" DESC,
        candidate.id
    ) latest
    JOIN "DriftReport" r ON r.id = latest.id
    LEFT JOIN LATERAL (
      SELECT item.psi, item.feature
      FROM (
        SELECT e.ordinality,
          CASE WHEN abs(e.psi) < ${PSI_OVERFLOW}::numeric THEN
            CASE WHEN abs(e.psi) > ${PSI_UNDERFLOW}::numeric THEN e.psi::float8
              WHEN e.psi < 0 THEN '-0'::float8 ELSE 0::float8 END
          END AS psi,
          CASE WHEN jsonb_typeof(e.value->'feature') = 'string' THEN e.value->>'feature' END
            AS feature
        FROM (
          -- Cast only a number: a key of a non-object, or a missing key, is null, never an error.
          -- OFFSET 0 keeps this a subquery, so each psi is cast once, not at each use (2x faster).
          SELECT value, ordinality,
            CASE WHEN jsonb_typeof(value->'psi') = 'number' THEN (value->'psi')::numeric END AS psi
          FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(r.features) = 'array' THEN r.features ELSE '[]'::jsonb END
          ) WITH ORDINALITY
          OFFSET 0
        ) e
      ) item
      WHERE item.psi IS NOT NULL
      ORDER BY item.psi DESC, item.ordinality
      LIMIT 1
    ) top ON true`;
  return new Map(
    rows.map((row) => [
      row.versionId,
      { severity: row.severity, maxPsi: row.maxPsi ?? 0, feature: row.feature },
    ]),
  );
}

/**
 * What the gates need to know about each version, read from its run, datasets and deployments:
 * a fixed number of queries however many versions (a model page shows them all). Unknown ids
 * are absent from the map.
 */
export async function loadCandidateFactsByVersion(
  tx: Tx,
  versionIds: readonly string[],
  policy: PromotionPolicy,
): Promise<Map<string, CandidateFacts>> {
  if (versionIds.length === 0) return new Map();
  const versions = await tx.modelVersion.findMany({
    where: { id: { in: [...versionIds] } },
    select: {
      id: true,
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
  const runIds = versions.flatMap((version) => (version.run ? [version.run.id] : []));
  const metrics = await loadMetricValues(tx, runIds, policy.primaryMetric?.key ?? null);
  const reports = await loadLatestDriftReports(
    tx,
    versions.map((version) => version.id),
  );
  return new Map(
    versions.map((version) => {
      const run = version.run;
      const datasets = run?.inputs.map((input) => input.datasetVersion) ?? [];
      const facts: CandidateFacts = {
        runId: run?.id ?? null,
        trainingDatasetVersionIds: datasets.map((dataset) => dataset.id),
        commitSha: run?.commit?.sha ?? null,
        metricValue: run ? (metrics.get(run.id) ?? null) : null,
        qualityChecks: datasets.flatMap((dataset) => readQualityChecks(dataset.qualityChecks)),
        drift: reports.get(version.id) ?? null,
      };
      return [version.id, facts];
    }),
  );
}

/** What the gates need to know about one version (see loadCandidateFactsByVersion). */
export async function loadCandidateFacts(
  tx: Tx,
  versionId: string,
  policy: PromotionPolicy,
): Promise<CandidateFacts> {
  const facts = (await loadCandidateFactsByVersion(tx, [versionId], policy)).get(versionId);
  if (!facts) throw new AppError("NOT_FOUND", `No model version ${versionId}`);
  return facts;
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
  const { runId } = production;
  const key = policy.primaryMetric?.key ?? null;
  const metrics = await loadMetricValues(tx, runId ? [runId] : [], key);
  return { version: production.version, metricValue: runId ? (metrics.get(runId) ?? null) : null };
}

interface GateRequest {
  target: TargetStage;
  policy: PromotionPolicy;
  productionId: string | null;
  kind: "PROMOTION" | "ROLLBACK";
}

/**
 * Evaluates the gates for each version against the same production version, in a fixed number
 * of queries (a rollback's rules are the domain's: see evaluateGates). Unknown ids are absent.
 */
export async function evaluateGatesByVersion(
  tx: Tx,
  input: GateRequest & { versionIds: readonly string[] },
): Promise<Map<string, GateResult[]>> {
  const candidates = await loadCandidateFactsByVersion(tx, input.versionIds, input.policy);
  const production =
    input.kind === "ROLLBACK" || candidates.size === 0
      ? null
      : await loadProductionFacts(tx, input.productionId, input.policy);
  const { target, kind, policy } = input;
  return new Map(
    [...candidates].map(([id, candidate]) => [
      id,
      evaluateGates({ target, kind, policy, candidate, production }),
    ]),
  );
}

/** Evaluates the gates for one version (see evaluateGatesByVersion). */
export async function evaluateVersionGates(
  tx: Tx,
  input: GateRequest & { versionId: string },
): Promise<GateResult[]> {
  const { versionId, ...request } = input;
  const results = (await evaluateGatesByVersion(tx, { ...request, versionIds: [versionId] })).get(
    versionId,
  );
  if (!results) throw new AppError("NOT_FOUND", `No model version ${versionId}`);
  return results;
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
