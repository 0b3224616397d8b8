-- Metric points are stored in chunks: one row per (run, key, block of 32 steps) per write, with
-- the chunk's points as arrays and its min, max and last finite value beside them. A log-batch of
-- 1,000 points becomes a few dozen rows instead of 1,000 index entries, and a chart aligned to
-- blocks reads one row per chunk instead of every point (docs/ARCHITECTURE.md, "Metric storage").

-- The block of a step: floor(step / 32) for negative steps too. METRIC_BLOCK_STEPS in the domain.
CREATE FUNCTION pedigree_metric_block(step BIGINT) RETURNS BIGINT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN step >= 0 THEN step / 32 ELSE (step + 1) / 32 - 1 END $$;

-- CreateTable
CREATE TABLE "MetricChunk" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "block" BIGINT NOT NULL,
    "steps" BIGINT[],
    "timestamps" BIGINT[],
    "values" DOUBLE PRECISION[],
    "count" INTEGER NOT NULL,
    "finiteCount" INTEGER NOT NULL,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "lastStep" BIGINT,
    "lastTimestamp" BIGINT,
    "last" DOUBLE PRECISION,

    CONSTRAINT "MetricChunk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MetricChunk_runId_key_block_idx" ON "MetricChunk"("runId", "key", "block");

-- AddForeignKey
ALTER TABLE "MetricChunk" ADD CONSTRAINT "MetricChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Points (in logging order: the ordinality breaks ties of step and timestamp) into chunks: each
-- chunk's arrays sorted by (step, timestamp, logging order); min, max, last over finite values
-- only (a chart cannot draw NaN or ±Infinity); last = the value at the highest step, latest
-- timestamp, last logged. The one place that builds chunks: ingest, compaction and the demo.
CREATE FUNCTION pedigree_metric_chunks(
  run_ids TEXT[], keys TEXT[], steps BIGINT[], timestamps BIGINT[], vals DOUBLE PRECISION[]
) RETURNS TABLE (
  "runId" TEXT, "key" TEXT, "block" BIGINT, "steps" BIGINT[], "timestamps" BIGINT[],
  "values" DOUBLE PRECISION[], "count" INTEGER, "finiteCount" INTEGER, "min" DOUBLE PRECISION,
  "max" DOUBLE PRECISION, "lastStep" BIGINT, "lastTimestamp" BIGINT, "last" DOUBLE PRECISION
) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT p.r, p.k, pedigree_metric_block(p.s),
    array_agg(p.s ORDER BY p.s, p.t, p.n),
    array_agg(p.t ORDER BY p.s, p.t, p.n),
    array_agg(p.v ORDER BY p.s, p.t, p.n),
    count(*)::INTEGER,
    (count(*) FILTER (WHERE p.f))::INTEGER,
    min(p.v) FILTER (WHERE p.f),
    max(p.v) FILTER (WHERE p.f),
    max(p.s) FILTER (WHERE p.f),
    (array_agg(p.t ORDER BY p.s DESC, p.t DESC, p.n DESC) FILTER (WHERE p.f))[1],
    (array_agg(p.v ORDER BY p.s DESC, p.t DESC, p.n DESC) FILTER (WHERE p.f))[1]
  FROM (
    SELECT u.r, u.k, u.s, u.t, u.v, u.n,
      u.v NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) AS f
    FROM unnest(run_ids, keys, steps, timestamps, vals) WITH ORDINALITY AS u(r, k, s, t, v, n)
  ) p
  GROUP BY p.r, p.k, pedigree_metric_block(p.s)
$$;

-- Merges the chunks of each block that the given (key, step) pairs touch once the block holds at
-- least min_chunks of them (one point per request, as MLflow's log-metric sends, would otherwise
-- leave a chunk per point). Returns the number of chunks written. Safe beside concurrent writes:
-- a chunk inserted meanwhile is not in this statement's snapshot and stays as it is.
CREATE FUNCTION pedigree_compact_metric_chunks(
  run_id TEXT, keys TEXT[], steps BIGINT[], min_chunks INTEGER
) RETURNS BIGINT LANGUAGE sql VOLATILE AS $$
  WITH touched AS (
    SELECT DISTINCT t.k, pedigree_metric_block(t.s) AS b FROM unnest(keys, steps) AS t(k, s)
  ), crowded AS (
    SELECT c."key", c."block" FROM "MetricChunk" c JOIN touched t ON c."key" = t.k AND c."block" = t.b
    WHERE c."runId" = run_id
    GROUP BY c."key", c."block" HAVING count(*) >= min_chunks
  ), removed AS (
    DELETE FROM "MetricChunk" c USING crowded w
    WHERE c."runId" = run_id AND c."key" = w."key" AND c."block" = w."block"
    RETURNING c."id", c."key", c."steps", c."timestamps", c."values"
  ), points AS (
    SELECT
      array_agg(run_id ORDER BY r."id", u.n) AS r,
      array_agg(r."key" ORDER BY r."id", u.n) AS k,
      array_agg(u.s ORDER BY r."id", u.n) AS s,
      array_agg(u.t ORDER BY r."id", u.n) AS t,
      array_agg(u.v ORDER BY r."id", u.n) AS v
    FROM removed r CROSS JOIN LATERAL unnest(r."steps", r."timestamps", r."values") WITH ORDINALITY AS u(s, t, v, n)
  ), merged AS (
    INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
      "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
    SELECT m.* FROM points p CROSS JOIN LATERAL pedigree_metric_chunks(p.r, p.k, p.s, p.t, p.v) m
    RETURNING 1
  )
  SELECT count(*) FROM merged
$$;

-- The points already logged, per run in logging order.
INSERT INTO "MetricChunk" ("runId", "key", "block", "steps", "timestamps", "values", "count",
  "finiteCount", "min", "max", "lastStep", "lastTimestamp", "last")
SELECT m.* FROM (
  SELECT array_agg("runId" ORDER BY "id") AS r, array_agg("key" ORDER BY "id") AS k,
    array_agg("step" ORDER BY "id") AS s, array_agg("timestamp" ORDER BY "id") AS t,
    array_agg("value" ORDER BY "id") AS v
  FROM "MetricPoint" GROUP BY "runId"
) p CROSS JOIN LATERAL pedigree_metric_chunks(p.r, p.k, p.s, p.t, p.v) m;

DROP TABLE "MetricPoint";

-- One row per point, for ad-hoc SQL and tests; the app reads the chunks.
CREATE VIEW "MetricPoint" AS
  SELECT c."runId", c."key", u."step", u."timestamp", u."value"
  FROM "MetricChunk" c
  CROSS JOIN LATERAL unnest(c."steps", c."timestamps", c."values") AS u("step", "timestamp", "value");
