import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ReproduceManifest } from "@pedigree/domain";
import { computeDatasetVersionId } from "@pedigree/domain/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkManifest, localCandidates } from "./manifest.ts";

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest("hex");

let dataDir = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "pedigree-manifest-"));
  await mkdir(path.join(dataDir, "events/dt=2026-10-01"), { recursive: true });
  await writeFile(path.join(dataDir, "events/dt=2026-10-01/part-0.csv"), "a,b\n1,2\n");
  await mkdir(path.join(dataDir, "data/features/sub"), { recursive: true });
  await writeFile(path.join(dataDir, "data/features/x.csv"), "x\n");
  await writeFile(path.join(dataDir, "data/features/sub/y.csv"), "y\n");
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function manifestOf(partitions: { uri: string; checksum: string }[]): ReproduceManifest {
  const commit = { repo: "github.com/acme/churn", sha: "06ea4898" };
  const params = { window: 30 };
  const id = computeDatasetVersionId({
    partitionChecksums: partitions.map((p) => p.checksum),
    commitSha: commit.sha,
    params,
  });
  return {
    manifestVersion: 1,
    model: { name: "churn", version: 3 },
    commit: null,
    datasetVersions: [
      {
        id,
        name: "churn-train",
        context: "training",
        rowCount: 2,
        commit,
        params,
        sourceUri: null,
        partitions: partitions.map((p) => ({ ...p, rowCount: null, bytes: null })),
        dvc: null,
        lakefs: [],
      },
    ],
    params: {},
    run: null,
    generatedAt: "2026-11-26T00:00:00.000Z",
  };
}

// DVC's .dir hash of data/features, written out by hand from its recipe.
const featuresDirHash = `${hex(
  "md5",
  `[{"md5": "${hex("md5", "y\n")}", "relpath": "sub/y.csv"}, {"md5": "${hex("md5", "x\n")}", "relpath": "x.csv"}]`,
)}.dir`;

describe("checkManifest", () => {
  it("recomputes ids and the checksums of files and DVC folders found under --data-dir", async () => {
    const manifest = manifestOf([
      { uri: "s3://raw/events/dt=2026-10-01/part-0.csv", checksum: hex("sha256", "a,b\n1,2\n") },
      { uri: "data/features", checksum: featuresDirHash },
      { uri: "s3://raw/events/dt=2026-10-02/part-0.csv", checksum: `md5:${hex("md5", "gone")}` },
      { uri: "lakefs://lake/main/x.parquet", checksum: '"etag-1"' },
    ]);
    const result = await checkManifest(manifest, dataDir);
    expect(result.ids.map((c) => c.isMatch)).toEqual([true]);
    expect(result.partitions.map((p) => p.outcome)).toEqual([
      "ok",
      "ok",
      "not found",
      "not checkable",
    ]);
    expect(result.hasMismatch).toBe(false);
  });

  it("reports a changed file and a tampered id as mismatches", async () => {
    const manifest = manifestOf([
      { uri: "s3://raw/events/dt=2026-10-01/part-0.csv", checksum: hex("sha256", "a,b\n1,3\n") },
    ]);
    const changed = await checkManifest(manifest, dataDir);
    expect(changed.partitions[0]?.outcome).toBe("mismatch");
    expect(changed.hasMismatch).toBe(true);

    const tampered = manifestOf([{ uri: "x", checksum: "1".repeat(64) }]);
    const version = tampered.datasetVersions[0];
    if (!version) throw new Error("no version");
    version.params = { window: 31 };
    const result = await checkManifest(tampered, null);
    expect(result.ids[0]?.isMatch).toBe(false);
    expect(result.partitions).toEqual([]);
    expect(result.hasMismatch).toBe(true);
  });
});

describe("localCandidates", () => {
  it("looks for a partition with and without its scheme, bucket or lakeFS ref", () => {
    expect(localCandidates("s3://bucket/events/dt=1/")).toEqual([
      "bucket/events/dt=1",
      "events/dt=1",
    ]);
    expect(localCandidates("lakefs://lake/abc/events/a.parquet")).toEqual([
      "lake/abc/events/a.parquet",
      "abc/events/a.parquet",
      "events/a.parquet",
    ]);
    expect(localCandidates("data/features")).toEqual(["data/features"]);
  });
});
