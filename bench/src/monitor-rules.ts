// `pnpm bench monitor-rules`: evaluateMonitorRules for one window of a 200-feature report, as the
// profiles ingest runs it in its transaction, on in-memory PGlite: 4 rules, the drift rules
// breached every window (the open trigger's evidence grows with each), a delivery target set.
import { openTestDatabase } from "@pedigree/db";
import { evaluateMonitorRules } from "../../apps/web/src/features/monitoring/evaluate.ts";
import { measure } from "./stats.ts";

const FEATURES = 200;
const WARMUP = 20;
const COUNT = 200;
const DAY_MS = 86_400_000;

const db = await openTestDatabase();
const { prisma } = db;
const dataset = await prisma.dataset.create({ data: { name: "bench-train" } });
await prisma.datasetVersion.create({
  data: { id: "b".repeat(64), datasetId: dataset.id, rowCount: 1000n },
});
const model = await prisma.registeredModel.create({ data: { name: "bench-model" } });
const version = await prisma.modelVersion.create({
  data: {
    modelId: model.id,
    version: 1,
    source: "s3://bench/1",
    stage: "PRODUCTION",
    stageChangedAt: new Date(0),
  },
});
const deployment = await prisma.deployment.create({
  data: {
    versionId: version.id,
    service: "bench",
    environment: "production",
    startedAt: new Date(0),
  },
});
await prisma.retrainTarget.create({
  data: { modelId: model.id, kind: "AIRFLOW", url: "http://127.0.0.1:9", dagId: "bench" },
});
await prisma.monitorRule.createMany({
  data: [
    { modelId: model.id, name: "any PSI", kind: "FEATURE_DRIFT", threshold: 0.2 },
    { modelId: model.id, name: "share", kind: "DATASET_DRIFT", threshold: 0.3 },
    { modelId: model.id, name: "missing", kind: "MISSING_SHARE", threshold: 5 },
    { modelId: model.id, name: "auc", kind: "METRIC_BELOW", subject: "auc", threshold: 0.7 },
  ],
});

// Every window: 40% of features past PSI 0.2, a few with more missing values, AUC healthy.
const features = Array.from({ length: FEATURES }, (_, j) => ({
  feature: `feature_${String(j).padStart(3, "0")}`,
  psi: j % 5 < 2 ? 0.25 + j / 1000 : 0.05,
  klCurrentReference: 0.1,
  klReferenceCurrent: 0.1,
  jsDistance: 0.1,
  missingShareDelta: j % 50 === 0 ? 0.08 : 0,
  severity: j % 5 < 2 ? "SIGNIFICANT" : "NONE",
  referenceCount: 1000,
  currentCount: 1000,
}));
const windows: { id: string; windowStart: Date; windowEnd: Date }[] = [];
for (let day = 0; day < WARMUP + COUNT; day += 1) {
  const windowStart = new Date(Date.UTC(2026, 0, 1) + day * DAY_MS);
  const windowEnd = new Date(windowStart.getTime() + DAY_MS);
  const report = await prisma.driftReport.create({
    data: {
      deploymentId: deployment.id,
      baselineDatasetVersionId: "b".repeat(64),
      windowStart,
      windowEnd,
      features,
      driftedShare: 0.4,
      severity: "SIGNIFICANT",
      metrics: { create: [{ key: "auc", value: 0.8 }] },
    },
  });
  windows.push({ id: report.id, windowStart, windowEnd });
}

let next = 0;
const result = await measure(
  async () => {
    const window = windows[next] ?? windows[0];
    next += 1;
    if (!window) throw new Error("no window");
    await prisma.$transaction((tx) =>
      evaluateMonitorRules(tx, {
        deploymentId: deployment.id,
        reportId: window.id,
        windowStart: window.windowStart,
        windowEnd: window.windowEnd,
        now: window.windowEnd,
      }),
    );
  },
  { count: COUNT, warmup: WARMUP },
);
const triggers = await prisma.retrainTrigger.findMany({ select: { breachCount: true } });
console.log(
  JSON.stringify({
    bench: "monitor-rules",
    features: FEATURES,
    rules: 4,
    windows: COUNT,
    triggers: triggers.length,
    breaches: triggers.map((trigger) => trigger.breachCount),
    p50Ms: Number(result.p50.toFixed(2)),
    p99Ms: Number(result.p99.toFixed(2)),
    meanMs: Number(result.mean.toFixed(2)),
  }),
);
await db.close();
