// The benchmark's smoke version (issue 7): the scale data set at a tiny scale, then each request
// that scale-http measures, once, through the real route handlers (the pages through the services
// they render), asserting answers rather than timings. Keeps the generator and the harness's
// requests from rotting; the figures come from `pnpm bench`.
import { beforeAll, describe, expect, it } from "vitest";
import * as mlflowRoute from "../../../apps/web/src/app/api/2.0/mlflow/[...path]/route.ts";
import * as reportsRoute from "../../../apps/web/src/app/api/v1/deployments/[id]/reports/route.ts";
import * as runsRoute from "../../../apps/web/src/app/api/v1/experiments/[id]/runs/route.ts";
import * as graphRoute from "../../../apps/web/src/app/api/v1/lineage/graph/route.ts";
import * as modelRoute from "../../../apps/web/src/app/api/v1/models/[name]/route.ts";
import * as provenanceRoute from "../../../apps/web/src/app/api/v1/models/[name]/versions/[version]/provenance/route.ts";
import * as seriesRoute from "../../../apps/web/src/app/api/v1/runs/metric-series/route.ts";
import { getDriftPageView } from "../../../apps/web/src/features/drift/service.ts";
import { getSkewViews } from "../../../apps/web/src/features/drift/service-skew.ts";
import {
  bearer,
  createTestToken,
  routeContext,
  setUpTestDatabase,
} from "../../../apps/web/src/server/testing.ts";
import { sizesAt } from "./config.ts";
import { prepareDriftCompute } from "./drift-compute.ts";
import { seedScale } from "./seed.ts";
import { BENCH_USER_ID } from "./seed-code.ts";
import { listProbes, logBatchBody, readSubjects, type Subjects } from "./targets.ts";

const SCALE = 0.0005;
const db = setUpTestDatabase();
let subjects: Subjects;
let headers: Record<string, string>;

// biome-ignore lint/suspicious/noExplicitAny: route handlers answer arbitrary JSON.
async function call(response: Response | Promise<Response>): Promise<any> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text.slice(0, 300)).toBe(200);
  return JSON.parse(text);
}

const request = (path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, { ...init, headers: { ...headers, ...init.headers } });

describe("the scale benchmark at a tiny scale", () => {
  beforeAll(async () => {
    const summary = await seedScale(db(), { seed: 7, scale: SCALE, analyze: false });
    const sizes = sizesAt(SCALE);
    expect(summary.counts.Run).toBe(sizes.runs);
    expect(summary.counts.ModelVersion).toBe(sizes.models * sizes.versionsPerModel);
    expect(summary.counts.DriftReport).toBe(sizes.deployments * sizes.windows);
    subjects = await readSubjects(db());
    headers = bearer((await createTestToken(db(), BENCH_USER_ID)).token) as Record<string, string>;
  });

  it("keeps the registry's invariant and LatestMetric true to the points", async () => {
    const [row] = await db().sql.query<{ models: number; drifting: number }>(
      `SELECT (SELECT count(*)::int FROM "RegisteredModel" m WHERE (SELECT count(*) FROM "ModelVersion" v
          WHERE v."modelId" = m.id AND v.stage = 'PRODUCTION') <> 1) AS models,
        (SELECT count(*)::int FROM "LatestMetric" l WHERE NOT EXISTS (SELECT 1 FROM "MetricPoint" p
          WHERE p."runId" = l."runId" AND p.key = l.key AND p.step = l.step AND p.value = l.value)) AS drifting`,
    );
    expect(row).toEqual({ models: 0, drifting: 0 });
  });

  it("answers every request that scale-http measures", async () => {
    const probes = listProbes(subjects);
    const path = (prefix: string) => {
      const found = probes.find((probe) => probe.name.startsWith(prefix));
      if (!found) throw new Error(`no probe named ${prefix}`);
      return found;
    };
    const name = subjects.model;
    const version = String(subjects.productionVersion);

    const model = await call(
      modelRoute.GET(request(`/api/v1/models/${name}`), routeContext({ name })),
    );
    expect(model.versions.length).toBe(sizesAt(SCALE).versionsPerModel);
    expect(await getSkewViews(db(), name)).toBeDefined();

    const provenance = await call(
      provenanceRoute.GET(request(path("provenance").path), routeContext({ name, version })),
    );
    expect(provenance.missing).toEqual([]);
    expect(provenance.datasetVersions[0].partitions.length).toBe(
      sizesAt(SCALE).partitionsPerVersion,
    );

    const graph = await call(graphRoute.GET(request(path("lineage").path), routeContext()));
    expect(graph.nodes.length).toBeGreaterThan(3);

    const searchProbe = path("runs search");
    const search = await call(
      mlflowRoute.POST(
        request(searchProbe.path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: searchProbe.body ?? null,
        }),
      ),
    );
    expect(search.runs.length).toBeGreaterThan(0);

    const id = subjects.experimentIds[0] as string;
    const runs = await call(runsRoute.GET(request(path("runs list").path), routeContext({ id })));
    expect(runs.runs.length).toBeGreaterThan(0);

    const series = await call(seriesRoute.GET(request(path("compare chart").path), routeContext()));
    // Every long curve's single-step spike survives the downsampling.
    expect(series.series.length).toBe(sizesAt(SCALE).longRuns);
    for (const run of series.series)
      expect(Math.max(...run.buckets.map((bucket: { max: number }) => bucket.max))).toBe(100);

    const drift = await getDriftPageView(db(), name, {});
    expect(drift.report?.features.length).toBe(sizesAt(SCALE).features);
    const reports = await call(
      reportsRoute.GET(
        request(path("drift reports").path),
        routeContext({ id: subjects.deploymentId }),
      ),
    );
    expect(reports.length).toBe(sizesAt(SCALE).windows);
    const score = await prepareDriftCompute(db(), subjects.deploymentId);
    expect(score().features.length).toBe(sizesAt(SCALE).features);

    const created = await call(
      mlflowRoute.POST(
        request("/api/2.0/mlflow/runs/create", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ experiment_id: id }),
        }),
      ),
    );
    await call(
      mlflowRoute.POST(
        request("/api/2.0/mlflow/runs/log-batch", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: logBatchBody(created.run.info.run_id, 1),
        }),
      ),
    );
  });
});
