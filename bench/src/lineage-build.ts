import type { Database } from "@pedigree/db";

/** The shape of the benchmark's graph: 1,000,000 nodes of the four kinds the issue names. */
export const SHAPE = {
  datasets: 1_000,
  daysPerDataset: 900, // 900,000 partitions
  versionsPerDataset: 50, // 50,000 dataset versions
  windowDays: 40, // most dataset versions: 40 daily partitions
  wideWindowDays: 400, // every 25th: 400
  runs: 25_000,
  models: 500, // 50 versions each: 25,000 model versions
  commits: 1_000,
} as const;

/**
 * Builds the graph with set-based SQL (generate_series), so a million nodes take seconds, not
 * a million round trips. Every id is derived from its number, so runs are reproducible.
 */
export async function buildLineageGraph(db: Database, log: (line: string) => void): Promise<void> {
  const s = SHAPE;
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    await db.sql.query(sql);
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await step(
    "commits",
    `INSERT INTO "CodeCommit" (id, repo, sha, message, author, "committedAt")
     SELECT 'c' || i, 'https://git.example.com/ml/features', md5('c' || i) || left(md5('C' || i), 8),
       'Feature change ' || i, 'dev' || (i % 20) || '@example.com', timestamp '2024-01-01' + i * interval '1 hour'
     FROM generate_series(1, ${s.commits}) i`,
  );
  await step(
    "datasets",
    `INSERT INTO "Dataset" (id, name) SELECT 'd' || i, 'dataset-' || i FROM generate_series(1, ${s.datasets}) i`,
  );
  await step(
    "raw partitions",
    `INSERT INTO "RawPartition" (id, uri, checksum, "rowCount", bytes, "partitionKey")
     SELECT 'p' || d || '_' || day,
       's3://bench/dataset-' || d || '/dt=' || to_char(date '2024-01-01' + day, 'YYYY-MM-DD') || '/',
       md5(d || ':' || day), 100000, 16000000,
       'dt=' || to_char(date '2024-01-01' + day, 'YYYY-MM-DD')
     FROM generate_series(1, ${s.datasets}) d, generate_series(0, ${s.daysPerDataset - 1}) day`,
  );
  // Dataset version v of dataset d starts on day v*16; every 25th spans 400 days.
  const width = `(CASE WHEN v % 25 = 0 THEN ${s.wideWindowDays} ELSE ${s.windowDays} END)`;
  const start = `least(v * 16, ${s.daysPerDataset} - ${width})`;
  await step(
    "dataset versions",
    `INSERT INTO "DatasetVersion" (id, "datasetId", "commitId", "rowCount", "createdAt")
     SELECT md5('dv' || d || '_' || v) || md5('DV' || d || '_' || v), 'd' || d,
       'c' || (1 + (d * 50 + v) % ${s.commits}), ${width} * 100000,
       timestamp '2024-01-01' + (${start} + ${width}) * interval '1 day'
     FROM generate_series(1, ${s.datasets}) d, generate_series(0, ${s.versionsPerDataset - 1}) v`,
  );
  // 2.7 million edge rows: foreign-key checks (two lookups a row) would double the build, and
  // every id here is derived from the same numbers as the rows it names, so they are skipped for
  // this one statement (session_replication_role, in a transaction of its own).
  await step(
    "dataset version partitions",
    `BEGIN;
     SET LOCAL session_replication_role = replica;
     INSERT INTO "DatasetVersionPartition" ("datasetVersionId", "partitionId")
     SELECT md5('dv' || d || '_' || v) || md5('DV' || d || '_' || v), 'p' || d || '_' || (${start} + k)
     FROM generate_series(1, ${s.datasets}) d, generate_series(0, ${s.versionsPerDataset - 1}) v,
       LATERAL generate_series(0, ${width} - 1) k;
     COMMIT`,
  );
  await step(
    "experiment, runs, params",
    `INSERT INTO "Experiment" (id, name, "artifactLocation") VALUES ('e1', 'bench', '/bench');
     INSERT INTO "Run" (id, "experimentId", name, status, "startTime", "artifactUri", "commitId")
     SELECT 'r' || k, 'e1', 'train-' || k, 'FINISHED', timestamp '2024-01-01' + k * interval '10 minutes',
       '/bench/' || k, 'c' || (1 + k % ${s.commits})
     FROM generate_series(1, ${s.runs}) k;
     INSERT INTO "Param" ("runId", key, value)
     SELECT 'r' || k, p.key, p.key || '-' || (k % 7)
     FROM generate_series(1, ${s.runs}) k, (VALUES ('eta'), ('max_depth'), ('seed')) p(key)`,
  );
  // Run k trains on dataset version number 2k and validates on 2k+1 (of 50,000).
  await step(
    "run inputs",
    `INSERT INTO "RunInput" ("runId", "datasetVersionId", context)
     SELECT 'r' || k, md5('dv' || d || '_' || v) || md5('DV' || d || '_' || v),
       (CASE WHEN n % 2 = 0 THEN 'TRAINING' ELSE 'VALIDATION' END)::"InputContext"
     FROM generate_series(1, ${s.runs}) k, generate_series(0, 1) side,
       LATERAL (SELECT (2 * (k - 1) + side) AS n) x,
       LATERAL (SELECT 1 + n / ${s.versionsPerDataset} AS d, n % ${s.versionsPerDataset} AS v) y`,
  );
  const perModel = s.runs / s.models;
  await step(
    "models, model versions, deployments",
    `INSERT INTO "RegisteredModel" (id, name) SELECT 'm' || i, 'model-' || i FROM generate_series(1, ${s.models}) i;
     INSERT INTO "ModelVersion" (id, "modelId", version, "runId", source, stage)
     SELECT 'mv' || k, 'm' || (1 + (k - 1) / ${perModel}), 1 + (k - 1) % ${perModel}, 'r' || k, '/bench/' || k,
       (CASE WHEN (k - 1) % ${perModel} = ${perModel - 1} THEN 'PRODUCTION' ELSE 'ARCHIVED' END)::"Stage"
     FROM generate_series(1, ${s.runs}) k;
     INSERT INTO "Deployment" (id, "versionId", service, environment, "startedAt")
     SELECT 'dep' || i, 'mv' || (i * ${perModel}), 'service-' || i, 'production', timestamp '2026-01-01'
     FROM generate_series(1, ${s.models}) i`,
  );
  await step("analyze", "ANALYZE");
}
