-- CreateTable: labelled-outcome metrics (accuracy, f1, auc ...) of a serving window, beside its drift report.
CREATE TABLE "WindowMetric" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "WindowMetric_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WindowMetric_reportId_key_key" ON "WindowMetric"("reportId", "key");

-- AddForeignKey
ALTER TABLE "WindowMetric" ADD CONSTRAINT "WindowMetric_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "DriftReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
