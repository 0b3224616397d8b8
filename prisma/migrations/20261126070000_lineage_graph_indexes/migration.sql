-- Lineage graph: every edge column the recursive walk follows is indexed; this one was not
-- (a commit's dataset versions).

-- CreateIndex
CREATE INDEX "DatasetVersion_commitId_idx" ON "DatasetVersion"("commitId");
