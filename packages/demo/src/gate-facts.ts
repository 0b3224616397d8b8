import {
  type CandidateFacts,
  evaluateGates,
  findProductionAt,
  type GateResult,
  resolvePolicy,
  type TargetStage,
} from "@pedigree/domain";
import type { DemoData } from "./demo-data.ts";

type FeatureDriftJson = { feature: string; psi: number | null };

const time = (value: Date | string | null) => (value === null ? 0 : new Date(value).getTime());

function findVersion(data: DemoData, versionId: string) {
  const version = data.modelVersions.find((v) => v.id === versionId);
  if (!version) throw new Error(`no version ${versionId}`);
  const model = data.registeredModels.find((m) => m.id === version.modelId);
  if (!model) throw new Error(`no model ${version.modelId}`);
  return { version, model, policy: resolvePolicy(model.policy) };
}

function findMetric(data: DemoData, runId: string | null, key: string | undefined): number | null {
  const metric = data.latestMetrics.find((m) => m.runId === runId && m.key === key);
  return metric ? metric.value : null;
}

/**
 * What the gates know about a version at `at`, read from the demo's rows the way the service
 * reads them from the database: the run, its training inputs and commit, the run's latest primary
 * metric, the training data's quality checks, and the latest drift report on its baseline.
 */
function findCandidateFacts(data: DemoData, versionId: string, at: Date): CandidateFacts {
  const { version, policy } = findVersion(data, versionId);
  const run = data.runs.find((r) => r.id === version.runId) ?? null;
  const trainingIds = data.runInputs
    .filter((input) => input.runId === run?.id && input.context === "TRAINING")
    .map((input) => input.datasetVersionId);
  const commit = data.codeCommits.find((c) => c.id === run?.commitId) ?? null;
  const qualityChecks = data.datasetVersions
    .filter((dv) => trainingIds.includes(dv.id))
    .flatMap((dv) => dv.qualityChecks as { name: string; passed: boolean }[]);
  const report = data.driftReports
    .filter(
      (r) => trainingIds.includes(r.baselineDatasetVersionId) && time(r.computedAt) <= at.getTime(),
    )
    .sort((a, b) => time(b.windowEnd) - time(a.windowEnd))[0];
  let drift: CandidateFacts["drift"] = null;
  if (report) {
    const worst = (report.features as FeatureDriftJson[])
      .filter((f) => f.psi !== null)
      .sort((a, b) => (b.psi as number) - (a.psi as number))[0];
    drift = { severity: report.severity, maxPsi: worst?.psi ?? 0, feature: worst?.feature ?? null };
  }
  return {
    runId: run?.id ?? null,
    trainingDatasetVersionIds: trainingIds,
    commitSha: commit?.sha ?? null,
    metricValue: findMetric(data, run?.id ?? null, policy.primaryMetric?.key),
    qualityChecks,
    drift,
  };
}

/** The gates of a request to move `versionId` to `target`, as evaluated at `at`. */
export function evaluateDemoGates(
  data: DemoData,
  versionId: string,
  target: TargetStage,
  at: Date,
): GateResult[] {
  const { version, policy } = findVersion(data, versionId);
  const transitions = data.stageTransitions
    .filter((t) => t.modelId === version.modelId && time(t.createdAt) < at.getTime())
    .map((t) => ({
      versionId: t.versionId,
      fromStage: t.fromStage,
      toStage: t.toStage,
      at: new Date(t.createdAt as Date),
    }));
  const productionId = findProductionAt(transitions, at);
  const production = data.modelVersions.find((v) => v.id === productionId);
  return evaluateGates({
    target,
    kind: "PROMOTION",
    policy,
    candidate: findCandidateFacts(data, versionId, at),
    production: production
      ? {
          version: production.version,
          metricValue: findMetric(data, production.runId ?? null, policy.primaryMetric?.key),
        }
      : null,
  });
}
