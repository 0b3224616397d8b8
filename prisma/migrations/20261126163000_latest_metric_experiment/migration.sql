-- A run's latest metrics carry its experiment, so that the runs of one experiment sorted by a
-- metric are read from one index in order ("experimentId", "key", "value") and a page stops
-- after its rows. Without it the planner walked the (key, value) index of every experiment's
-- runs and dropped the other experiments' rows: 78-112 ms for one experiment of 1,000 runs
-- among 100,000 (docs/SCALING.md). A run never changes experiment, so the copy cannot go stale.
ALTER TABLE "LatestMetric" ADD COLUMN "experimentId" TEXT;

UPDATE "LatestMetric" l SET "experimentId" = r."experimentId" FROM "Run" r WHERE r."id" = l."runId";

ALTER TABLE "LatestMetric" ALTER COLUMN "experimentId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "LatestMetric_experimentId_key_value_idx" ON "LatestMetric"("experimentId", "key", "value");

-- Every writer (ingest, the demo, the benchmark's seed, tests) inserts without it: filled here.
CREATE FUNCTION pedigree_latest_metric_experiment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."experimentId" IS NULL THEN
    SELECT r."experimentId" INTO NEW."experimentId" FROM "Run" r WHERE r."id" = NEW."runId";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "LatestMetric_experimentId" BEFORE INSERT ON "LatestMetric"
  FOR EACH ROW EXECUTE FUNCTION pedigree_latest_metric_experiment();
