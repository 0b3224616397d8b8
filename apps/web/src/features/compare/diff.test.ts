import { describe, expect, it } from "vitest";
import { diffVersions } from "./diff.ts";

const partition = (day: string, checksum = `sum-${day}`) => ({
  uri: `s3://raw/dt=${day}/`,
  checksum,
  rowCount: 10,
  partitionKey: `dt=${day}`,
});

const dataset = (id: string, days: string[], overrides: Record<string, string> = {}) => ({
  id,
  name: "train",
  context: "training" as const,
  rowCount: days.length * 10,
  partitions: days.map((day) => partition(day, overrides[day])),
});

describe("diffVersions", () => {
  it("lists params and metrics that changed, with metric deltas b − a", () => {
    const diff = diffVersions(
      {
        datasetVersions: [],
        commit: null,
        params: { eta: "0.1", depth: "6" },
        metrics: { auc: 0.9, loss: 1 },
      },
      {
        datasetVersions: [],
        commit: null,
        params: { eta: "0.2", seed: "1" },
        metrics: { auc: 0.95 },
      },
    );
    expect(diff.params).toEqual([
      { key: "depth", a: "6", b: null, isChanged: true },
      { key: "eta", a: "0.1", b: "0.2", isChanged: true },
      { key: "seed", a: null, b: "1", isChanged: true },
    ]);
    expect(diff.metrics[0]).toMatchObject({ key: "auc", isChanged: true });
    expect(diff.metrics[0]?.delta).toBeCloseTo(0.05);
    expect(diff.metrics[1]).toEqual({ key: "loss", a: 1, b: null, isChanged: true, delta: null });
  });

  it("finds partitions added and removed, and a partition whose content changed under its uri", () => {
    const diff = diffVersions(
      {
        datasetVersions: [dataset("v1", ["01", "02", "03"])],
        commit: null,
        params: {},
        metrics: {},
      },
      {
        datasetVersions: [dataset("v2", ["02", "03", "04"], { "03": "rewritten" })],
        commit: null,
        params: {},
        metrics: {},
      },
    );
    const [change] = diff.datasets;
    expect(change?.isSameVersion).toBe(false);
    expect(change?.added.map((p) => `${p.partitionKey} ${p.checksum}`)).toEqual([
      "dt=03 rewritten",
      "dt=04 sum-04",
    ]);
    expect(change?.removed.map((p) => `${p.partitionKey} ${p.checksum}`)).toEqual([
      "dt=01 sum-01",
      "dt=03 sum-03",
    ]);
  });

  it("says when both versions share the dataset version and the commit", () => {
    const commit = { sha: "abc", repo: "r", message: "m", author: "" };
    const side = { datasetVersions: [dataset("v1", ["01"])], commit, params: {}, metrics: {} };
    const diff = diffVersions(side, side);
    expect(diff.datasets[0]).toMatchObject({ isSameVersion: true, added: [], removed: [] });
    expect(diff.commit.isSame).toBe(true);
    expect(diffVersions(side, { ...side, commit: null }).commit.isSame).toBe(false);
  });
});
