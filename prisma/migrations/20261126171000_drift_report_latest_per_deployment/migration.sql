-- The gates' drift fact also reads each deployment's latest report (registry/facts.ts, one
-- LATERAL ... LIMIT 1 per deployment). The unique (deploymentId, windowStart, windowEnd) index
-- made that read and sort every report of the deployment (365 a year); this one is read from
-- its end.

-- CreateIndex
CREATE INDEX "DriftReport_deploymentId_windowEnd_computedAt_idx" ON "DriftReport"("deploymentId", "windowEnd", "computedAt");
