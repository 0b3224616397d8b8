import { describe, expect, it } from "vitest";
import { readChecksumKind } from "./checksum.ts";
import { computeDatasetVersionId } from "./dataset-version-id.ts";
import {
  normalizeDatasetVersion,
  toDatasetVersionContent,
} from "./dataset-version-registration.ts";
import { buildDvcDatasetVersion, parseDvcFile, parseDvcLock } from "./dvc.ts";
import { computeDvcDirHash } from "./dvc-dir-hash.ts";
import { parseLakefsUri } from "./lakefs-uri.ts";

// iterative/example-get-started: data/data.xml.dvc (an import from the dataset registry).
const IMPORT_DVC = `md5: f5ea021eddd7b1df6de80b904cba1da6
frozen: true
deps:
- path: get-started/data.xml
  repo:
    url: https://github.com/iterative/dataset-registry
    rev_lock: f59388cd04276e75d70b2136597aaa27e7937cc3
outs:
- md5: 22a1a2931c8370d3aeedd7183606fd7f
  size: 14445097
  hash: md5
  path: data.xml
`;

// iterative/example-get-started-experiments: data/pool_data.dvc (a tracked directory).
const DIRECTORY_DVC = `outs:
- md5: 14d187e749ee5614e105741c719fa185.dir
  size: 18999874
  nfiles: 183
  path: pool_data
  hash: md5
`;

// iterative/example-get-started: dvc.lock (abridged to two stages).
const LOCK = `schema: '2.0'
stages:
  featurize:
    cmd: python src/featurization.py data/prepared data/features
    deps:
    - path: data/prepared
      hash: md5
      md5: 153aad06d376b6595932470e459ef42a.dir
      size: 8437363
      nfiles: 2
    - path: src/featurization.py
      hash: md5
      md5: feaf2b5f5ed4e4fd1a1a1d2b7d2d3c65
      size: 2430
    params:
      params.yaml:
        featurize.max_features: 100
        featurize.ngrams: 1
    outs:
    - path: data/features
      hash: md5
      md5: f35d4cc2c552ac959ae602162b8543f3.dir
      size: 2232588
      nfiles: 2
  train:
    cmd: python src/train.py data/features model.pkl
    deps:
    - {path: data/features, hash: md5, md5: f35d4cc2c552ac959ae602162b8543f3.dir, size: 2232588, nfiles: 2}
    - {path: src/train.py, hash: md5, md5: 324001573ed724e5ae092226fcf9ca30, size: 1666}
    params:
      params.yaml: {train.min_split: 0.01, train.n_est: 50, train.seed: 20170428}
      config/extra.yaml:
        base: {random_seed: 42}
    outs:
    - {path: model.pkl, hash: md5, md5: d1f6e055f7f5e2827fcfae68d9b64d4c, size: 1958115}
`;

const COMMIT = { repo: "https://github.com/iterative/example-get-started", sha: "06ea4898" };

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe("parseDvcFile", () => {
  it("reads an import: the output's md5 and size, the dependency's repo and rev_lock", () => {
    const stage = unwrap(parseDvcFile(IMPORT_DVC, "data/data.xml.dvc"));
    expect(stage.outs).toEqual([
      {
        path: "data.xml",
        hash: "22a1a2931c8370d3aeedd7183606fd7f",
        hashKind: "md5",
        size: 14445097,
        nfiles: null,
        isDirectory: false,
        repo: null,
      },
    ]);
    expect(stage.deps[0]?.repo).toEqual({
      url: "https://github.com/iterative/dataset-registry",
      rev: null,
      revLock: "f59388cd04276e75d70b2136597aaa27e7937cc3",
    });
  });

  it("reads a tracked directory: the .dir hash and nfiles", () => {
    const stage = unwrap(parseDvcFile(DIRECTORY_DVC, "data/pool_data.dvc"));
    expect(stage.outs[0]).toMatchObject({
      hash: "14d187e749ee5614e105741c719fa185.dir",
      nfiles: 183,
      isDirectory: true,
    });
  });

  it("takes an entry without `hash: md5` for DVC 2's md5-dos2unix, and refuses what is not DVC", () => {
    const legacy = unwrap(
      parseDvcFile("outs:\n- md5: 22a1a2931c8370d3aeedd7183606fd7f\n  path: a.csv\n", "a.dvc"),
    );
    expect(legacy.outs[0]?.hashKind).toBe("md5-dos2unix");
    expect(parseDvcFile("outs: []\n", "a.dvc")).toMatchObject({ ok: false, error: /at least one/ });
    expect(parseDvcFile("outs:\n- size: 3\n", "a.dvc")).toMatchObject({
      ok: false,
      error: "outs[0]: needs a path",
    });
    expect(parseDvcFile("outs: [unclosed\n", "a.dvc")).toMatchObject({
      ok: false,
      error: /^not YAML/,
    });
  });
});

describe("parseDvcLock", () => {
  it("reads every stage: command, deps with hashes, params by file, outputs", () => {
    const stages = unwrap(parseDvcLock(LOCK));
    expect(stages.map((s) => s.name)).toEqual(["featurize", "train"]);
    const train = stages[1];
    expect(train?.cmd).toBe("python src/train.py data/features model.pkl");
    expect(train?.deps.map((d) => [d.path, d.hash, d.nfiles])).toEqual([
      ["data/features", "f35d4cc2c552ac959ae602162b8543f3.dir", 2],
      ["src/train.py", "324001573ed724e5ae092226fcf9ca30", null],
    ]);
    expect(train?.params).toEqual({
      "params.yaml": { "train.min_split": 0.01, "train.n_est": 50, "train.seed": 20170428 },
      "config/extra.yaml": { base: { random_seed: 42 } },
    });
  });

  it("refuses another schema version", () => {
    expect(parseDvcLock("schema: '3.0'\nstages: {}\n")).toMatchObject({
      ok: false,
      error: /schema/,
    });
  });
});

describe("buildDvcDatasetVersion", () => {
  it("makes the stage's outputs the partitions and carries params, deps and commit", () => {
    const featurize = unwrap(parseDvcLock(LOCK))[0];
    if (!featurize) throw new Error("no stage");
    const input = unwrap(
      buildDvcDatasetVersion(featurize, { dataset: "features", rowCount: 20000, commit: COMMIT }),
    );
    expect(input.partitions).toEqual([
      {
        uri: "data/features",
        checksum: "f35d4cc2c552ac959ae602162b8543f3.dir",
        bytes: 2232588,
        rowCount: null,
      },
    ]);
    expect(input.params).toMatchObject({
      "featurize.max_features": 100,
      "featurize.ngrams": 1,
      dvc: {
        stage: "featurize",
        deps: [{ path: "data/prepared" }, { path: "src/featurization.py" }],
      },
    });
    expect(input.sourceUri).toBe(`${COMMIT.repo}@06ea4898`);
    const normalized = normalizeDatasetVersion(input);
    expect(normalized.ok).toBe(true);

    const train = unwrap(parseDvcLock(LOCK))[1];
    if (!train) throw new Error("no stage");
    const trained = unwrap(
      buildDvcDatasetVersion(train, { dataset: "m", rowCount: 1, commit: null }),
    );
    expect(trained.params?.["config/extra.yaml:base"]).toEqual({ random_seed: 42 });
  });

  it("gives another id when a dependency's hash changes", () => {
    const id = (lock: string) => {
      const stage = unwrap(parseDvcLock(lock))[0];
      if (!stage) throw new Error("no stage");
      const input = unwrap(
        buildDvcDatasetVersion(stage, { dataset: "f", rowCount: 1, commit: COMMIT }),
      );
      const normalized = normalizeDatasetVersion(input);
      if (!normalized.ok) throw new Error("invalid");
      return computeDatasetVersionId(toDatasetVersionContent(normalized.value));
    };
    expect(id(LOCK)).not.toBe(id(LOCK.replace("153aad06d376b6595932470e459ef42a", "0".repeat(32))));
  });
});

describe("computeDvcDirHash", () => {
  it("matches DVC's recipe byte for byte (value computed with Python's json.dumps)", () => {
    expect(
      computeDvcDirHash([
        { relpath: "b.txt", md5: "d41d8cd98f00b204e9800998ecf8427e" },
        { relpath: "a/x.csv", md5: "0cc175b9c0f1b6a831c399e269772661" },
        { relpath: "données/é.csv", md5: "92eb5ffee6ae2fec3ad71c777531578f" },
      ]),
    ).toBe("274bf8e354f7741673939166707b9bff.dir");
  });
});

describe("readChecksumKind and parseLakefsUri", () => {
  it("reads the algorithm from the checksum's shape", () => {
    expect(readChecksumKind("14D187E749EE5614E105741C719FA185.dir")).toEqual({
      algorithm: "dvc-dir",
      digest: "14d187e749ee5614e105741c719fa185",
    });
    expect(readChecksumKind("md5:abc").algorithm).toBe("md5");
    expect(readChecksumKind("a".repeat(64)).algorithm).toBe("sha256");
    expect(readChecksumKind('"etag-123"').algorithm).toBe("unknown");
  });

  it("splits a lakeFS URI and knows a commit id from a branch", () => {
    const commit = "c0ffee00".repeat(8);
    expect(parseLakefsUri(`lakefs://lake/${commit}/a/b.parquet`)).toEqual({
      repository: "lake",
      ref: commit,
      path: "a/b.parquet",
      commit,
    });
    expect(parseLakefsUri("lakefs://lake/main")).toEqual({
      repository: "lake",
      ref: "main",
      path: "",
      commit: null,
    });
    expect(parseLakefsUri("s3://x/y")).toBeNull();
  });
});
