import { describe, expect, it } from "vitest";
import { GET as graphRoute } from "../../app/api/v1/lineage/graph/route.ts";
import { GET as searchRoute } from "../../app/api/v1/lineage/search/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();

async function call(route: typeof graphRoute, path: string) {
  const user = await createTestUser(db(), { role: "VIEWER" });
  const { token } = await createTestToken(db(), user.id);
  const response = await route(new Request(`http://localhost${path}`, { headers: bearer(token) }));
  return { status: response.status, json: await response.json() };
}

/** 20 daily partitions -> a dataset version -> a run (with a commit) -> v1 (production) -> a deployment. */
async function seed() {
  const { prisma } = db();
  const experiment = await prisma.experiment.create({
    data: { name: "churn", artifactLocation: "/a" },
  });
  const commit = await prisma.codeCommit.create({
    data: {
      repo: "https://git.example.com/churn",
      sha: "abc1234".padEnd(40, "0"),
      message: "Add tenure",
    },
  });
  const dataset = await prisma.dataset.create({ data: { name: "churn-train" } });
  const partitions = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const day = `2026-03-${String(i + 1).padStart(2, "0")}`;
      return prisma.rawPartition.create({
        data: { uri: `s3://raw/churn/dt=${day}/`, checksum: `sum-${i}`, partitionKey: `dt=${day}` },
      });
    }),
  );
  const datasetVersion = await prisma.datasetVersion.create({
    data: {
      id: "e".repeat(64),
      datasetId: dataset.id,
      commitId: commit.id,
      rowCount: 2000n,
      partitions: { create: partitions.map((p) => ({ partitionId: p.id })) },
    },
  });
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      name: "weekly-train",
      startTime: new Date(0),
      artifactUri: "/a/1",
      commitId: commit.id,
      inputs: { create: { datasetVersionId: datasetVersion.id, context: "TRAINING" } },
    },
  });
  const model = await prisma.registeredModel.create({ data: { name: "churn-model" } });
  const version = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, runId: run.id, source: "s", stage: "PRODUCTION" },
  });
  const deployment = await prisma.deployment.create({
    data: {
      versionId: version.id,
      service: "churn-api",
      environment: "production",
      startedAt: new Date(0),
    },
  });
  return { commit, partitions, datasetVersion, run, version, deployment };
}

describe("GET /api/v1/lineage/graph", () => {
  it("walks the lineage within the depth, clusters the partitions and pages an expanded cluster", async () => {
    const { commit, partitions, datasetVersion, run, version, deployment } = await seed();
    const centre = `modelVersion:${version.id}`;

    const near = await call(graphRoute, `/api/v1/lineage/graph?node=${centre}&depth=2`);
    expect(near.status).toBe(200);
    const nearIds = near.json.nodes.map((n: { id: string }) => n.id).sort();
    expect(nearIds).toEqual(
      [
        centre,
        `run:${run.id}`,
        `commit:${commit.id}`,
        `datasetVersion:${datasetVersion.id}`,
        `deployment:${deployment.id}`,
      ].sort(),
    );
    expect(near.json.nodes.find((n: { id: string }) => n.id === centre)).toMatchObject({
      isProduction: true,
      label: "churn-model v1",
      depth: 0,
    });
    expect(near.json.edges).toContainEqual({
      id: `run:${run.id}->${centre}`,
      source: `run:${run.id}`,
      target: centre,
    });

    const clusterId = `cluster:up:partition:datasetVersion:${datasetVersion.id}`;
    const deep = await call(
      graphRoute,
      `/api/v1/lineage/graph?node=${centre}&depth=3&direction=up`,
    );
    const cluster = deep.json.nodes.find((n: { id: string }) => n.id === clusterId);
    expect(cluster).toMatchObject({
      kind: "cluster",
      count: 20,
      label: "20 partitions, 2026-03-01 .. 2026-03-20",
      page: null,
      depth: 3,
    });
    expect(deep.json.nodes.some((n: { kind: string }) => n.kind === "partition")).toBe(false);
    expect(deep.json.nodes.some((n: { kind: string }) => n.kind === "deployment")).toBe(false);

    const expanded = await call(
      graphRoute,
      `/api/v1/lineage/graph?node=${centre}&depth=3&direction=up&expand=${clusterId}@0`,
    );
    const drawn = expanded.json.nodes.filter((n: { kind: string }) => n.kind === "partition");
    expect(drawn).toHaveLength(20);
    expect(drawn.map((n: { facts: { uri: string } }) => n.facts.uri).sort()).toEqual(
      partitions.map((p) => p.uri).sort(),
    );
    expect(expanded.json.nodes.find((n: { id: string }) => n.id === clusterId).page).toEqual({
      index: 0,
      size: 50,
      pageCount: 1,
    });
  });

  it("answers 400 for a node that is not <kind>:<id> or a depth out of range, 404 for an unknown node", async () => {
    expect((await call(graphRoute, "/api/v1/lineage/graph?node=table:x")).status).toBe(400);
    expect((await call(graphRoute, "/api/v1/lineage/graph?node=run:x&depth=9")).status).toBe(400);
    expect((await call(graphRoute, "/api/v1/lineage/graph?node=run:nope")).status).toBe(404);
  });
});

describe("GET /api/v1/lineage/search", () => {
  it("finds models, datasets, partitions, runs and commits", async () => {
    const found = async (q: string) =>
      (await call(searchRoute, `/api/v1/lineage/search?q=${encodeURIComponent(q)}`)).json.hits.map(
        (h: { kind: string; label: string }) => `${h.kind} ${h.label}`,
      );
    expect(await found("churn-mod")).toEqual(["modelVersion churn-model v1"]);
    expect(await found("churn-train")).toEqual([`datasetVersion churn-train ${"e".repeat(8)}`]);
    expect(await found("dt=2026-03-05")).toEqual(["partition s3://raw/churn/dt=2026-03-05/"]);
    expect(await found("weekly")).toEqual(["run weekly-train"]);
    expect(await found("ABC1234")).toEqual(["commit abc1234000 Add tenure"]);
    expect(await found("%")).toEqual([]);
  });
});
