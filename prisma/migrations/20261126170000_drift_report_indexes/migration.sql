-- The gates' drift fact reads the latest report whose baseline is a version's training data
-- (registry/facts.ts). Without an index on the baseline that is a full scan of DriftReport per
-- model view, growing with every deployment's reports; the keys follow the fact's order (latest
-- windowEnd, then computedAt), so that one report per training dataset can be read from it.

-- CreateIndex
CREATE INDEX "DriftReport_baselineDatasetVersionId_windowEnd_computedAt_idx" ON "DriftReport"("baselineDatasetVersionId", "windowEnd", "computedAt");
