import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/impact/route.ts";
import { POST as ingest } from "../../app/api/v1/lineage/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();

const PARTITION = "s3://raw/events/dt=2026-10-01/";
const id = (letter: string) => letter.repeat(64);
let token = "";

async function impact(query: string) {
  const response = await GET(
    new Request(`http://localhost/api/v1/impact?${query}`, { headers: bearer(token) }),
    routeContext(),
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
  };
}

/** An OpenLineage run that read one dataset version and wrote another (or a model file). */
async function olRun(
  runId: string,
  input: string,
  output: { version?: string; location?: string },
) {
  const facet = { _producer: "https://example.com/p", _schemaURL: "https://example.com/s.json" };
  const location = output.location ?? `s3://derived/${output.version}`;
  const slash = location.indexOf("/", "s3://".length);
  const response = await ingest(
    new Request("http://localhost/api/v1/lineage", {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({
        eventType: "COMPLETE",
        eventTime: "2026-10-03T00:00:00Z",
        producer: "https://example.com/p",
        schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        run: { runId },
        job: { namespace: "jobs", name: `job-${runId}` },
        inputs: [
          {
            namespace: "s3://derived",
            name: input,
            facets: { version: { ...facet, datasetVersion: input } },
          },
        ],
        outputs: [
          {
            namespace: location.slice(0, slash),
            name: location.slice(slash + 1),
            facets: output.version ? { version: { ...facet, datasetVersion: output.version } } : {},
          },
        ],
      }),
    }),
    routeContext(),
  );
  expect(response.status).toBe(201);
}

describe("GET /api/v1/impact", () => {
  it("lists every downstream dataset version, model version and deployment of a partition", async () => {
    const { prisma } = db();
    const user = await createTestUser(db(), { role: "ENGINEER" });
    token = (await createTestToken(db(), user.id)).token;
    const experiment = await prisma.experiment.create({
      data: { name: "impact", artifactLocation: "/a" },
    });
    const dataset = await prisma.dataset.create({ data: { name: "events" } });
    const partition = await prisma.rawPartition.create({
      data: { uri: PARTITION, checksum: "p1" },
    });
    const other = await prisma.rawPartition.create({
      data: { uri: "s3://raw/other/", checksum: "p2" },
    });
    // The partition feeds two dataset versions; a third version does not use it.
    for (const [letter, partitionId] of [
      ["a", partition.id],
      ["b", partition.id],
      ["c", other.id],
      ["d", other.id],
    ] as const) {
      await prisma.datasetVersion.create({
        data: {
          id: id(letter),
          datasetId: dataset.id,
          rowCount: 1n,
          createdAt: new Date(Date.UTC(2026, 9, letter.charCodeAt(0) - 96)),
          partitions: { create: { partitionId } },
        },
      });
    }
    const train = async (
      datasetVersionId: string,
      model: string,
      version: number,
      stage: "PRODUCTION" | "STAGING" | "ARCHIVED",
    ) => {
      const run = await prisma.run.create({
        data: {
          experimentId: experiment.id,
          name: `${model}-${version}`,
          startTime: new Date(0),
          artifactUri: "/a",
          inputs: { create: { datasetVersionId, context: "TRAINING" } },
        },
      });
      const registered = await prisma.registeredModel.upsert({
        where: { name: model },
        create: { name: model },
        update: {},
      });
      return prisma.modelVersion.create({
        data: {
          modelId: registered.id,
          version,
          runId: run.id,
          source: `s3://models/${model}/${version}`,
          stage,
        },
      });
    };
    const production = await train(id("b"), "fraud", 3, "PRODUCTION");
    await train(id("c"), "churn", 2, "STAGING");
    await train(id("d"), "ranking", 1, "PRODUCTION");
    const archived = await prisma.modelVersion.create({
      data: {
        modelId: (await prisma.registeredModel.create({ data: { name: "ltv" } })).id,
        version: 1,
        source: "s3://models/ltv/1",
        stage: "ARCHIVED",
      },
    });
    // A production model served by two services, and an older deployment that ended.
    await prisma.deployment.createMany({
      data: [
        {
          versionId: production.id,
          service: "fraud-api",
          environment: "prod",
          startedAt: new Date(Date.UTC(2026, 9, 5)),
        },
        {
          versionId: production.id,
          service: "fraud-batch",
          environment: "prod",
          startedAt: new Date(Date.UTC(2026, 9, 6)),
        },
        {
          versionId: production.id,
          service: "fraud-api",
          environment: "staging",
          startedAt: new Date(Date.UTC(2026, 9, 4)),
          endedAt: new Date(Date.UTC(2026, 9, 5)),
        },
      ],
    });
    // OpenLineage: a reads into c, c back into a (a cycle), c into the ltv model's files.
    await olRun("00000000-0000-4000-8000-000000000001", id("a"), { version: id("c") });
    await olRun("00000000-0000-4000-8000-000000000002", id("c"), { version: id("a") });
    await olRun("00000000-0000-4000-8000-000000000003", id("c"), {
      location: `${archived.source}/model.pkl`,
    });

    const answer = await impact(`partition=${encodeURIComponent(PARTITION)}`);
    expect(answer.status).toBe(200);
    expect(answer.json.start).toEqual({ partition: PARTITION });
    expect(answer.json.isTruncated).toBe(false);
    expect(answer.json.datasetVersions.map((d: { id: string }) => d.id).sort()).toEqual([
      id("a"),
      id("b"),
      id("c"),
    ]);
    expect(answer.json.modelVersions).toEqual([
      {
        name: "fraud",
        version: 3,
        stage: "PRODUCTION",
        isProduction: true,
        datasetVersionIds: [id("b")],
      },
      {
        name: "churn",
        version: 2,
        stage: "STAGING",
        isProduction: false,
        datasetVersionIds: [id("c")],
      },
      {
        name: "ltv",
        version: 1,
        stage: "ARCHIVED",
        isProduction: false,
        datasetVersionIds: [id("c")],
      },
    ]);
    expect(
      answer.json.deployments.map(
        (d: { service: string; environment: string; isActive: boolean; isProduction: boolean }) => [
          d.service,
          d.environment,
          d.isActive,
          d.isProduction,
        ],
      ),
    ).toEqual([
      ["fraud-api", "prod", true, true],
      ["fraud-batch", "prod", true, true],
      ["fraud-api", "staging", false, true],
    ]);

    const csv = await impact(`partition=${encodeURIComponent(PARTITION)}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="impact.csv"');
    const lines = csv.text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3 + 3 + 3);
    expect(lines).toContain("model_version,fraud,3,PRODUCTION,true,,,,,");
  });

  it("starts from a dataset version and walks the cycle once", async () => {
    const answer = await impact(`datasetVersion=${id("c")}`);
    expect(answer.status).toBe(200);
    expect(answer.json.datasetVersions.map((d: { id: string }) => d.id).sort()).toEqual([
      id("a"),
      id("c"),
    ]);
    expect(answer.json.modelVersions.map((m: { name: string }) => m.name)).toEqual([
      "churn",
      "ltv",
    ]);
    expect(answer.json.deployments).toEqual([]);
  });

  it("answers 404 for an unknown start and 400 without exactly one", async () => {
    expect((await impact("partition=s3%3A%2F%2Fnowhere")).status).toBe(404);
    expect((await impact(`datasetVersion=${id("9")}`)).status).toBe(404);
    expect((await impact("")).status).toBe(400);
    expect((await impact(`partition=x&datasetVersion=${id("a")}`)).status).toBe(400);
  });
});
