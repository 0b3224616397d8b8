import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { POST } from "../../app/api/v1/lineage/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();

// Real events copied byte for byte from public repositories (fixtures/SOURCES.txt).
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixtureFiles = ["airflow", "spec-and-client"].flatMap((folder) =>
  readdirSync(path.join(FIXTURES, folder))
    .filter((file) => file.endsWith(".json.txt"))
    .sort()
    .map((file) => path.join(folder, file)),
);

let token: string | undefined;
async function ingest(event: unknown) {
  if (!token) {
    const user = await createTestUser(db(), { role: "ENGINEER" });
    token = (await createTestToken(db(), user.id)).token;
  }
  const response = await POST(
    new Request("http://localhost/api/v1/lineage", {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: typeof event === "string" ? event : JSON.stringify(event),
    }),
    routeContext(),
  );
  return { status: response.status, json: await response.json() };
}

const readFixture = (file: string) => readFileSync(path.join(FIXTURES, file), "utf8");

async function edgesOf(namespace: string, name: string) {
  const edges = await db().prisma.openLineageEdge.findMany({
    where: { job: { namespace, name } },
    select: {
      runId: true,
      direction: true,
      dataset: { select: { namespace: true, name: true } },
    },
  });
  return edges
    .map((e) => `${e.direction} ${e.runId ?? "-"} ${e.dataset.namespace}/${e.dataset.name}`)
    .sort();
}

describe("POST /api/v1/lineage with the real events", () => {
  it("ingests every fixture with 201 and stores the jobs, runs and edges they describe", async () => {
    expect(fixtureFiles).toHaveLength(11);
    for (const file of fixtureFiles) {
      const answer = await ingest(readFixture(file));
      expect(answer.status, `${file}: ${JSON.stringify(answer.json)}`).toBe(201);
      expect(answer.json.isDuplicate).toBe(false);
    }
    const { prisma } = db();
    expect(await prisma.lineageEvent.count()).toBe(11);

    const jobs = await prisma.openLineageJob.findMany({ select: { namespace: true, name: true } });
    expect(jobs.map((j) => `${j.namespace}/${j.name}`).sort()).toEqual([
      "airflow/BQ.upload",
      "airflow/dag",
      "airflow/dag.task_0",
      "my-scheduler-namespace/myjob",
      "my-scheduler-namespace/myjob.mytask",
      "openlineage/name",
    ]);

    // START then COMPLETE of the task and of the DAG: merged by runId, the task under its DAG run.
    const task = await prisma.openLineageRun.findUniqueOrThrow({
      where: { id: "01936894-494e-7c48-be1c-4a3656eb1868" },
      select: {
        state: true,
        startedAt: true,
        endedAt: true,
        parentRunId: true,
        facets: true,
        job: { select: { name: true } },
      },
    });
    expect(task).toMatchObject({
      state: "COMPLETE",
      startedAt: new Date("2024-11-26T13:06:09.459Z"),
      endedAt: new Date("2024-11-26T13:06:09.683Z"),
      parentRunId: "01936894-494e-7b5c-938a-7b0fcc5f8eb9",
      job: { name: "dag.task_0" },
    });
    // Facets accumulate: nominalTime came only with START and is still there after COMPLETE.
    expect(Object.keys(task.facets as object)).toEqual(
      expect.arrayContaining([
        "airflow",
        "nominalTime",
        "parent",
        "processing_engine",
        "unknownSourceAttribute",
      ]),
    );
    const dag = await prisma.openLineageRun.findUniqueOrThrow({
      where: { id: "01936894-494e-7b5c-938a-7b0fcc5f8eb9" },
      select: { state: true, facets: true },
    });
    expect(dag.state).toBe("COMPLETE");
    expect(Object.keys(dag.facets as object)).toEqual(
      expect.arrayContaining(["airflowDagRun", "airflowState", "nominalTime"]),
    );

    expect(await edgesOf("airflow", "BQ.upload")).toEqual([
      "INPUT 01936893-9751-7b3c-8f76-8ac6d0e5f8a3 gs://mock-bucket/copied.csv",
      "INPUT 01936893-9751-7b3c-8f76-8ac6d0e5f8a3 gs://mock-bucket/test.csv",
      "OUTPUT 01936893-9751-7b3c-8f76-8ac6d0e5f8a3 bigquery/mock-project.test.upload",
    ]);
    // JobEvents are design lineage: edges without a run.
    expect(await edgesOf("openlineage", "name")).toEqual([
      "INPUT - openlineage/dataset_a",
      "OUTPUT - openlineage/dataset_b",
    ]);
    expect(await edgesOf("my-scheduler-namespace", "myjob")).toEqual([
      "INPUT - my-datasource-namespace/instance.schema.input-1",
      "OUTPUT - my-datasource-namespace/instance.schema.output-1",
    ]);
    // The "every facet" event reads and writes one table: both edges, one dataset.
    expect(await edgesOf("my-scheduler-namespace", "myjob.mytask")).toEqual([
      "INPUT ea041791-68bc-4ae1-bd89-4c8106a157e4 my-datasource-namespace/instance.schema.table",
      "OUTPUT ea041791-68bc-4ae1-bd89-4c8106a157e4 my-datasource-namespace/instance.schema.table",
    ]);
    const output = await prisma.openLineageDataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: "bigquery", name: "mock-project.test.upload" } },
      select: { facets: true },
    });
    expect(Object.keys(output.facets as object).sort()).toEqual(["columnLineage", "schema"]);
    // The DatasetEvent's facets land on the dataset.
    const datasetEvent = await prisma.openLineageDataset.findUniqueOrThrow({
      where: { namespace_name: { namespace: "my-dataset-namespace", name: "my-dataset-name" } },
      select: { facets: true },
    });
    expect(datasetEvent.facets).toMatchObject({ schema: { fields: [{ name: "col_a" }] } });
  });

  it("changes nothing when the same events come again", async () => {
    const { prisma } = db();
    const count = async () =>
      Promise.all([
        prisma.lineageEvent.count(),
        prisma.openLineageRun.count(),
        prisma.openLineageEdge.count(),
        prisma.openLineageDataset.count(),
      ]);
    const before = await count();
    const runBefore = await prisma.openLineageRun.findMany({ orderBy: { id: "asc" } });
    for (const file of fixtureFiles) {
      const answer = await ingest(readFixture(file));
      expect(answer.status).toBe(201);
      expect(answer.json.isDuplicate).toBe(true);
    }
    expect(await count()).toEqual(before);
    expect(await prisma.openLineageRun.findMany({ orderBy: { id: "asc" } })).toEqual(runBefore);
  });

  it("warns about what it read leniently", async () => {
    const jobEvent = await ingest(
      JSON.parse(readFixture("spec-and-client/01_JobEvent.json.txt")) as object,
    );
    expect(jobEvent.json.isDuplicate).toBe(true);
    expect(jobEvent.json.warnings).toContain("eventTime: no time zone; read as UTC");
    const full = JSON.parse(readFixture("spec-and-client/03_full_COMPLETE.json.txt"));
    full.eventTime = "2020-12-28T19:51:02.000Z";
    const answer = await ingest(full);
    expect(answer.status).toBe(201);
    expect(answer.json.warnings).toContain(
      "job.facets.sourceCodeLocation: no commit SHA in `version`; no commit linked",
    );
  });
});

describe("POST /api/v1/lineage links to the registry", () => {
  const SHA = "0123456789abcdef0123456789abcdef01234567";
  const producer = "https://github.com/acme/ml-platform/tree/v0.4.0/lineage-emitter";
  const facet = { _producer: producer, _schemaURL: "https://openlineage.io/spec/facets/x.json" };

  it("links input versions to dataset versions, outputs to model versions and the run to its commit", async () => {
    const { prisma } = db();
    const dataset = await prisma.dataset.create({ data: { name: "churn-training" } });
    const datasetVersionId = "e".repeat(64);
    await prisma.datasetVersion.create({
      data: { id: datasetVersionId, datasetId: dataset.id, rowCount: 10n },
    });
    const model = await prisma.registeredModel.create({ data: { name: "churn-classifier" } });
    const version = await prisma.modelVersion.create({
      data: { modelId: model.id, version: 12, source: "s3://acme-ml-models/churn-classifier/12" },
    });
    const event = {
      eventType: "COMPLETE",
      eventTime: "2025-06-02T03:41:57.003Z",
      producer,
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11" },
      job: {
        namespace: "airflow-prod",
        name: "churn_pipeline.train_model",
        facets: {
          sourceCodeLocation: {
            ...facet,
            type: "git",
            url: "https://github.com/acme/churn",
            version: SHA,
          },
        },
      },
      inputs: [
        {
          namespace: "s3://acme-ml-datasets",
          name: "churn/training",
          facets: { version: { ...facet, datasetVersion: datasetVersionId } },
        },
        {
          namespace: "s3://acme-ml-datasets",
          name: "churn/holdout",
          facets: { version: { ...facet, datasetVersion: "f".repeat(64) } },
        },
      ],
      outputs: [
        {
          namespace: "s3://acme-ml-models",
          name: "churn-classifier/12/model.pkl",
          facets: { version: { ...facet, datasetVersion: "12" } },
        },
      ],
    };
    const answer = await ingest(event);
    expect(answer.status).toBe(201);
    expect(answer.json.links).toEqual({
      job: { namespace: "airflow-prod", name: "churn_pipeline.train_model" },
      run: { id: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11", state: "COMPLETE" },
      commit: { repo: "https://github.com/acme/churn", sha: SHA },
      datasetVersions: [{ dataset: "s3://acme-ml-datasets/churn/training", id: datasetVersionId }],
      modelVersions: [
        {
          dataset: "s3://acme-ml-models/churn-classifier/12/model.pkl",
          name: "churn-classifier",
          version: 12,
        },
      ],
    });
    expect(answer.json.warnings).toEqual([
      `inputs[1]: version ${"f".repeat(64)} is not a registered dataset version; it is linked when one is registered with that id`,
    ]);
    const run = await prisma.openLineageRun.findUniqueOrThrow({
      where: { id: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11" },
      select: {
        commit: { select: { sha: true } },
        job: { select: { commit: { select: { sha: true } } } },
      },
    });
    expect(run).toEqual({ commit: { sha: SHA }, job: { commit: { sha: SHA } } });
    const edges = await prisma.openLineageEdge.findMany({
      where: { runId: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11" },
      select: { direction: true, version: true, datasetVersionId: true, modelVersionId: true },
      orderBy: [{ direction: "asc" }, { version: "asc" }],
    });
    expect(edges).toEqual([
      { direction: "INPUT", version: datasetVersionId, datasetVersionId, modelVersionId: null },
      { direction: "INPUT", version: "f".repeat(64), datasetVersionId: null, modelVersionId: null },
      { direction: "OUTPUT", version: "12", datasetVersionId: null, modelVersionId: version.id },
    ]);

    // A START that arrives after COMPLETE does not reopen the run.
    const late = await ingest({
      ...event,
      eventType: "START",
      eventTime: "2025-06-02T03:00:00Z",
      outputs: [],
    });
    expect(late.json.links.run).toEqual({
      id: "01974a3c-5f10-7c2e-9b41-3d2f6a8e0c11",
      state: "COMPLETE",
    });
  });

  it("answers 400 naming the field only for what cannot be understood", async () => {
    const refused = async (event: unknown) => {
      const answer = await ingest(event);
      expect(answer.status).toBe(400);
      return answer.json.error;
    };
    expect(await refused({ producer: "x", job: { namespace: "a", name: "b" } })).toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "eventTime" },
    });
    expect(
      (await refused({ eventTime: "2025-06-02T03:00:00Z", job: { namespace: "a" } })).message,
    ).toBe("job.name is required (a non-empty string)");
    expect((await refused("{ not json")).message).toMatch(/json/i);
  });
});
