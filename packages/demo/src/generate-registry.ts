import { type ModelSpec, VERSIONS } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import type { People } from "./generate-people.ts";
import type { RunPlan } from "./generate-runs.ts";
import { createRegistryLog, type RequestPlan } from "./registry-log.ts";
import { addHours } from "./time.ts";

const DESCRIPTIONS: Record<number, string> = {
  1: "First model in production.",
  2: "More trees and recent data; rolled back after a spike in false positives.",
  3: "Retrained without the replayed partition; current production.",
  4: "Retrained on last week's data after the drift alert.",
  5: "Same data as version 4, smaller model for latency.",
  6: "Work in progress.",
};

/** One model's registry: versions 1-6 in every stage, its promotion history and deployments. */
export function generateRegistry(
  context: DemoContext,
  people: People,
  model: ModelSpec,
  versionRuns: Map<number, RunPlan>,
) {
  const random = context.random.fork(`model:${model.name}`);
  const modelId = random.id();
  const log = createRegistryLog(context, people, modelId);
  const registeredAt: Record<number, number> = { 1: 206, 2: 125, 3: 64, 4: 3.3, 5: 2.9, 6: 1.3 };
  for (let version = 1; version <= 6; version++) {
    const plan = versionRuns.get(version) as RunPlan;
    log.register({
      id: random.id(),
      modelId,
      version,
      runId: plan.run.id,
      source: `${plan.run.artifactUri}/model`,
      status: "READY",
      description: DESCRIPTIONS[version] as string,
      createdById: people.engineer,
      createdAt: context.at(registeredAt[version] as number),
    });
  }
  const { service } = model;
  const toStaging = (version: number, daysAgo: number, approver: "approver1" | "approver2") => {
    log.request({
      version,
      toStage: "STAGING",
      requester: "engineer",
      reason: `Evaluate version ${version} on staging traffic`,
      daysAgo,
      decisions: [
        { by: approver, daysAgo: daysAgo - 0.2, comment: "Lineage and data checks look fine." },
      ],
      requiredApprovals: 1,
    });
    // The weak candidate shadows traffic beside the candidate, on a canary service.
    const target = version === VERSIONS.weakCandidate ? `${service}-canary` : service;
    return log.deploy(version, context.at(daysAgo - 0.25), target, "staging");
  };
  const toProduction = (version: number, daysAgo: number, extra: Partial<RequestPlan> = {}) => {
    log.request({
      version,
      toStage: "PRODUCTION",
      requester: "engineer",
      reason: `Version ${version} beats production on ${model.primaryMetric.key}`,
      daysAgo,
      decisions: [
        { by: "approver1", daysAgo: daysAgo - 0.2, comment: "Metrics and lineage reviewed." },
        { by: "approver2", daysAgo: daysAgo - 0.5, comment: "Approved for release." },
      ],
      requiredApprovals: 2,
      ...extra,
    });
  };
  const deployProduction = (version: number, daysAgo: number) =>
    log.deploy(version, context.at(daysAgo), service, "production");

  toStaging(1, 205.8, "approver1");
  toProduction(1, 203);
  deployProduction(1, 202.45);
  toStaging(2, 124.8, "approver2");
  toProduction(2, 122);
  deployProduction(2, 121.45);
  log.request({
    version: VERSIONS.first,
    kind: "ROLLBACK",
    toStage: "PRODUCTION",
    requester: "admin",
    reason: "Version 2 doubled false positives after release (INC-2290); restore version 1",
    daysAgo: 119.9,
    decisions: [
      { by: "approver1", daysAgo: 119.87, comment: "Confirmed on the dashboard; roll back." },
      { by: "approver2", daysAgo: 119.85, comment: "Agreed." },
    ],
    requiredApprovals: 2,
  });
  deployProduction(1, 119.84);
  toStaging(3, 63.8, "approver1");
  toProduction(3, 61);
  const production = deployProduction(3, 60.45);
  const staging = toStaging(4, 3.25, "approver2");
  const canary = toStaging(5, 2.85, "approver1");
  if (model.name === "fraud-detection") {
    toProduction(VERSIONS.weakCandidate, 2.2, {
      reason: "Smaller model, lower latency",
      decisions: [
        {
          by: "approver2",
          daysAgo: 2.0,
          decision: "REJECT",
          comment: "Only 0.3% above production; the policy asks for 1%.",
        },
      ],
    });
  }
  if (model.name === "churn") {
    // Waiting for its second approval.
    toProduction(VERSIONS.candidate, 1.2, {
      decisions: [{ by: "approver1", daysAgo: 0.8, comment: "Gates pass; looks good to me." }],
      isPending: true,
    });
  }
  const rows = log.rows;
  const versions = rows.modelVersions;
  const lastChange = Math.max(...versions.map((v) => (v.updatedAt as Date).getTime()));
  const registeredModel: DemoData["registeredModels"][number] = {
    id: modelId,
    name: model.name,
    description: model.description,
    policy: {
      requiredApprovals: { STAGING: 1, PRODUCTION: 2, ROLLBACK: 2 },
      primaryMetric: model.primaryMetric,
      minImprovement: 0.01,
    },
    createdAt: addHours(context.at(registeredAt[1] as number), -1),
    updatedAt: new Date(lastChange),
  };
  const idOf = (version: number) => (log.versions.get(version) as { id: string }).id;
  return {
    rows: {
      ...rows,
      registeredModels: [registeredModel],
      registeredModelTags: [
        { modelId, key: "team", value: model.team },
        { modelId, key: "repo", value: model.repo },
      ],
      modelAliases: [
        { modelId, alias: "champion", versionId: idOf(VERSIONS.production) },
        { modelId, alias: "challenger", versionId: idOf(VERSIONS.candidate) },
      ],
    },
    modelId,
    deployments: { production, staging, canary },
  };
}
