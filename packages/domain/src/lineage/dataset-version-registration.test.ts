import { describe, expect, it } from "vitest";
import { diffDatasetVersions } from "./dataset-version-diff.ts";
import { computeDatasetVersionId } from "./dataset-version-id.ts";
import {
  type DatasetVersionInput,
  normalizeDatasetVersion,
  toDatasetVersionContent,
} from "./dataset-version-registration.ts";

const COMMIT = "c".repeat(64);

const input: DatasetVersionInput = {
  dataset: "churn-train",
  partitions: [
    { uri: "s3://raw/dt=2026-10-02/", checksum: "b2", rowCount: 20, bytes: 200 },
    { uri: "s3://raw/dt=2026-10-01/", checksum: "a1", rowCount: 10, partitionKey: "dt=2026-10-01" },
  ],
  commit: { repo: "github.com/acme/churn", sha: "ABCDEF0123" },
  params: { window: 30 },
};

function normalize(value: DatasetVersionInput) {
  const result = normalizeDatasetVersion(value);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("normalizeDatasetVersion", () => {
  it("sorts partitions by uri, sums rows, lowercases the sha and fills defaults", () => {
    const value = normalize(input);
    expect(value.partitions.map((p) => p.uri)).toEqual([
      "s3://raw/dt=2026-10-01/",
      "s3://raw/dt=2026-10-02/",
    ]);
    expect(value.rowCount).toBe(30);
    expect(value.commit).toEqual({
      repo: "github.com/acme/churn",
      sha: "abcdef0123",
      message: "",
      author: "",
      committedAt: null,
    });
    expect(value.schema).toEqual([]);
    expect(value.qualityChecks).toEqual([]);
  });

  it("gives a lakeFS partition at a commit that commit as its version and checksum", () => {
    const uri = `lakefs://lake/${COMMIT}/events/dt=2026-10-01/part-0.parquet`;
    const value = normalize({ ...input, partitions: [{ uri, rowCount: 5 }] });
    expect(value.partitions[0]).toMatchObject({ checksum: uri, lakefsCommit: COMMIT });
  });

  it("refuses a lakeFS branch without a checksum, duplicates, no partitions and unknown rows", () => {
    const branch = normalizeDatasetVersion({
      ...input,
      partitions: [{ uri: "lakefs://lake/main/events/x.parquet", rowCount: 1 }],
    });
    expect(branch).toMatchObject({ ok: false });
    expect(!branch.ok && branch.errors[0]?.message).toMatch(/"main" is not a commit id/);

    const twice = normalizeDatasetVersion({
      ...input,
      partitions: [input.partitions[0] as never, input.partitions[0] as never],
    });
    expect(!twice.ok && twice.errors[0]).toEqual({
      field: "partitions[1].uri",
      message: "s3://raw/dt=2026-10-02/ is listed twice",
    });
    expect(normalizeDatasetVersion({ ...input, partitions: [] })).toMatchObject({
      ok: false,
      errors: [{ field: "partitions" }],
    });
    const rows = normalizeDatasetVersion({
      ...input,
      partitions: [{ uri: "s3://x", checksum: "1" }],
    });
    expect(!rows.ok && rows.errors[0]?.field).toBe("rowCount");
  });

  it("gives the same id whatever the order of the partitions", () => {
    const reversed = { ...input, partitions: [...input.partitions].reverse() };
    const id = computeDatasetVersionId(toDatasetVersionContent(normalize(input)));
    expect(computeDatasetVersionId(toDatasetVersionContent(normalize(reversed)))).toBe(id);
    const mixedCase = { ...input, commit: { repo: "github.com/acme/churn", sha: "abcdef0123" } };
    expect(computeDatasetVersionId(toDatasetVersionContent(normalize(mixedCase)))).toBe(id);
  });
});

describe("diffDatasetVersions", () => {
  it("names each field that differs, and nothing when only the sender left things out", () => {
    const stored = normalize({ ...input, schema: [{ name: "a", type: "int" }] });
    expect(diffDatasetVersions(stored, normalize(input))).toEqual([
      'schema: stored [{"name":"a","type":"int"}], sent []',
    ]);
    const sent = normalize({
      ...input,
      dataset: "other",
      rowCount: 31,
      schema: [{ name: "a", type: "int" }],
      partitions: [
        { uri: "s3://raw/dt=2026-10-02/", checksum: "b2", rowCount: 21 },
        { uri: "s3://raw/dt=2026-10-01/", checksum: "a1" },
      ],
    });
    expect(diffDatasetVersions(stored, sent)).toEqual([
      'dataset: stored "churn-train", sent "other"',
      "rowCount: stored 30, sent 31",
      "s3://raw/dt=2026-10-02/ rowCount: stored 20, sent 21",
    ]);
    expect(diffDatasetVersions(stored, stored)).toEqual([]);
    const other = normalize({ ...input, params: { window: 31 }, commit: null });
    expect(diffDatasetVersions(stored, other)).toEqual([
      'commit.sha: stored "abcdef0123", sent "(none)"',
      'params: stored {"window":30}, sent {"window":31}',
      'schema: stored [{"name":"a","type":"int"}], sent []',
    ]);
  });
});
