import { computeDatasetVersionId } from "@pedigree/domain/server";
import { describe, expect, it } from "vitest";
import { GET as getVersion } from "../../app/api/v1/dataset-versions/[id]/route.ts";
import { POST } from "../../app/api/v1/dataset-versions/route.ts";
import { GET as listVersions } from "../../app/api/v1/datasets/[name]/versions/route.ts";
import { GET as listDatasets } from "../../app/api/v1/datasets/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";

const db = setUpTestDatabase();

const SHA = "0123456789abcdef0123456789abcdef01234567";
const body = {
  dataset: "churn-train",
  partitions: [
    {
      uri: "s3://raw/churn/dt=2026-10-02/",
      checksum: "b".repeat(64),
      rowCount: 600,
      bytes: 6000,
      partitionKey: "dt=2026-10-02",
    },
    {
      uri: "s3://raw/churn/dt=2026-10-01/",
      checksum: "a".repeat(64),
      rowCount: 400,
      bytes: 4000,
      partitionKey: "dt=2026-10-01",
    },
  ],
  commit: { repo: "github.com/acme/churn", sha: SHA, message: "Add tenure bucket", author: "Ada" },
  params: { window_days: 30, sample: 0.5 },
  schema: [{ name: "tenure", type: "int" }],
  qualityChecks: [
    { name: "schema", passed: true },
    { name: "null_share", passed: true, details: { max: 0.01 } },
  ],
};
const expectedId = computeDatasetVersionId({
  partitionChecksums: ["a".repeat(64), "b".repeat(64)],
  commitSha: SHA,
  params: { window_days: 30, sample: 0.5 },
});

async function tokenFor(role: "ENGINEER" | "VIEWER") {
  const user = await createTestUser(db(), { role });
  return (await createTestToken(db(), user.id)).token;
}

async function register(token: string, payload: unknown) {
  const response = await POST(
    new Request("http://localhost/api/v1/dataset-versions", {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify(payload),
    }),
    routeContext(),
  );
  return { status: response.status, json: await response.json() };
}

describe("POST /api/v1/dataset-versions", () => {
  it("registers under the content hash (201), then answers the same row for the same content (200)", async () => {
    const token = await tokenFor("ENGINEER");
    const first = await register(token, body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: expectedId,
      dataset: "churn-train",
      rowCount: 1000,
      commit: {
        repo: "github.com/acme/churn",
        sha: SHA,
        message: "Add tenure bucket",
        author: "Ada",
      },
      params: { window_days: 30, sample: 0.5 },
      qualityChecks: body.qualityChecks,
    });
    expect(first.json.partitions.map((p: { uri: string }) => p.uri)).toEqual([
      "s3://raw/churn/dt=2026-10-01/",
      "s3://raw/churn/dt=2026-10-02/",
    ]);
    const again = await register(token, {
      ...body,
      partitions: [...body.partitions].reverse(),
      id: expectedId,
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(
      await db().prisma.rawPartition.count({ where: { uri: { startsWith: "s3://raw/churn/" } } }),
    ).toBe(2);

    const read = await getVersion(
      new Request(`http://localhost/api/v1/dataset-versions/${expectedId}`, {
        headers: bearer(token),
      }),
      routeContext({ id: expectedId }),
    );
    expect(await read.json()).toEqual(first.json);
  });

  it("refuses other content under the same id, and an id that is not the content's, saying what differs", async () => {
    const token = await tokenFor("ENGINEER");
    await register(token, body);
    const otherRows = await register(token, {
      ...body,
      schema: [{ name: "tenure", type: "bigint" }],
    });
    expect(otherRows.status).toBe(409);
    expect(otherRows.json.error.message).toMatch(
      /schema: stored \[\{"name":"tenure","type":"int"\}\]/,
    );

    const wrongId = await register(token, {
      ...body,
      params: { window_days: 31, sample: 0.5 },
      id: expectedId,
    });
    expect(wrongId.status).toBe(409);
    expect(wrongId.json.error.message).toContain(`does not match the content`);
    expect(wrongId.json.error.details.differences).toContain(
      'params: stored {"sample":0.5,"window_days":30}, sent {"sample":0.5,"window_days":31}',
    );

    const partitionRows = await register(token, {
      ...body,
      params: { window_days: 7 },
      partitions: [{ ...body.partitions[0], rowCount: 601 }],
    });
    expect(partitionRows.status).toBe(409);
    expect(partitionRows.json.error.message).toContain("rowCount: stored 600, sent 601");
  });

  it("accepts lakeFS partitions at a commit, refuses a branch, and needs the engineer role", async () => {
    const token = await tokenFor("ENGINEER");
    const commit = "c0ffee00".repeat(8);
    const lakefs = await register(token, {
      dataset: "crm-events",
      partitions: [{ uri: `lakefs://lake/${commit}/events/crm/dt=2025-06-01/`, rowCount: 10 }],
    });
    expect(lakefs.status).toBe(201);
    expect(lakefs.json.partitions[0].checksum).toBe(
      `lakefs://lake/${commit}/events/crm/dt=2025-06-01/`,
    );

    const branch = await register(token, {
      dataset: "crm-events",
      partitions: [{ uri: "lakefs://lake/main/events/crm/", rowCount: 10 }],
    });
    expect(branch.status).toBe(400);
    expect(branch.json.error.message).toMatch(/partitions\[0\]\.checksum is required/);

    expect((await register(await tokenFor("VIEWER"), body)).status).toBe(403);
  });

  it("lists datasets and their versions", async () => {
    const token = await tokenFor("ENGINEER");
    await register(token, body);
    const datasets = await (
      await listDatasets(
        new Request("http://localhost/api/v1/datasets", { headers: bearer(token) }),
        routeContext(),
      )
    ).json();
    expect(datasets.datasets).toContainEqual(
      expect.objectContaining({
        name: "churn-train",
        versionCount: 1,
        latestVersion: expect.objectContaining({ id: expectedId }),
      }),
    );
    const versions = await (
      await listVersions(
        new Request("http://localhost/api/v1/datasets/churn-train/versions", {
          headers: bearer(token),
        }),
        routeContext({ name: "churn-train" }),
      )
    ).json();
    expect(versions.versions).toEqual([
      expect.objectContaining({
        id: expectedId,
        rowCount: 1000,
        partitionCount: 2,
        commitSha: SHA,
      }),
    ]);
  });
});
