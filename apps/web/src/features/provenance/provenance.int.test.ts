import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/models/[name]/versions/[version]/provenance/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";
import { listMissingLineage } from "./service.ts";

const db = setUpTestDatabase();

async function provenance(name: string, version: string) {
  const user = await createTestUser(db(), { role: "VIEWER" });
  const { token } = await createTestToken(db(), user.id);
  const request = new Request(
    `http://localhost/api/v1/models/${name}/versions/${version}/provenance`,
    {
      headers: bearer(token),
    },
  );
  const response = await GET(request, routeContext({ name, version }));
  return { status: response.status, json: await response.json() };
}

describe("GET /api/v1/models/{name}/versions/{version}/provenance", () => {
  it("answers what a version was trained on: run, dataset version, partitions, commit, params", async () => {
    const { prisma } = db();
    const experiment = await prisma.experiment.create({
      data: { name: "fraud", artifactLocation: "/a" },
    });
    const commit = await prisma.codeCommit.create({
      data: {
        repo: "git@example.com:fraud.git",
        sha: "a".repeat(40),
        message: "Add merchant features",
      },
    });
    const dataset = await prisma.dataset.create({ data: { name: "fraud-train" } });
    const partitions = await Promise.all(
      ["2026-10-02", "2026-10-01"].map((day, i) =>
        prisma.rawPartition.create({
          data: {
            uri: `s3://raw/dt=${day}/`,
            checksum: `md5-${i}`,
            rowCount: 500n,
            partitionKey: `dt=${day}`,
          },
        }),
      ),
    );
    await prisma.datasetVersion.create({
      data: {
        id: "d".repeat(64),
        datasetId: dataset.id,
        commitId: commit.id,
        rowCount: 1000n,
        partitions: { create: partitions.map((p) => ({ partitionId: p.id })) },
      },
    });
    const run = await prisma.run.create({
      data: {
        experimentId: experiment.id,
        name: "nightly",
        startTime: new Date(0),
        artifactUri: "/a/1",
        commitId: commit.id,
        params: {
          create: [
            { key: "max_depth", value: "6" },
            { key: "eta", value: "0.1" },
          ],
        },
        inputs: { create: { datasetVersionId: "d".repeat(64), context: "TRAINING" } },
      },
    });
    const model = await prisma.registeredModel.create({ data: { name: "fraud" } });
    await prisma.modelVersion.create({
      data: { modelId: model.id, version: 1, runId: run.id, source: "s", stage: "PRODUCTION" },
    });
    await prisma.modelVersion.create({ data: { modelId: model.id, version: 2, source: "s" } });

    const complete = await provenance("fraud", "1");
    expect(complete.status).toBe(200);
    expect(complete.json).toEqual({
      modelVersion: { id: expect.any(String), name: "fraud", version: 1, stage: "PRODUCTION" },
      run: { id: run.id, name: "nightly" },
      datasetVersions: [
        {
          id: "d".repeat(64),
          name: "fraud-train",
          context: "training",
          rowCount: 1000,
          partitions: [
            {
              uri: "s3://raw/dt=2026-10-01/",
              checksum: "md5-1",
              rowCount: 500,
              partitionKey: "dt=2026-10-01",
            },
            {
              uri: "s3://raw/dt=2026-10-02/",
              checksum: "md5-0",
              rowCount: 500,
              partitionKey: "dt=2026-10-02",
            },
          ],
        },
      ],
      commit: {
        sha: "a".repeat(40),
        repo: "git@example.com:fraud.git",
        message: "Add merchant features",
        author: "",
      },
      params: { eta: "0.1", max_depth: "6" },
      missing: [],
    });

    const bare = await provenance("fraud", "2");
    expect(bare.json).toMatchObject({ run: null, datasetVersions: [], commit: null, params: {} });
    expect(bare.json.missing).toEqual(["run", "datasetVersion", "commit"]);

    const missing = await listMissingLineage(db(), "fraud");
    expect(Object.fromEntries(missing)).toEqual({ 1: [], 2: ["run", "datasetVersion", "commit"] });
  });

  it("answers 404 for an unknown version and 400 for a version that is not a number", async () => {
    expect((await provenance("no-such-model", "1")).status).toBe(404);
    expect((await provenance("fraud", "latest")).status).toBe(400);
  });
});
