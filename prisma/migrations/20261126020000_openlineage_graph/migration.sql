-- OpenLineage ingest: the same event twice is stored once; jobs, runs, datasets and the edges
-- between them, merged from the raw events, for recursive graph and impact queries.

-- CreateEnum
CREATE TYPE "OpenLineageDirection" AS ENUM ('INPUT', 'OUTPUT');

-- AlterTable
ALTER TABLE "LineageEvent" ADD COLUMN "contentHash" TEXT;

-- CreateTable
CREATE TABLE "OpenLineageJob" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "commitId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenLineageJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenLineageRun" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "facets" JSONB NOT NULL DEFAULT '{}',
    "commitId" TEXT,
    "parentRunId" TEXT,
    "lastEventAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpenLineageRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenLineageDataset" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenLineageDataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenLineageEdge" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "runId" TEXT,
    "datasetId" TEXT NOT NULL,
    "direction" "OpenLineageDirection" NOT NULL,
    "version" TEXT,
    "datasetVersionId" TEXT,
    "modelVersionId" TEXT,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenLineageEdge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LineageEvent_contentHash_key" ON "LineageEvent"("contentHash");

-- CreateIndex
CREATE INDEX "OpenLineageJob_commitId_idx" ON "OpenLineageJob"("commitId");

-- CreateIndex
CREATE UNIQUE INDEX "OpenLineageJob_namespace_name_key" ON "OpenLineageJob"("namespace", "name");

-- CreateIndex
CREATE INDEX "OpenLineageRun_jobId_lastEventAt_idx" ON "OpenLineageRun"("jobId", "lastEventAt" DESC);

-- CreateIndex
CREATE INDEX "OpenLineageRun_parentRunId_idx" ON "OpenLineageRun"("parentRunId");

-- CreateIndex
CREATE INDEX "OpenLineageRun_commitId_idx" ON "OpenLineageRun"("commitId");

-- CreateIndex
CREATE UNIQUE INDEX "OpenLineageDataset_namespace_name_key" ON "OpenLineageDataset"("namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OpenLineageEdge_key_key" ON "OpenLineageEdge"("key");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_runId_direction_idx" ON "OpenLineageEdge"("runId", "direction");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_jobId_direction_idx" ON "OpenLineageEdge"("jobId", "direction");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_datasetId_direction_idx" ON "OpenLineageEdge"("datasetId", "direction");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_datasetVersionId_idx" ON "OpenLineageEdge"("datasetVersionId");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_modelVersionId_idx" ON "OpenLineageEdge"("modelVersionId");

-- CreateIndex
CREATE INDEX "OpenLineageEdge_version_idx" ON "OpenLineageEdge"("version");

-- AddForeignKey
ALTER TABLE "OpenLineageJob" ADD CONSTRAINT "OpenLineageJob_commitId_fkey" FOREIGN KEY ("commitId") REFERENCES "CodeCommit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageRun" ADD CONSTRAINT "OpenLineageRun_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OpenLineageJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageRun" ADD CONSTRAINT "OpenLineageRun_commitId_fkey" FOREIGN KEY ("commitId") REFERENCES "CodeCommit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageEdge" ADD CONSTRAINT "OpenLineageEdge_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "OpenLineageJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageEdge" ADD CONSTRAINT "OpenLineageEdge_runId_fkey" FOREIGN KEY ("runId") REFERENCES "OpenLineageRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageEdge" ADD CONSTRAINT "OpenLineageEdge_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "OpenLineageDataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageEdge" ADD CONSTRAINT "OpenLineageEdge_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenLineageEdge" ADD CONSTRAINT "OpenLineageEdge_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
