import { checkManifestDatasetVersionIds } from "@pedigree/domain/server";
import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/models/[name]/versions/[version]/manifest/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";
import { registerDatasetVersion } from "../datasets/service.ts";

const db = setUpTestDatabase();
const LAKEFS_COMMIT = "c0ffee00".repeat(8);

async function manifest(name: string, version: string, query = "") {
  const user = await createTestUser(db(), { role: "VIEWER" });
  const { token } = await createTestToken(db(), user.id);
  const response = await GET(
    new Request(`http://localhost/api/v1/models/${name}/versions/${version}/manifest${query}`, {
      headers: bearer(token),
    }),
    routeContext({ name, version }),
  );
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("GET /api/v1/models/{name}/versions/{version}/manifest", () => {
  it("gives the commit, dataset versions with partitions and refs, params and command", async () => {
    const { prisma } = db();
    const features = await registerDatasetVersion(db(), {
      dataset: "churn-features",
      partitions: [
        { uri: "data/features", checksum: "f35d4cc2c552ac959ae602162b8543f3.dir", bytes: 2232588 },
      ],
      commit: { repo: "https://github.com/acme/churn", sha: "06ea4898" },
      params: { "featurize.ngrams": 1, dvc: { stage: "featurize", cmd: "python featurize.py" } },
      rowCount: 20000,
    });
    const holdout = await registerDatasetVersion(db(), {
      dataset: "churn-holdout",
      partitions: [
        { uri: `lakefs://lake/${LAKEFS_COMMIT}/holdout/b.parquet`, rowCount: 5 },
        { uri: `lakefs://lake/${LAKEFS_COMMIT}/holdout/a.parquet`, rowCount: 5 },
      ],
      params: {},
    });
    const experiment = await prisma.experiment.create({
      data: { name: "churn", artifactLocation: "/a" },
    });
    const commit = await prisma.codeCommit.create({
      data: {
        repo: "https://github.com/acme/churn",
        sha: "a".repeat(40),
        message: "Train with tenure",
      },
    });
    const run = await prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: "nightly",
        startTime: new Date(0),
        artifactUri: "/a/1",
        commitId: commit.id,
        params: { create: [{ key: "max_depth", value: "6" }] },
        tags: {
          create: [
            { key: "mlflow.source.name", value: "src/train.py" },
            { key: "mlflow.project.entryPoint", value: "main" },
            { key: "team", value: "growth" },
          ],
        },
        inputs: {
          create: [
            { datasetVersionId: features.version.id, context: "TRAINING" },
            { datasetVersionId: holdout.version.id, context: "EVALUATION" },
          ],
        },
      },
    });
    const model = await prisma.registeredModel.create({ data: { name: "churn" } });
    await prisma.modelVersion.create({
      data: { modelId: model.id, version: 4, runId: run.id, source: "s" },
    });

    const answer = await manifest("churn", "4");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toBeNull();
    expect(answer.json).toMatchObject({
      manifestVersion: 1,
      model: { name: "churn", version: 4 },
      commit: {
        repo: "https://github.com/acme/churn",
        sha: "a".repeat(40),
        message: "Train with tenure",
      },
      params: { max_depth: "6" },
      run: { id: run.id, name: "nightly", command: "src/train.py", entryPoint: "main" },
    });
    expect(Number.isNaN(Date.parse(answer.json.generatedAt))).toBe(false);
    expect(answer.json.datasetVersions).toEqual([
      {
        id: features.version.id,
        name: "churn-features",
        context: "training",
        rowCount: 20000,
        commit: { repo: "https://github.com/acme/churn", sha: "06ea4898" },
        params: { "featurize.ngrams": 1, dvc: { stage: "featurize", cmd: "python featurize.py" } },
        sourceUri: null,
        partitions: [
          {
            uri: "data/features",
            checksum: "f35d4cc2c552ac959ae602162b8543f3.dir",
            rowCount: null,
            bytes: 2232588,
          },
        ],
        dvc: {
          repo: "https://github.com/acme/churn",
          rev: "06ea4898",
          stage: "featurize",
          paths: ["data/features"],
        },
        lakefs: [],
      },
      expect.objectContaining({
        id: holdout.version.id,
        context: "evaluation",
        dvc: null,
        lakefs: [
          {
            repository: "lake",
            commit: LAKEFS_COMMIT,
            paths: ["holdout/a.parquet", "holdout/b.parquet"],
          },
        ],
      }),
    ]);
    // What the CLI verifies: the listed content hashes back to each id.
    expect(checkManifestDatasetVersionIds(answer.json).every((c) => c.isMatch)).toBe(true);

    const download = await manifest("churn", "4", "?download=1");
    expect(download.headers.get("content-disposition")).toBe(
      'attachment; filename="churn-v4-manifest.json"',
    );
  });

  it("answers 404 for an unknown version", async () => {
    expect((await manifest("churn", "99")).status).toBe(404);
  });
});
