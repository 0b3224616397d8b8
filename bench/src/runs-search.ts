// pnpm bench runs-search: searchRuns over 100,000 runs (a metric filter and a sort) and the
// compare chart's downsampled metric series for 10 runs x 100,000 steps, on a throwaway
// PostgreSQL database (PEDIGREE_TEST_POSTGRES_URL, default the local server). Run with the
// react-server condition so the app's server-only modules load outside Next.
import { openTestDatabase } from "@pedigree/db";
import { loadMetricSeries } from "../../apps/web/src/features/runs/metric-series.ts";
import { searchRuns } from "../../apps/web/src/features/runs/search.ts";
import { measure } from "./stats.ts";

const RUNS = 100_000;
const CURVE_RUNS = 10;
const STEPS = 100_000;

process.env.PEDIGREE_TEST_DATABASE = "postgres";
const db = await openTestDatabase();

async function time<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

try {
  const experiment = await db.prisma.experiment.create({
    data: { name: "bench-runs", artifactLocation: "mlflow-artifacts:/bench" },
  });
  const exp = experiment.id;
  await time(`seed ${RUNS} runs with 5 params, 3 tags, 5 latest metrics each`, async () => {
    await db.prisma.$executeRaw`
      INSERT INTO "Run" ("id", "experimentId", "name", "status", "startTime", "artifactUri", "userName")
      SELECT 'run' || lpad(g::text, 6, '0'), ${exp}, 'run-' || g,
        (ARRAY['FINISHED', 'FAILED', 'RUNNING']::"RunStatus"[])[1 + g % 3],
        timestamp '2026-01-01' + g * interval '1 minute', 'mlflow-artifacts:/bench/' || g, 'bench'
      FROM generate_series(1, ${RUNS}) g`;
    await db.prisma.$executeRaw`
      INSERT INTO "Param" ("runId", "key", "value")
      SELECT 'run' || lpad(g::text, 6, '0'), k.key,
        CASE k.key WHEN 'lr' THEN (ARRAY['0.1', '0.01', '0.001'])[1 + g % 3]
          WHEN 'batch_size' THEN (32 * (1 + g % 8))::text
          WHEN 'model' THEN (ARRAY['xgboost', 'lightgbm', 'logreg', 'mlp'])[1 + g % 4]
          WHEN 'optimizer' THEN (ARRAY['adam', 'sgd'])[1 + g % 2]
          ELSE (g % 1000)::text END
      FROM generate_series(1, ${RUNS}) g
      CROSS JOIN (VALUES ('lr'), ('batch_size'), ('model'), ('optimizer'), ('seed')) AS k(key)`;
    await db.prisma.$executeRaw`
      INSERT INTO "RunTag" ("runId", "key", "value")
      SELECT 'run' || lpad(g::text, 6, '0'), k.key, k.key || '-' || (g % 50)
      FROM generate_series(1, ${RUNS}) g
      CROSS JOIN (VALUES ('team'), ('mlflow.source.git.commit'), ('mlflow.user')) AS k(key)`;
    await db.prisma.$executeRaw`
      INSERT INTO "LatestMetric" ("runId", "key", "step", "timestamp", "value")
      SELECT 'run' || lpad(g::text, 6, '0'), k.key, 1000, 0, random()
      FROM generate_series(1, ${RUNS}) g
      CROSS JOIN (VALUES ('acc'), ('loss'), ('f1'), ('auc'), ('val_loss')) AS k(key)`;
  });
  const curveRuns = Array.from(
    { length: CURVE_RUNS },
    (_, i) => `run${String(i + 1).padStart(6, "0")}`,
  );
  await time(`seed ${CURVE_RUNS} curves of ${STEPS} steps (one spike each)`, async () => {
    // As log-batch writes them: chunks made by the database's pedigree_metric_chunks.
    await db.prisma.$executeRaw`
      INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
        "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
      SELECT c.* FROM unnest(${curveRuns}::text[]) WITH ORDINALITY AS r(id, n)
      CROSS JOIN LATERAL (
        SELECT array_agg(x.run) AS runs, array_agg('loss'::text) AS keys, array_agg(x.s) AS steps,
          array_agg(x.s) AS timestamps, array_agg(x.v) AS vals
        FROM (
          SELECT r.id AS run, s, CASE WHEN s = 12345 + r.n * 7919 THEN 100
            ELSE 1.0 / (1 + s / 1000.0) + random() * 0.01 END::float8 AS v
          FROM generate_series(0::bigint, ${STEPS - 1}::bigint) s
        ) x
      ) p
      CROSS JOIN LATERAL pedigree_metric_chunks(p.runs, p.keys, p.steps, p.timestamps, p.vals) c`;
  });
  await time("VACUUM ANALYZE", () => db.prisma.$executeRawUnsafe(`VACUUM ANALYZE`));

  const searches: [string, Parameters<typeof searchRuns>[1]][] = [
    [
      "metric filter + metric sort",
      {
        experimentIds: [exp],
        filter: "metrics.acc > 0.9",
        orderBy: ["metrics.loss ASC"],
        maxResults: 100,
      },
    ],
    [
      "metric + param filter, metric sort DESC",
      {
        experimentIds: [exp],
        filter: "metrics.acc > 0.5 AND params.model = 'xgboost'",
        orderBy: ["metrics.f1 DESC"],
        maxResults: 100,
      },
    ],
    ["no filter, default order", { experimentIds: [exp], maxResults: 100 }],
  ];
  for (const [label, input] of searches) {
    const first = await searchRuns(db, input);
    const stats = await measure(() => searchRuns(db, input), { count: 200, warmup: 10 });
    console.log(
      `searchRuns (${label}; ${first.runs.length} runs/page): p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms`,
    );
  }

  // The plans behind the figures: the id query searchRuns sends for the first search (a metric
  // sort reads LatestMetric's (key, value) index in order).
  const explain = async (sql: string) => {
    const plan = await db.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, COSTS OFF) ${sql}`,
    );
    console.log(plan.map((row) => `    ${row["QUERY PLAN"]}`).join("\n"));
  };
  console.log("EXPLAIN metric filter + metric sort (the id query):");
  await explain(`SELECT r."id" FROM "LatestMetric" o0 JOIN "Run" r ON r."id" = o0."runId"
    WHERE o0."key" = 'loss' AND o0."value" <> 'NaN'::float8 AND r."experimentId" IN ('${exp}')
      AND r."lifecycleStage" = 'ACTIVE' AND EXISTS (SELECT 1 FROM "LatestMetric" x WHERE x."runId" = r."id"
      AND x."key" = 'acc' AND x."value" > 0.9 AND x."value" <> 'NaN'::float8)
    ORDER BY o0."value" ASC NULLS LAST, r."startTime" DESC, r."id" ASC LIMIT 101`);

  const charts: [string, Parameters<typeof loadMetricSeries>[1]][] = [
    [
      "whole range, 1000 buckets",
      { runIds: curveRuns, key: "loss", fromStep: 0, toStep: STEPS - 1, buckets: 1000 },
    ],
    ["whole range, range looked up", { runIds: curveRuns, key: "loss", buckets: 1000 }],
    [
      "zoomed to 5,000 steps",
      { runIds: curveRuns, key: "loss", fromStep: 40_000, toStep: 44_999, buckets: 1000 },
    ],
  ];
  for (const [label, input] of charts) {
    const result = await loadMetricSeries(db, input);
    const points = result.series.reduce(
      (sum, s) => sum + s.buckets.reduce((n, b) => n + b.count, 0),
      0,
    );
    const stats = await measure(() => loadMetricSeries(db, input), { count: 50, warmup: 3 });
    console.log(
      `metric series ${CURVE_RUNS} runs (${label}; ${points} points -> ${result.series[0]?.buckets.length} buckets/run): p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms`,
    );
  }
  console.log("EXPLAIN metric + param filter, metric sort DESC (the id query):");
  await explain(`SELECT r."id" FROM "LatestMetric" o0 JOIN "Run" r ON r."id" = o0."runId"
    WHERE o0."key" = 'f1' AND o0."value" <> 'NaN'::float8 AND r."experimentId" IN ('${exp}')
      AND r."lifecycleStage" = 'ACTIVE' AND EXISTS (SELECT 1 FROM "LatestMetric" x WHERE x."runId" = r."id"
      AND x."key" = 'acc' AND x."value" > 0.5 AND x."value" <> 'NaN'::float8)
      AND EXISTS (SELECT 1 FROM "Param" x WHERE x."runId" = r."id" AND x."key" = 'model' AND x."value" = 'xgboost')
    ORDER BY o0."value" DESC, r."startTime" DESC, r."id" ASC LIMIT 101`);
} finally {
  await db.close();
}
