-- Monitor rules and retraining triggers, refined (issue 5): the retraining target moves from each
-- rule to the model (RetrainTarget), a trigger carries its evidence and an OPEN/RESOLVED/DISMISSED
-- life, and its delivery goes through an outbox with every attempt recorded. Triggers written by
-- the first schema (demo rows only; nothing delivered them) cannot be given a deployment and a
-- version honestly, so they are removed.
DELETE FROM "RetrainTrigger";

-- DropIndex
DROP INDEX "RetrainTrigger_status_nextAttemptAt_idx";

-- AlterTable
ALTER TABLE "MonitorRule" DROP COLUMN "action",
DROP COLUMN "cooldownMinutes",
DROP COLUMN "secret",
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "RetrainTrigger" DROP COLUMN "attempts",
DROP COLUMN "lastError",
DROP COLUMN "nextAttemptAt",
DROP COLUMN "reason",
DROP COLUMN "sentAt",
DROP COLUMN "status";

-- DropEnum
DROP TYPE "TriggerStatus";

-- CreateEnum
CREATE TYPE "RetrainTriggerStatus" AS ENUM ('OPEN', 'RESOLVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "RetrainAction" AS ENUM ('RETRAIN', 'ROLLBACK');

-- CreateEnum
CREATE TYPE "RetrainTargetKind" AS ENUM ('AIRFLOW', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "RetrainAuth" AS ENUM ('NONE', 'BASIC', 'BEARER');

-- AlterTable
ALTER TABLE "RetrainTrigger" ADD COLUMN     "openRuleId" TEXT,
ADD COLUMN     "deploymentId" TEXT NOT NULL,
ADD COLUMN     "versionId" TEXT NOT NULL,
ADD COLUMN     "action" "RetrainAction" NOT NULL,
ADD COLUMN     "status" "RetrainTriggerStatus" NOT NULL DEFAULT 'OPEN',
ADD COLUMN     "evidence" JSONB NOT NULL,
ADD COLUMN     "breachCount" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lastBreachAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "rollbackRequestId" TEXT,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedByVersionId" TEXT,
ADD COLUMN     "dismissedAt" TIMESTAMP(3),
ADD COLUMN     "dismissedById" TEXT,
ADD COLUMN     "dismissReason" TEXT;

-- CreateTable
CREATE TABLE "RetrainTarget" (
    "modelId" TEXT NOT NULL,
    "kind" "RetrainTargetKind" NOT NULL,
    "url" TEXT NOT NULL,
    "dagId" TEXT,
    "auth" "RetrainAuth" NOT NULL DEFAULT 'NONE',
    "credential" TEXT,
    "credentialEnv" TEXT,
    "rollbackWindowDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetrainTarget_pkey" PRIMARY KEY ("modelId")
);

-- CreateTable
CREATE TABLE "RetrainDelivery" (
    "id" TEXT NOT NULL,
    "triggerId" TEXT NOT NULL,
    "kind" "RetrainTargetKind" NOT NULL,
    "url" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "RetrainDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetrainDeliveryAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,

    CONSTRAINT "RetrainDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RetrainTrigger_openRuleId_key" ON "RetrainTrigger"("openRuleId");

-- CreateIndex
CREATE INDEX "RetrainDelivery_status_nextAttemptAt_idx" ON "RetrainDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "RetrainDelivery_triggerId_idx" ON "RetrainDelivery"("triggerId");

-- CreateIndex
CREATE UNIQUE INDEX "RetrainDeliveryAttempt_deliveryId_number_key" ON "RetrainDeliveryAttempt"("deliveryId", "number");

-- AddForeignKey
ALTER TABLE "RetrainTarget" ADD CONSTRAINT "RetrainTarget_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "RegisteredModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetrainDelivery" ADD CONSTRAINT "RetrainDelivery_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "RetrainTrigger"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetrainDeliveryAttempt" ADD CONSTRAINT "RetrainDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "RetrainDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
