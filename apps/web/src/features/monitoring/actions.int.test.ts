import { signWebhookPayload } from "@pedigree/domain/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import { startTestReceiver, type TestReceiver } from "../webhooks/test-receiver.ts";
import { deliverDueRetrainTriggers } from "./delivery.ts";
import { evaluateMonitorRules } from "./evaluate.ts";
import { createMonitorRule } from "./service-rules.ts";
import { setRetrainTarget } from "./service-target.ts";

// The two other actions of a rule, driven through evaluateMonitorRules with stored reports: a
// rollback request for a version promoted days ago, and a signed generic webhook.

const db = setUpTestDatabase();
const DAY_MS = 86_400_000;
const now = new Date();
let receiver: TestReceiver;
let engineer: { id: string };
let datasetVersionId: string;

beforeAll(async () => {
  receiver = await startTestReceiver();
  engineer = await createTestUser(db(), { role: "ENGINEER" });
  const dataset = await db().prisma.dataset.create({ data: { name: "actions-train" } });
  datasetVersionId = (
    await db().prisma.datasetVersion.create({
      data: { id: "a".repeat(64), datasetId: dataset.id, rowCount: 10n },
    })
  ).id;
});
afterAll(() => receiver.close());

/** v1 was in production until v2 replaced it `promotedDaysAgo` days ago; v2 is deployed. */
async function createModel(name: string, promotedDaysAgo: number) {
  const { prisma } = db();
  const model = await prisma.registeredModel.create({ data: { name } });
  const long = new Date(now.getTime() - 90 * DAY_MS);
  const promotedAt = new Date(now.getTime() - promotedDaysAgo * DAY_MS);
  const v1 = await prisma.modelVersion.create({
    data: { modelId: model.id, version: 1, source: "s3://1", stage: "ARCHIVED" },
  });
  const v2 = await prisma.modelVersion.create({
    data: {
      modelId: model.id,
      version: 2,
      source: "s3://2",
      stage: "PRODUCTION",
      stageChangedAt: promotedAt,
    },
  });
  await prisma.stageTransition.createMany({
    data: [
      {
        modelId: model.id,
        versionId: v1.id,
        fromStage: "NONE",
        toStage: "PRODUCTION",
        createdAt: long,
      },
      {
        modelId: model.id,
        versionId: v1.id,
        fromStage: "PRODUCTION",
        toStage: "ARCHIVED",
        createdAt: promotedAt,
      },
      {
        modelId: model.id,
        versionId: v2.id,
        fromStage: "NONE",
        toStage: "PRODUCTION",
        createdAt: promotedAt,
      },
    ],
  });
  const deployment = await prisma.deployment.create({
    data: { versionId: v2.id, service: name, environment: "production", startedAt: promotedAt },
  });
  return { model, v1, v2, deployment };
}

/** A stored report of one day: `amount` at the given PSI, and optional window metrics. */
async function storeWindow(deploymentId: string, day: number, psi: number, metrics = {}) {
  const windowStart = new Date(Date.UTC(2026, 10, day));
  const windowEnd = new Date(Date.UTC(2026, 10, day + 1));
  const report = await db().prisma.driftReport.create({
    data: {
      deploymentId,
      baselineDatasetVersionId: datasetVersionId,
      windowStart,
      windowEnd,
      features: [{ feature: "amount", psi, missingShareDelta: 0, severity: "SIGNIFICANT" }],
      driftedShare: psi > 0.2 ? 1 : 0,
      severity: psi > 0.2 ? "SIGNIFICANT" : "NONE",
      metrics: {
        create: Object.entries(metrics).map(([key, value]) => ({ key, value: value as number })),
      },
    },
  });
  return { report, windowStart, windowEnd };
}

describe("a rule's action", () => {
  it("asks the registry for a rollback when the deployed version was promoted within the window", async () => {
    const { deployment, v1 } = await createModel("rollback-model", 2);
    await createMonitorRule(db(), engineer, "rollback-model", {
      name: "PSI",
      kind: "FEATURE_DRIFT",
      subject: null,
      threshold: 0.2,
      isEnabled: true,
    });
    const { report, windowStart, windowEnd } = await storeWindow(deployment.id, 1, 0.4);
    const outcome = await db().prisma.$transaction((tx) =>
      evaluateMonitorRules(tx, {
        deploymentId: deployment.id,
        reportId: report.id,
        windowStart,
        windowEnd,
        now,
      }),
    );
    expect(outcome.opened).toHaveLength(1);
    const trigger = await db().prisma.retrainTrigger.findUniqueOrThrow({
      where: { id: outcome.opened[0] },
    });
    expect(trigger.action).toBe("ROLLBACK");
    expect(trigger.rollbackRequestId).toBeTruthy();
    const request = await db().prisma.promotionRequest.findUniqueOrThrow({
      where: { id: trigger.rollbackRequestId ?? "" },
    });
    // The registry's own rules: v1 back to production, awaiting the policy's one approval.
    expect(request).toMatchObject({
      versionId: v1.id,
      kind: "ROLLBACK",
      toStage: "PRODUCTION",
      status: "PENDING",
      requestedById: engineer.id,
      requiredApprovals: 1,
    });
    expect(await db().prisma.retrainDelivery.count({ where: { triggerId: trigger.id } })).toBe(0);
  });

  it("retrains instead when the promotion is older than the model's rollback window", async () => {
    const { deployment } = await createModel("old-promotion", 10);
    await createMonitorRule(db(), engineer, "old-promotion", {
      name: "PSI",
      kind: "FEATURE_DRIFT",
      subject: null,
      threshold: 0.2,
      isEnabled: true,
    });
    const { report, windowStart, windowEnd } = await storeWindow(deployment.id, 2, 0.4);
    const outcome = await db().prisma.$transaction((tx) =>
      evaluateMonitorRules(tx, {
        deploymentId: deployment.id,
        reportId: report.id,
        windowStart,
        windowEnd,
        now,
      }),
    );
    const trigger = await db().prisma.retrainTrigger.findUniqueOrThrow({
      where: { id: outcome.opened[0] },
    });
    expect(trigger).toMatchObject({ action: "RETRAIN", rollbackRequestId: null });
    const rollbacks = { kind: "ROLLBACK" as const, version: { model: { name: "old-promotion" } } };
    expect(await db().prisma.promotionRequest.count({ where: rollbacks })).toBe(0);
  });

  it("evaluates a metric rule from the window's metrics (no report id given) and sends a signed webhook", async () => {
    const { deployment } = await createModel("webhook-model", 30);
    await createMonitorRule(db(), engineer, "webhook-model", {
      name: "AUC floor",
      kind: "METRIC_BELOW",
      subject: "auc",
      threshold: 0.75,
      isEnabled: true,
    });
    const secret = "whsec_retrain_test";
    await setRetrainTarget(db(), "webhook-model", {
      kind: "WEBHOOK",
      url: receiver.url,
      dagId: null,
      auth: "NONE",
      credential: secret,
      credentialEnv: null,
      rollbackWindowDays: 7,
    });
    const healthy = await storeWindow(deployment.id, 3, 0.01, { auc: 0.8 });
    const evaluate = (window: typeof healthy) =>
      db().prisma.$transaction((tx) =>
        evaluateMonitorRules(tx, {
          deploymentId: deployment.id,
          reportId: null,
          windowStart: window.windowStart,
          windowEnd: window.windowEnd,
          now,
        }),
      );
    expect((await evaluate(healthy)).opened).toEqual([]);
    const low = await storeWindow(deployment.id, 4, 0.01, { auc: 0.7 });
    const { opened } = await evaluate(low);
    expect(opened).toHaveLength(1);
    expect((await evaluate(low)).appended).toEqual([]); // the same window again adds nothing

    expect(await deliverDueRetrainTriggers(db())).toBe(1);
    const [request] = receiver.requests;
    if (!request) throw new Error("expected one request");
    const timestamp = Number(request.headers["x-pedigree-timestamp"]);
    expect(request.headers["x-pedigree-event"]).toBe("retrain.triggered");
    expect(request.headers["x-pedigree-signature"]).toBe(
      signWebhookPayload(secret, timestamp, request.body),
    );
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      event: "retrain.triggered",
      data: {
        triggerId: opened[0],
        model: "webhook-model",
        version: 2,
        action: "RETRAIN",
        evidence: [{ kind: "METRIC_BELOW", observations: [{ subject: "auc", value: 0.7 }] }],
      },
    });
    const delivery = await db().prisma.retrainDelivery.findFirstOrThrow({
      where: { triggerId: opened[0] },
    });
    expect(body.id).toBe(delivery.id);
    expect(delivery.status).toBe("DELIVERED");
  });
  it("opens one trigger when two breaching windows are evaluated at once", async () => {
    const { deployment } = await createModel("concurrent-model", 30);
    await createMonitorRule(db(), engineer, "concurrent-model", {
      name: "PSI",
      kind: "FEATURE_DRIFT",
      subject: null,
      threshold: 0.2,
      isEnabled: true,
    });
    const windows = await Promise.all([5, 6].map((day) => storeWindow(deployment.id, day, 0.5)));
    const outcomes = await Promise.all(
      windows.map(({ report, windowStart, windowEnd }) =>
        db().prisma.$transaction((tx) =>
          evaluateMonitorRules(tx, {
            deploymentId: deployment.id,
            reportId: report.id,
            windowStart,
            windowEnd,
            now,
          }),
        ),
      ),
    );
    expect(outcomes.flatMap((outcome) => outcome.opened)).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => outcome.appended)).toHaveLength(1);
    const [trigger] = await db().prisma.retrainTrigger.findMany({
      where: { deploymentId: deployment.id },
    });
    expect(trigger?.breachCount).toBe(2);
  });
});
