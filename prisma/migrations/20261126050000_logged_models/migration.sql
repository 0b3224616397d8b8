-- CreateTable
CREATE TABLE "LoggedModel" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modelType" TEXT NOT NULL DEFAULT '',
    "sourceRunId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'LOGGED_MODEL_PENDING',
    "statusMessage" TEXT NOT NULL DEFAULT '',
    "artifactUri" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "creatorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoggedModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoggedModel_experimentId_createdAt_idx" ON "LoggedModel"("experimentId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LoggedModel_sourceRunId_idx" ON "LoggedModel"("sourceRunId");
