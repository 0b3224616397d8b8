import { beforeAll, describe, expect, it } from "vitest";
import { logMetrics } from "../../../../../../features/mlflow/metrics.ts";
import { createExperimentWithRuns } from "../../../../../../features/runs/test-fixtures.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../../../../../server/testing.ts";
import { GET as getRun } from "../../../runs/[id]/route.ts";
import { GET as getSeries } from "../../../runs/metric-series/route.ts";
import { GET as listExperiments } from "../../route.ts";
import { GET as exportRuns } from "./export/route.ts";
import { GET as listRuns } from "./route.ts";

const db = setUpTestDatabase();
let viewer: HeadersInit;
let experimentId: string;
let runIds: Map<string, string>;

beforeAll(async () => {
  const user = await createTestUser(db(), { role: "VIEWER" });
  viewer = bearer((await createTestToken(db(), user.id)).token);
  const seeded = await createExperimentWithRuns(db(), [
    {
      name: "a",
      startTime: 1000,
      params: { lr: "0.1" },
      tags: { team: "x" },
      metrics: { acc: 0.9, loss: 0.3 },
    },
    { name: "b", startTime: 2000, params: { lr: "=cmd()" }, metrics: { acc: 0.7 } },
    { name: "c", startTime: 3000, params: { lr: "0.3" }, metrics: { acc: 0.95 } },
  ]);
  experimentId = seeded.experimentId;
  runIds = seeded.ids;
  const runId = runIds.get("a") ?? "";
  await logMetrics(
    db().sql,
    runId,
    Array.from({ length: 100 }, (_, step) => ({
      key: "loss",
      step,
      timestamp: 0,
      value: step === 50 ? 9 : 1,
    })),
  );
});

function get(handler: typeof listRuns, path: string, params: Record<string, string> = {}) {
  return handler(new Request(`http://localhost${path}`, { headers: viewer }), routeContext(params));
}

describe("GET /api/v1/experiments and /experiments/{id}/runs", () => {
  it("lists experiments with run counts", async () => {
    const body = await (await get(listExperiments, "/api/v1/experiments")).json();
    expect(body.experiments).toContainEqual(
      expect.objectContaining({ id: experimentId, runCount: 3 }),
    );
  });

  it("filters, sorts and projects the runs", async () => {
    const query = new URLSearchParams({
      filter: "metrics.acc > 0.8",
      orderBy: "metrics.acc DESC",
      columns: "metrics.acc",
    });
    const response = await get(listRuns, `/api/v1/experiments/${experimentId}/runs?${query}`, {
      id: experimentId,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.runs.map((run: { name: string }) => run.name)).toEqual(["c", "a"]);
    expect(body.runs[1].metrics).toEqual([{ key: "acc", value: 0.9, step: 10, timestamp: 1000 }]);
    expect(body.runs[1].params).toEqual([]);
    expect(body.nextPageToken).toBeNull();
  });

  it("answers a bad filter with 400 and the parser's message, an unknown experiment with 404", async () => {
    const query = new URLSearchParams({ filter: "metrics.acc >> 1" });
    const response = await get(listRuns, `/api/v1/experiments/${experimentId}/runs?${query}`, {
      id: experimentId,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("position 13"),
    });
    expect((await get(listRuns, "/api/v1/experiments/nope/runs", { id: "nope" })).status).toBe(404);
  });

  it("exports the same search as CSV", async () => {
    const query = new URLSearchParams({ orderBy: "params.lr", columns: "metrics.acc,params.lr" });
    const response = await get(
      exportRuns,
      `/api/v1/experiments/${experimentId}/runs/export?${query}`,
      { id: experimentId },
    );
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "run_id,run_name,status,start_time,end_time,user_id,metrics.acc,params.lr",
    );
    expect(lines.slice(1).map((line) => line.split(",").slice(1, 2)[0])).toEqual(["a", "c", "b"]);
    expect(lines[3]).toContain(",0.7,'=cmd()");
    const everything = await get(exportRuns, `/api/v1/experiments/${experimentId}/runs/export`, {
      id: experimentId,
    });
    expect((await everything.text()).split("\r\n")[0]).toBe(
      "run_id,run_name,status,start_time,end_time,user_id,metrics.acc,metrics.loss,params.lr,tags.team",
    );
    const bad = await get(exportRuns, `/api/v1/experiments/${experimentId}/runs/export?filter=OR`, {
      id: experimentId,
    });
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/v1/runs/{id} and /runs/metric-series", () => {
  it("answers a run with its details, or 404", async () => {
    const id = runIds.get("a") ?? "";
    const body = await (await get(getRun, `/api/v1/runs/${id}`, { id })).json();
    expect(body).toMatchObject({
      run: { id, name: "a", params: [{ key: "lr", value: "0.1" }] },
      artifacts: [],
      modelVersions: [],
    });
    expect((await get(getRun, "/api/v1/runs/nope", { id: "nope" })).status).toBe(404);
  });

  it("answers downsampled series that keep the spike", async () => {
    const id = runIds.get("a") ?? "";
    const response = await get(
      getSeries,
      `/api/v1/runs/metric-series?runIds=${id}&key=loss&buckets=10`,
    );
    const body = await response.json();
    expect(body).toMatchObject({ fromStep: 0, toStep: 99, width: 10 });
    expect(body.series[0].buckets).toHaveLength(10);
    expect(body.series[0].buckets[5]).toEqual({
      startStep: 50,
      min: 1,
      max: 9,
      lastStep: 59,
      last: 1,
      count: 10,
    });
    const bad = await get(getSeries, `/api/v1/runs/metric-series?runIds=${id}&key=loss&fromStep=3`);
    expect(bad.status).toBe(400);
  });
});
