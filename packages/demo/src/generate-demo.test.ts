import { computeDatasetVersionId, verifyPassword } from "@pedigree/domain/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoData } from "./demo-data.ts";
import { generateDemo } from "./generate-demo.ts";
import { DEMO_PASSWORD } from "./generate-people.ts";
import { serializeDemo } from "./serialize-demo.ts";

const NOW = new Date("2026-11-25T00:00:00Z");
let data: DemoData;
let text: string;
beforeAll(() => {
  data = generateDemo({ seed: 7, now: NOW });
  text = serializeDemo(data);
}, 60_000);

const idsOf = (rows: readonly { id?: string | bigint }[]) =>
  new Set(rows.map((row) => String(row.id)));

describe("generateDemo: determinism", () => {
  it("gives the same bytes for the same seed and other bytes for another", () => {
    expect(serializeDemo(generateDemo({ seed: 7, now: NOW }))).toBe(text);
    const other = serializeDemo(generateDemo({ seed: 8, now: NOW }));
    expect(other).not.toBe(text);
    expect(other.length).toBeGreaterThan(1_000_000);
  }, 60_000);

  it("dates everything before now, within the story's 260 days", () => {
    const earliest = NOW.getTime() - 261 * 86_400_000;
    const dates = text.match(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g) ?? [];
    expect(dates.length).toBeGreaterThan(1000);
    for (const date of dates) {
      const time = Date.parse(date.slice(1, -1));
      expect(time).toBeLessThan(NOW.getTime());
      expect(time).toBeGreaterThan(earliest);
    }
    for (const curve of data.metricCurves) {
      expect(curve.timestamps.at(-1)).toBeLessThan(NOW.getTime());
    }
  });
});

describe("generateDemo: rows hang together", () => {
  it("has unique ids and no dangling references", () => {
    const tables = [
      data.users,
      data.codeCommits,
      data.experiments,
      data.runs,
      data.rawPartitions,
      data.datasets,
      data.datasetVersions,
      data.registeredModels,
      data.modelVersions,
      data.promotionRequests,
      data.approvals,
      data.stageTransitions,
      data.deployments,
      data.featureProfiles,
      data.driftReports,
      data.monitorRules,
      data.retrainTriggers,
    ];
    for (const rows of tables) expect(idsOf(rows).size).toBe(rows.length);
    const runs = idsOf(data.runs);
    const versions = idsOf(data.datasetVersions);
    const commits = idsOf(data.codeCommits);
    for (const row of [
      ...data.params,
      ...data.runTags,
      ...data.latestMetrics,
      ...data.metricCurves,
    ]) {
      expect(runs.has(row.runId)).toBe(true);
    }
    for (const input of data.runInputs) expect(versions.has(input.datasetVersionId)).toBe(true);
    for (const run of data.runs) if (run.commitId) expect(commits.has(run.commitId)).toBe(true);
    for (const version of data.modelVersions)
      if (version.runId) expect(runs.has(version.runId)).toBe(true);
  });

  it("names every dataset version by the hash of its partitions, commit and params", () => {
    const partitions = new Map(data.rawPartitions.map((p) => [p.id, p]));
    for (const version of data.datasetVersions) {
      const parts = data.datasetVersionPartitions
        .filter((link) => link.datasetVersionId === version.id)
        .map((link) => partitions.get(link.partitionId));
      const commit = data.codeCommits.find((c) => c.id === version.commitId);
      const id = computeDatasetVersionId({
        partitionChecksums: parts.map((p) => p?.checksum as string),
        commitSha: commit?.sha ?? null,
        params: version.params as Record<string, string | number | boolean>,
      });
      expect(version.id).toBe(id);
      expect(version.rowCount).toBe(parts.reduce((sum, p) => sum + (p?.rowCount as bigint), 0n));
      expect(version.schema).toEqual(
        expect.arrayContaining([{ name: "event_time", type: "timestamp" }]),
      );
    }
    expect(data.rawPartitions.filter((p) => p.flaggedAt)).toHaveLength(1);
    expect(data.rawPartitions[0]?.uri).toMatch(
      /^s3:\/\/pedigree-demo\/\w+\/events\/dt=\d{4}-\d\d-\d\d\/$/,
    );
  });

  it("has the five demo accounts, each with the demo password", () => {
    expect(data.users.map((u) => [u.email, u.role])).toEqual([
      ["admin@example.com", "ADMIN"],
      ["approver1@example.com", "APPROVER"],
      ["approver2@example.com", "APPROVER"],
      ["engineer@example.com", "ENGINEER"],
      ["viewer@example.com", "VIEWER"],
    ]);
    for (const user of data.users)
      expect(verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    expect(new Set(data.users.map((u) => u.passwordHash)).size).toBe(5);
  });
});

describe("generateDemo: experiment tracking", () => {
  it("has about 300 runs over five experiments, with params and MLflow tags", () => {
    expect(data.experiments.map((e) => e.name).sort()).toEqual([
      "churn",
      "fraud-detection",
      "fraud-feature-exploration",
      "ranking",
      "ranking-loss-ablation",
    ]);
    expect(data.runs).toHaveLength(300);
    for (const run of data.runs) {
      const keys = data.runTags.filter((t) => t.runId === run.id).map((t) => t.key);
      expect(keys).toEqual(expect.arrayContaining(["mlflow.user", "mlflow.runName"]));
      expect(keys.includes("mlflow.source.git.commit")).toBe(run.commitId !== null);
    }
    expect(new Set(data.runs.map((r) => r.status))).toEqual(
      new Set(["FINISHED", "FAILED", "KILLED", "RUNNING"]),
    );
  });

  it("has curves of 50 to 500 steps, a few of 10,000 with spikes, and a diverged run", () => {
    const losses = data.metricCurves.filter((c) => c.key === "train_loss");
    const long = losses.filter((c) => c.steps.length === 10_000);
    expect(long.length).toBeGreaterThanOrEqual(5);
    const ordinary = losses.filter((c) => c.steps.length >= 10 && c.steps.length <= 500);
    expect(ordinary.length).toBeGreaterThan(losses.length * 0.9);
    for (const curve of long) {
      const spikes = curve.values.filter(
        (v, i) => i > 0 && v > 2.5 * (curve.values[i - 1] as number),
      );
      expect(spikes.length).toBeGreaterThanOrEqual(1);
    }
    expect(data.latestMetrics.some((m) => Number.isNaN(m.value))).toBe(true);
    for (const curve of data.metricCurves) {
      expect(curve.steps).toEqual([...curve.steps].sort((a, b) => a - b));
      expect(
        curve.timestamps.every((t, i) => i === 0 || t >= (curve.timestamps[i - 1] as number)),
      ).toBe(true);
    }
  });

  it("keeps each run's latest metrics equal to the last point of its curves", () => {
    expect(data.latestMetrics).toHaveLength(data.metricCurves.length);
    const latest = new Map(data.latestMetrics.map((m) => [`${m.runId}/${m.key}`, m]));
    for (const curve of data.metricCurves) {
      expect(latest.get(`${curve.runId}/${curve.key}`)).toEqual({
        runId: curve.runId,
        key: curve.key,
        step: curve.steps.at(-1),
        timestamp: curve.timestamps.at(-1),
        value: curve.values.at(-1),
      });
    }
  });
});
