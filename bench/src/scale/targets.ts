// What the harness asks of a running server, in one list: each request with the figure name it
// reports under and the p99 target. Shared by scale-http (under load) and the smoke test
// (once each), so the two cannot drift apart.
import type { Database } from "@pedigree/db";

export interface Subjects {
  model: string;
  productionVersion: number;
  modelVersionId: string;
  experimentIds: string[];
  longRunIds: string[];
  deploymentId: string;
}

/** The rows the requests ask about, read back from the seeded database. */
export async function readSubjects(db: Database): Promise<Subjects> {
  const [version] = await db.sql.query<{ model: string; version: number; id: string }>(
    `SELECT m.name AS model, v.version, v.id FROM "ModelVersion" v
     JOIN "RegisteredModel" m ON m.id = v."modelId" JOIN "Deployment" d ON d."versionId" = v.id
     ORDER BY d.id LIMIT 1`,
  );
  const [deployment] = await db.sql.query<{ id: string }>(
    `SELECT id FROM "Deployment" ORDER BY id LIMIT 1`,
  );
  const experiments = await db.sql.query<{ id: string }>(
    `SELECT id FROM "Experiment" WHERE id LIKE 'bench-exp-%' ORDER BY id`,
  );
  const longRuns = await db.sql.query<{ runId: string }>(
    `SELECT "runId" FROM "LatestMetric" WHERE key = 'loss' AND step >= 100 ORDER BY "runId"`,
  );
  if (!version || !deployment || longRuns.length === 0)
    throw new Error("the database holds no scale data set (run pnpm bench scale-seed)");
  return {
    model: version.model,
    productionVersion: version.version,
    modelVersionId: version.id,
    experimentIds: experiments.map((row) => row.id),
    longRunIds: longRuns.map((row) => row.runId),
    deploymentId: deployment.id,
  };
}

export interface Probe {
  name: string;
  /** p99 target in ms; undefined: reported without one. */
  p99Target?: number;
  /** "session": a signed-in browser (pages); "token": a bearer API token. */
  auth: "session" | "token";
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export function listProbes(s: Subjects): Probe[] {
  const model = encodeURIComponent(s.model);
  const first = s.experimentIds[0] as string;
  const search = new URLSearchParams({
    filter: "metrics.acc > 0.8",
    orderBy: "metrics.loss ASC",
    maxResults: "100",
  });
  return [
    // The floor: what any request costs on this machine under this load (a database ping).
    { name: "health check (floor)", auth: "token", method: "GET", path: "/api/health" },
    {
      name: "model page (server render)",
      p99Target: 150,
      auth: "session",
      method: "GET",
      path: `/models/${model}`,
    },
    {
      name: "provenance",
      p99Target: 20,
      auth: "token",
      method: "GET",
      path: `/api/v1/models/${model}/versions/${s.productionVersion}/provenance`,
    },
    {
      name: "lineage depth-3 query",
      p99Target: 50,
      auth: "token",
      method: "GET",
      path: `/api/v1/lineage/graph?node=modelVersion:${s.modelVersionId}&depth=3&direction=both`,
    },
    {
      name: "runs search, all runs (MLflow runs/search, metric filter + sort)",
      p99Target: 100,
      auth: "token",
      method: "POST",
      path: "/api/2.0/mlflow/runs/search",
      body: JSON.stringify({
        experiment_ids: s.experimentIds,
        filter: "metrics.acc > 0.8",
        order_by: ["metrics.loss ASC"],
        max_results: 100,
      }),
    },
    {
      name: "runs list, one experiment (metric filter + sort)",
      auth: "token",
      method: "GET",
      path: `/api/v1/experiments/${first}/runs?${search}`,
    },
    {
      name: "compare chart (10 long runs, 1000 buckets)",
      p99Target: 150,
      auth: "token",
      method: "GET",
      path: `/api/v1/runs/metric-series?runIds=${s.longRunIds.join(",")}&key=loss&buckets=1000`,
    },
    {
      name: "drift page",
      p99Target: 150,
      auth: "session",
      method: "GET",
      path: `/models/${model}/drift`,
    },
    {
      name: "drift reports API (a deployment's windows)",
      auth: "token",
      method: "GET",
      path: `/api/v1/deployments/${s.deploymentId}/reports`,
    },
  ];
}

/** A log-batch body of 1,000 metrics (10 keys x 100 steps) for `runId`, steps from `n`. */
export function logBatchBody(runId: string, n: number): string {
  const metrics = Array.from({ length: 1000 }, (_, i) => ({
    key: `bench_${i % 10}`,
    value: Math.sin(n + i),
    timestamp: 1_767_225_600_000 + n * 1000 + i,
    step: n * 100 + Math.floor(i / 10),
  }));
  return JSON.stringify({ run_id: runId, metrics });
}
