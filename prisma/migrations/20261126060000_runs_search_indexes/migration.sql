-- DropIndex
DROP INDEX "MetricPoint_runId_key_step_idx";

-- CreateIndex
CREATE INDEX "MetricPoint_runId_key_step_value_idx" ON "MetricPoint"("runId", "key", "step", "value");

-- CreateIndex
CREATE INDEX "RunTag_key_value_idx" ON "RunTag"("key", "value");
