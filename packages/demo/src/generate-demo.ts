import { MODELS, WINDOW_DAYS } from "./catalog.ts";
import { createDemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { evaluateDemoGates } from "./gate-facts.ts";
import { FEATURE_REPO, generateCommits } from "./generate-code.ts";
import { generateCurves } from "./generate-curves.ts";
import { type Era, generateDatasets } from "./generate-datasets.ts";
import { generateDrift } from "./generate-drift.ts";
import { generateMonitoring } from "./generate-monitoring.ts";
import { generatePeople } from "./generate-people.ts";
import { generateRegistry } from "./generate-registry.ts";
import { generateRuns, type ModelInputs, type RunPlan } from "./generate-runs.ts";
import { generateWindowMetrics } from "./generate-window-metrics.ts";
import { Random } from "./random.ts";

export interface DemoOptions {
  seed: number;
  /** The clock of the story: every timestamp lies before it (and within 260 days of it). */
  now: Date;
}

function createEmptyDemo(): DemoData {
  return {
    users: [],
    codeCommits: [],
    experiments: [],
    experimentTags: [],
    runs: [],
    params: [],
    runTags: [],
    metricCurves: [],
    latestMetrics: [],
    rawPartitions: [],
    datasets: [],
    datasetVersions: [],
    datasetVersionPartitions: [],
    runInputs: [],
    registeredModels: [],
    registeredModelTags: [],
    modelVersions: [],
    modelVersionTags: [],
    modelAliases: [],
    promotionRequests: [],
    approvals: [],
    stageTransitions: [],
    deployments: [],
    featureProfiles: [],
    driftReports: [],
    windowMetrics: [],
    monitorRules: [],
    retrainTriggers: [],
    auditEvents: [],
  };
}

function append(data: DemoData, part: Partial<DemoData>): void {
  for (const [table, rows] of Object.entries(part) as [keyof DemoData, unknown[]][]) {
    (data[table] as unknown[]).push(...rows);
  }
}

/**
 * The demo data set: pure and deterministic (the same seed and `now` give the same rows byte for
 * byte). Every id and timestamp comes from the seeded generator or from `now`.
 */
export function generateDemo(options: DemoOptions): DemoData {
  const random = new Random(options.seed, "pedigree-demo");
  const context = createDemoContext(random, options.now);
  const data = createEmptyDemo();
  const { users, people } = generatePeople(context);
  const featureCommits = generateCommits(context, FEATURE_REPO, 20);
  append(data, { users, codeCommits: featureCommits });
  const inputs: ModelInputs[] = MODELS.map((model) => {
    const commits = generateCommits(context, model.repo, 25);
    const datasets = generateDatasets(context, model, featureCommits);
    append(data, { codeCommits: commits, ...datasets.rows });
    return { model, eras: datasets.eras, commits };
  });
  const runs = generateRuns(context, people, inputs);
  append(data, runs.rows);
  for (const plan of runs.plans) {
    const { curves, latestMetrics } = generateCurves(plan, random.fork(`curves:${plan.run.id}`));
    append(data, { metricCurves: curves, latestMetrics });
  }
  for (const { model, eras } of inputs) {
    const registry = generateRegistry(
      context,
      people,
      model,
      runs.versionRuns.get(model.name) as Map<number, RunPlan>,
    );
    append(data, registry.rows);
    const production = eras.get("production") as Era;
    const candidate = eras.get("candidate") as Era;
    const { deployments } = registry;
    const drift = generateDrift(context, model, [
      { deployment: deployments.production, era: production, days: WINDOW_DAYS },
      // The candidates shadow traffic since they reached staging, 3 and 2 days ago.
      { deployment: deployments.staging, era: candidate, days: 3 },
      { deployment: deployments.canary, era: candidate, days: 2 },
    ]);
    append(data, drift);
    const productionReports = drift.driftReports.filter(
      (r) => r.deploymentId === deployments.production.id,
    );
    const productionRunId = data.modelVersions.find(
      (v) => v.id === deployments.production.versionId,
    )?.runId;
    const evaluation = data.latestMetrics.find(
      (m) => m.runId === productionRunId && m.key === model.primaryMetric.key,
    )?.value;
    append(
      data,
      generateWindowMetrics(
        context,
        model,
        productionReports,
        typeof evaluation === "number" && Number.isFinite(evaluation) ? evaluation : null,
      ),
    );
    append(
      data,
      generateMonitoring(
        context,
        model,
        registry.modelId,
        productionReports,
        deployments.production.versionId,
      ),
    );
  }
  // Gate results as the service records them when a request is made; rollbacks skip the gates.
  for (const request of data.promotionRequests) {
    if (request.kind === "ROLLBACK") continue;
    request.gateResults = evaluateDemoGates(
      data,
      request.versionId,
      request.toStage as "STAGING" | "PRODUCTION",
      request.createdAt as Date,
    ).map((result) => ({ ...result }));
  }
  data.auditEvents.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  return data;
}
