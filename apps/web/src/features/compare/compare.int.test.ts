import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/models/[name]/compare/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();

async function compare(name: string, a: string, b: string) {
  const user = await createTestUser(db(), { role: "VIEWER" });
  const { token } = await createTestToken(db(), user.id);
  const request = new Request(`http://localhost/api/v1/models/${name}/compare?a=${a}&b=${b}`, {
    headers: bearer(token),
  });
  const response = await GET(request, routeContext({ name }));
  return { status: response.status, json: await response.json() };
}

/** A version trained on the given days, with its own commit, params and auc. */
async function seedVersion(
  modelId: string,
  version: number,
  days: string[],
  eta: string,
  auc: number,
) {
  const { prisma } = db();
  const experiment = await prisma.experiment.upsert({
    where: { name: "cmp" },
    create: { name: "cmp", artifactLocation: "/a" },
    update: {},
  });
  const commit = await prisma.codeCommit.create({
    data: { repo: "r", sha: String(version).repeat(40), message: `commit ${version}` },
  });
  const dataset = await prisma.dataset.upsert({
    where: { name: "cmp-train" },
    create: { name: "cmp-train" },
    update: {},
  });
  const partitions = [];
  for (const day of days) {
    partitions.push(
      await prisma.rawPartition.upsert({
        where: { uri_checksum: { uri: `s3://cmp/dt=${day}/`, checksum: `sum-${day}` } },
        create: { uri: `s3://cmp/dt=${day}/`, checksum: `sum-${day}`, partitionKey: `dt=${day}` },
        update: {},
      }),
    );
  }
  const datasetVersion = await prisma.datasetVersion.create({
    data: {
      id: String(version).repeat(64),
      datasetId: dataset.id,
      rowCount: BigInt(days.length),
      partitions: { create: partitions.map((p) => ({ partitionId: p.id })) },
    },
  });
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      name: `train-${version}`,
      startTime: new Date(0),
      artifactUri: "/a",
      commitId: commit.id,
      params: { create: [{ key: "eta", value: eta }] },
      latestMetrics: {
        create: [{ experimentId: experiment.id, key: "auc", value: auc, step: 0n, timestamp: 0n }],
      },
      inputs: { create: { datasetVersionId: datasetVersion.id, context: "TRAINING" } },
    },
  });
  await prisma.modelVersion.create({ data: { modelId, version, runId: run.id, source: "s" } });
}

describe("GET /api/v1/models/{name}/compare", () => {
  it("answers params, metrics, partitions added and removed, and commits", async () => {
    const model = await db().prisma.registeredModel.create({ data: { name: "cmp" } });
    await seedVersion(model.id, 1, ["2026-01-01", "2026-01-02"], "0.1", 0.8);
    await seedVersion(model.id, 2, ["2026-01-02", "2026-01-03"], "0.2", 0.85);

    const { status, json } = await compare("cmp", "1", "2");
    expect(status).toBe(200);
    expect(json.a).toMatchObject({ version: 1 });
    expect(json.params).toEqual([{ key: "eta", a: "0.1", b: "0.2", isChanged: true }]);
    expect(json.metrics[0]).toMatchObject({ key: "auc", a: 0.8, b: 0.85 });
    expect(json.metrics[0].delta).toBeCloseTo(0.05);
    expect(json.datasets).toHaveLength(1);
    expect(json.datasets[0]).toMatchObject({
      name: "cmp-train",
      isSameVersion: false,
      added: [
        {
          uri: "s3://cmp/dt=2026-01-03/",
          checksum: "sum-2026-01-03",
          partitionKey: "dt=2026-01-03",
        },
      ],
      removed: [
        {
          uri: "s3://cmp/dt=2026-01-01/",
          checksum: "sum-2026-01-01",
          partitionKey: "dt=2026-01-01",
        },
      ],
    });
    expect(json.commit).toMatchObject({
      isSame: false,
      a: { sha: "1".repeat(40) },
      b: { sha: "2".repeat(40) },
    });
  });

  it("answers 404 for a version that does not exist and 400 without both versions", async () => {
    expect((await compare("cmp", "1", "9")).status).toBe(404);
    expect((await compare("cmp", "1", "")).status).toBe(400);
  });
});
