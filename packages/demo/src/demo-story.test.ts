import {
  compareProfiles,
  computeImprovement,
  type FeatureDrift,
  type FeatureProfile,
  resolvePolicy,
} from "@pedigree/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoData } from "./demo-data.ts";
import { evaluateDemoGates } from "./gate-facts.ts";
import { generateDemo } from "./generate-demo.ts";

const NOW = new Date("2026-11-25T00:00:00Z");
let data: DemoData;
beforeAll(() => {
  data = generateDemo({ seed: 7, now: NOW });
}, 60_000);

const featuresOf = (report: DemoData["driftReports"][number]) =>
  report.features as unknown as FeatureDrift[];
const userId = (email: string) => data.users.find((u) => u.email === email)?.id;
const versionsOf = (modelId: string) => data.modelVersions.filter((v) => v.modelId === modelId);
const latest = (runId: string | null | undefined, key: string) =>
  data.latestMetrics.find((m) => m.runId === runId && m.key === key)?.value;

describe("demo registry", () => {
  it("has three models with versions in every stage, one in production", () => {
    expect(data.registeredModels.map((m) => m.name)).toEqual([
      "fraud-detection",
      "churn",
      "ranking",
    ]);
    for (const model of data.registeredModels) {
      const stages = versionsOf(model.id).map((v) => v.stage);
      expect(new Set(stages)).toEqual(new Set(["NONE", "STAGING", "PRODUCTION", "ARCHIVED"]));
      expect(stages.filter((s) => s === "PRODUCTION")).toHaveLength(1);
      const policy = resolvePolicy(model.policy);
      expect(policy.primaryMetric).not.toBeNull();
      expect(policy.minImprovement).toBe(0.01);
    }
    const churn = data.registeredModels.find((m) => m.name === "churn");
    expect(resolvePolicy(churn?.policy).primaryMetric?.direction).toBe("minimize");
  });

  it("replays each model's stage transitions to the versions' stages", () => {
    for (const model of data.registeredModels) {
      const stages = new Map(versionsOf(model.id).map((v) => [v.id, "NONE"]));
      const transitions = data.stageTransitions
        .filter((t) => t.modelId === model.id)
        .sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
      for (const t of transitions) {
        expect(stages.get(t.versionId)).toBe(t.fromStage);
        stages.set(t.versionId, t.toStage);
        expect([...stages.values()].filter((s) => s === "PRODUCTION").length).toBeLessThanOrEqual(
          1,
        );
      }
      for (const version of versionsOf(model.id))
        expect(stages.get(version.id)).toBe(version.stage);
    }
  });

  it("has an executed rollback per model, approved by both approvers", () => {
    for (const model of data.registeredModels) {
      const ids = new Set(versionsOf(model.id).map((v) => v.id));
      const rollbacks = data.promotionRequests.filter(
        (r) => r.kind === "ROLLBACK" && ids.has(r.versionId),
      );
      expect(rollbacks).toHaveLength(1);
      expect(rollbacks[0]?.status).toBe("EXECUTED");
      const approvers = data.approvals
        .filter((a) => a.requestId === rollbacks[0]?.id)
        .map((a) => a.approverId);
      expect(approvers.sort()).toEqual(
        [userId("approver1@example.com"), userId("approver2@example.com")].sort(),
      );
      expect(data.stageTransitions.some((t) => t.requestId === rollbacks[0]?.id)).toBe(true);
    }
  });

  it("never lets a requester approve their own request; executed requests have their approvals", () => {
    for (const request of data.promotionRequests) {
      const approvals = data.approvals.filter((a) => a.requestId === request.id);
      expect(approvals.every((a) => a.approverId !== request.requestedById)).toBe(true);
      if (request.status === "EXECUTED") {
        expect(approvals.filter((a) => a.decision === "APPROVE").length).toBeGreaterThanOrEqual(
          request.requiredApprovals,
        );
      }
    }
    expect(data.promotionRequests.map((r) => r.status)).toEqual(
      expect.arrayContaining(["EXECUTED", "REJECTED", "PENDING"]),
    );
  });

  it("records the full lineage of every version but one draft without a commit", () => {
    const incomplete = data.modelVersions.filter((version) => {
      const run = data.runs.find((r) => r.id === version.runId);
      const training = data.runInputs.filter(
        (i) => i.runId === run?.id && i.context === "TRAINING",
      );
      return !run?.commitId || training.length === 0;
    });
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]?.stage).toBe("NONE");
    const run = data.runs.find((r) => r.id === incomplete[0]?.runId);
    expect(run?.commitId).toBeNull();
  });

  it("deploys production and staging versions", () => {
    const live = data.deployments.filter((d) => d.endedAt === null);
    for (const version of data.modelVersions.filter(
      (v) => v.stage === "PRODUCTION" || v.stage === "STAGING",
    )) {
      const deployment = live.find((d) => d.versionId === version.id);
      expect(deployment?.environment).toBe(
        version.stage === "PRODUCTION" ? "production" : "staging",
      );
    }
    expect(live.map((d) => d.service)).toContain("fraud-scoring-api");
  });
});

describe("demo gates", () => {
  it("gives every model a staging candidate that passes every gate", () => {
    for (const model of data.registeredModels) {
      const policy = resolvePolicy(model.policy);
      const key = policy.primaryMetric?.key as string;
      const production = versionsOf(model.id).find((v) => v.stage === "PRODUCTION");
      const passing = versionsOf(model.id).filter((v) => {
        if (v.stage !== "STAGING") return false;
        const results = evaluateDemoGates(data, v.id, "PRODUCTION", NOW);
        return results.every((r) => r.outcome === "passed");
      });
      expect(passing.length).toBeGreaterThanOrEqual(1);
      // The same, read by hand: more than 1% better than production in the policy's direction.
      const candidate = latest(passing[0]?.runId, key) as number;
      const current = latest(production?.runId, key) as number;
      const direction = policy.primaryMetric?.direction ?? "maximize";
      expect(computeImprovement(candidate, current, direction)).toBeGreaterThan(0.01);
    }
  });

  it("has staging versions that fail the evaluation gate, and only that one", () => {
    const failing = data.modelVersions.filter((v) => {
      if (v.stage !== "STAGING") return false;
      const results = evaluateDemoGates(data, v.id, "PRODUCTION", NOW);
      return results.find((r) => r.gate === "evaluation")?.outcome === "failed";
    });
    expect(failing.length).toBeGreaterThanOrEqual(1);
    for (const version of failing) {
      const others = evaluateDemoGates(data, version.id, "PRODUCTION", NOW).filter(
        (r) => r.gate !== "evaluation",
      );
      expect(others.every((r) => r.outcome === "passed")).toBe(true);
    }
  });

  it("has drafts that fail the lineage gate and the data-quality gate", () => {
    const drafts = data.modelVersions.filter((v) => v.stage === "NONE");
    const failed = drafts.flatMap((v) =>
      evaluateDemoGates(data, v.id, "PRODUCTION", NOW)
        .filter((r) => r.outcome === "failed")
        .map((r) => r.gate),
    );
    expect(failed).toEqual(expect.arrayContaining(["lineage", "data_quality"]));
  });
});

describe("demo drift", () => {
  const toProfile = (row: DemoData["featureProfiles"][number]): FeatureProfile => ({
    type: row.type,
    edges: row.edges as number[],
    categories: row.categories as string[],
    counts: row.counts as number[],
    missingCount: row.missingCount,
    totalCount: row.totalCount,
    stats: {},
  });

  it("drifts a few features past PSI 0.2 in the last week only", () => {
    const production = data.deployments.filter(
      (d) => d.environment === "production" && d.endedAt === null,
    );
    expect(production).toHaveLength(3);
    let drifting = 0;
    for (const deployment of production) {
      const reports = data.driftReports
        .filter((r) => r.deploymentId === deployment.id)
        .sort((a, b) => (a.windowStart as Date).getTime() - (b.windowStart as Date).getTime());
      expect(reports).toHaveLength(30);
      const significant = reports.map((r) => featuresOf(r).some((f) => (f.psi ?? 0) > 0.2));
      expect(significant.slice(0, 23).some(Boolean)).toBe(false);
      if (significant.slice(23).every(Boolean)) drifting++;
      for (const report of reports) expect(report.isTooFewRows).toBe(false);
    }
    expect(drifting).toBe(2);
  });

  it("stores reports that the stored profiles reproduce", () => {
    const baselines = data.featureProfiles.filter((p) => p.kind === "BASELINE");
    for (const report of data.driftReports) {
      for (const stored of featuresOf(report)) {
        const baseline = baselines.find(
          (p) =>
            p.datasetVersionId === report.baselineDatasetVersionId && p.feature === stored.feature,
        );
        const window = data.featureProfiles.find(
          (p) =>
            p.deploymentId === report.deploymentId &&
            p.windowStart === report.windowStart &&
            p.feature === stored.feature,
        );
        if (!baseline || !window) throw new Error(`no profiles for ${stored.feature}`);
        const drift = compareProfiles(stored.feature, toProfile(baseline), toProfile(window));
        expect(drift).toEqual({ ok: true, value: stored });
      }
    }
  });

  it("profiles 8 to 15 features per model, numeric and categorical, with 2,000-5,000 rows a day", () => {
    for (const model of data.registeredModels) {
      const ids = new Set(versionsOf(model.id).map((v) => v.id));
      const deployment = data.deployments.find(
        (d) => ids.has(d.versionId) && d.environment === "production" && d.endedAt === null,
      );
      const windows = data.featureProfiles.filter((p) => p.deploymentId === deployment?.id);
      const features = new Set(windows.map((p) => p.feature));
      expect(features.size).toBeGreaterThanOrEqual(8);
      expect(features.size).toBeLessThanOrEqual(15);
      expect(new Set(windows.map((p) => p.type))).toEqual(new Set(["NUMERIC", "CATEGORICAL"]));
      for (const window of windows) {
        expect(window.totalCount).toBeGreaterThanOrEqual(2000);
        expect(window.totalCount).toBeLessThanOrEqual(5000);
      }
    }
  });
});
