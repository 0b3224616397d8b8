import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serializeCanonicalJson } from "./canonical-json.ts";
import { computeDatasetVersionId } from "./dataset-version-id.ts";

const base = {
  partitionChecksums: ["c2", "a1", "b3"],
  commitSha: "0123456789abcdef0123456789abcdef01234567",
  params: { sample: 0.1, window: { days: 30, end: "2026-10-01" }, labels: ["fraud"] },
};

describe("serializeCanonicalJson", () => {
  it("sorts keys at every depth, keeps array order and drops undefined members", () => {
    const text = serializeCanonicalJson({
      b: 1,
      a: { d: [3, { z: 1, y: null }], c: "x" },
      u: undefined,
    });
    expect(text).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":1}]},"b":1}');
  });

  it("refuses non-finite numbers", () => {
    expect(() => serializeCanonicalJson({ x: Number.NaN })).toThrow(/NaN/);
  });
});

describe("computeDatasetVersionId", () => {
  it("is the SHA-256 of the canonical content", () => {
    const text =
      '{"commitSha":"0123456789abcdef0123456789abcdef01234567","params":{"labels":["fraud"],' +
      '"sample":0.1,"window":{"days":30,"end":"2026-10-01"}},"partitionChecksums":["a1","b3","c2"],' +
      '"version":"pedigree.dataset-version.v1"}';
    const expected = createHash("sha256").update(text).digest("hex");
    expect(computeDatasetVersionId(base)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores the order of checksums and of params keys", () => {
    const reordered = {
      partitionChecksums: ["b3", "c2", "a1"],
      commitSha: base.commitSha,
      params: { window: { end: "2026-10-01", days: 30 }, labels: ["fraud"], sample: 0.1 },
    };
    expect(computeDatasetVersionId(reordered)).toBe(computeDatasetVersionId(base));
  });

  it("changes with any partition, the commit or any parameter", () => {
    const id = computeDatasetVersionId(base);
    const variants = [
      { ...base, partitionChecksums: ["a1", "b3"] },
      { ...base, partitionChecksums: [...base.partitionChecksums, "d4"] },
      { ...base, partitionChecksums: ["a1", "b3", "c3"] },
      { ...base, commitSha: null },
      { ...base, commitSha: "1123456789abcdef0123456789abcdef01234567" },
      { ...base, params: { ...base.params, sample: 0.2 } },
      { ...base, params: { ...base.params, labels: ["fraud", "chargeback"] } },
      { ...base, params: {} },
    ];
    const ids = variants.map(computeDatasetVersionId);
    expect(new Set([id, ...ids]).size).toBe(variants.length + 1);
  });
});
