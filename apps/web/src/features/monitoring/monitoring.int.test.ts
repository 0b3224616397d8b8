import {
  buildCategoricalProfile,
  buildCategoricalProfileOn,
  buildNumericProfile,
  type FeatureProfile,
} from "@pedigree/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postRule } from "../../app/api/v1/models/[name]/monitor-rules/route.ts";
import { PUT as putTarget } from "../../app/api/v1/models/[name]/monitor-rules/target/route.ts";
import { GET as listTriggers } from "../../app/api/v1/models/[name]/retrain-triggers/route.ts";
import { POST as postBaseline } from "../../app/api/v1/profiles/baselines/route.ts";
import { POST as postWindow } from "../../app/api/v1/profiles/windows/route.ts";
import { POST as dismiss } from "../../app/api/v1/retrain-triggers/[id]/dismiss/route.ts";
import { GET as getTrigger } from "../../app/api/v1/retrain-triggers/[id]/route.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../server/testing.ts";
import { startTestReceiver, type TestReceiver } from "../webhooks/test-receiver.ts";
import { deliverDueRetrainTriggers } from "./delivery.ts";
import type { RetrainTriggerView, TriggerPageView } from "./types.ts";

// The loop of issue 5 through the real routes: 30 daily windows posted to the profiles ingest,
// the rules evaluated in its transaction, the trigger delivered to a local HTTP receiver.

const db = setUpTestDatabase();
const DATASET_VERSION = "f".repeat(64);
const MODEL = "churn";
const DAY_MS = 86_400_000;
/** Day 12 is the first whose amounts are shifted; day 20 the first with accuracy below 0.8. */
const DRIFT_DAY = 12;
const METRIC_DAY = 20;
/** Day 5 is shifted too, but has too few rows to count. */
const SMALL_DAY = 5;

let engineerId: string;
let engineer: HeadersInit;
let receiver: TestReceiver;
let deploymentId: string;
let v1Id: string;

const training = Array.from({ length: 1000 }, (_, i) => i);
const amountBaseline = buildNumericProfile(training);
const regionBaseline = buildCategoricalProfile(training.map((i) => (i % 3 ? "eu" : "us")));

function toBody(feature: string, profile: FeatureProfile) {
  const common = {
    feature,
    counts: profile.counts,
    missingCount: profile.missingCount,
    totalCount: profile.totalCount,
    stats: profile.stats,
  };
  return profile.type === "NUMERIC"
    ? { type: "numeric", edges: profile.edges, ...common }
    : { type: "categorical", categories: profile.categories, ...common };
}

const dayStart = (day: number) => new Date(Date.UTC(2026, 9, 1) + (day - 1) * DAY_MS);

function windowBody(day: number) {
  const isShifted = day >= DRIFT_DAY || day === SMALL_DAY;
  const rows = day === SMALL_DAY ? 100 : 1000;
  const amounts = Array.from({ length: rows }, (_, i) => i * (1000 / rows) + (isShifted ? 400 : 0));
  const regions = Array.from({ length: rows }, (_, i) => (i % 3 ? "eu" : "us"));
  return {
    deploymentId,
    windowStart: dayStart(day).toISOString(),
    windowEnd: dayStart(day + 1).toISOString(),
    features: [
      toBody("amount", buildNumericProfile(amounts, amountBaseline.edges)),
      toBody("region", buildCategoricalProfileOn(regionBaseline, regions)),
    ],
    metrics: { accuracy: day >= METRIC_DAY ? 0.7 : 0.9 },
  };
}

function call(
  handler: (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>,
  url: string,
  init: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost${url}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: engineer,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return handler(request, routeContext(init.params ?? {}));
}

async function triggersOf(model = MODEL): Promise<RetrainTriggerView[]> {
  const response = await call(listTriggers, `/api/v1/models/${model}/retrain-triggers`, {
    params: { name: model },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { triggers: RetrainTriggerView[] }).triggers;
}

beforeAll(async () => {
  receiver = await startTestReceiver();
  const { prisma } = db();
  const user = await createTestUser(db(), { role: "ENGINEER" });
  engineerId = user.id;
  engineer = bearer((await createTestToken(db(), user.id)).token);
  const experiment = await prisma.experiment.create({
    data: { name: "churn-exp", artifactLocation: "/a" },
  });
  const dataset = await prisma.dataset.create({ data: { name: "churn-train" } });
  await prisma.datasetVersion.create({
    data: { id: DATASET_VERSION, datasetId: dataset.id, rowCount: 1000n },
  });
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      name: "train-1",
      startTime: new Date(0),
      artifactUri: "/a/1",
      inputs: { create: { datasetVersionId: DATASET_VERSION, context: "TRAINING" } },
    },
  });
  const model = await prisma.registeredModel.create({ data: { name: MODEL } });
  const promotedAt = new Date(Date.UTC(2026, 0, 1));
  const v1 = await prisma.modelVersion.create({
    data: {
      modelId: model.id,
      version: 1,
      runId: run.id,
      source: "s3://m/1",
      stage: "PRODUCTION",
      stageChangedAt: promotedAt,
    },
  });
  v1Id = v1.id;
  const deployment = await prisma.deployment.create({
    data: { versionId: v1.id, service: "api", environment: "production", startedAt: promotedAt },
  });
  deploymentId = deployment.id;
});
afterAll(() => receiver.close());

describe("monitor rules and retrain triggers over 30 daily windows", () => {
  it("fires once on the right day, appends later breaches and delivers to Airflow with a retry", async () => {
    const baseline = await call(postBaseline, "/api/v1/profiles/baselines", {
      body: {
        datasetVersionId: DATASET_VERSION,
        features: [toBody("amount", amountBaseline), toBody("region", regionBaseline)],
      },
    });
    expect(baseline.status).toBe(201);
    const rulesUrl = `/api/v1/models/${MODEL}/monitor-rules`;
    const params = { name: MODEL };
    const ruleBodies = [
      { name: "Any feature past PSI 0.2", kind: "FEATURE_DRIFT", threshold: 0.2 },
      { name: "Accuracy under 0.8", kind: "METRIC_BELOW", subject: "accuracy", threshold: 0.8 },
    ];
    const ruleIds: string[] = [];
    for (const body of ruleBodies) {
      const created = await call(postRule, rulesUrl, { body, params });
      expect(created.status).toBe(201);
      ruleIds.push(((await created.json()) as { id: string }).id);
    }
    const invalid = await call(postRule, rulesUrl, {
      body: { name: "x", kind: "DATASET_DRIFT", threshold: 3 },
      params,
    });
    expect(invalid.status).toBe(400);
    const base = receiver.url;
    const target = await call(putTarget, `${rulesUrl}/target`, {
      method: "PUT",
      body: {
        kind: "AIRFLOW",
        url: base,
        dagId: "churn_retrain",
        auth: "BASIC",
        credential: "airflow:s3cret",
      },
      params,
    });
    expect(target.status).toBe(200);
    const targetView = (await target.json()) as { target: Record<string, unknown> };
    expect(targetView.target).toMatchObject({ hasCredential: true, auth: "BASIC" });
    expect(JSON.stringify(targetView)).not.toContain("s3cret");

    const triggerCounts: number[] = [];
    for (let day = 1; day <= 30; day += 1) {
      const posted = await call(postWindow, "/api/v1/profiles/windows", { body: windowBody(day) });
      expect(posted.status).toBe(201);
      const report = (await posted.json()) as {
        isTooFewRows: boolean;
        features: { psi: number }[];
      };
      if (day === SMALL_DAY) {
        // Drifted, but too few rows: it must not fire.
        expect(report.isTooFewRows).toBe(true);
        expect(report.features[0]?.psi).toBeGreaterThan(0.2);
      }
      if (day === DRIFT_DAY) expect(report.features[0]?.psi).toBeGreaterThan(0.2);
      if (day === DRIFT_DAY - 1) expect(report.features[0]?.psi).toBeLessThan(0.2);
      triggerCounts.push(await db().prisma.retrainTrigger.count());
    }
    // The count of triggers after each day: none until day 12, one from day 12, two from day 20.
    expect(triggerCounts.indexOf(1) + 1).toBe(DRIFT_DAY);
    expect(triggerCounts.indexOf(2) + 1).toBe(METRIC_DAY);
    expect(triggerCounts.at(-1)).toBe(2);

    const triggers = await triggersOf();
    const drift = triggers.find((trigger) => trigger.rule.id === ruleIds[0]);
    const metric = triggers.find((trigger) => trigger.rule.id === ruleIds[1]);
    if (!drift || !metric) throw new Error("expected a trigger per rule");
    expect(drift).toMatchObject({
      status: "OPEN",
      action: "RETRAIN",
      version: 1,
      breachCount: 30 - DRIFT_DAY + 1,
      externalRunId: `pedigree__${drift.id}`,
    });
    expect(drift.evidence.map((breach) => breach.windowStart)).toEqual(
      Array.from({ length: 30 - DRIFT_DAY + 1 }, (_, i) => dayStart(DRIFT_DAY + i).toISOString()),
    );
    const [first] = drift.evidence;
    expect(first).toMatchObject({
      kind: "FEATURE_DRIFT",
      threshold: 0.2,
      deploymentId,
      windowEnd: dayStart(DRIFT_DAY + 1).toISOString(),
    });
    expect(first?.observations.map((o) => o.subject)).toEqual(["amount"]);
    expect(first?.observations[0]?.value).toBeGreaterThan(0.2);
    expect(metric).toMatchObject({ status: "OPEN", breachCount: 30 - METRIC_DAY + 1 });
    expect(metric.evidence[0]).toMatchObject({
      windowStart: dayStart(METRIC_DAY).toISOString(),
      observations: [{ subject: "accuracy", value: 0.7 }],
    });

    // Delivery: the first answer is a 500, the retry after the backoff gets through.
    receiver.statuses = [500];
    expect(await deliverDueRetrainTriggers(db(), { batchSize: 1 })).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    const firstDelivery = await db().prisma.retrainDelivery.findFirstOrThrow({
      where: { triggerId: drift.id },
    });
    expect(firstDelivery).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "HTTP 500",
      url: `${base}/api/v1/dags/churn_retrain/dagRuns`,
    });
    expect(firstDelivery.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await deliverDueRetrainTriggers(db(), { batchSize: 1 })).toBe(1); // the metric's
    const later = new Date(Date.now() + 31_000);
    expect(await deliverDueRetrainTriggers(db(), { now: later })).toBe(1);
    expect(await deliverDueRetrainTriggers(db(), { now: new Date(Date.now() + 3600_000) })).toBe(0);

    const sent = receiver.requests.map((request) => ({
      headers: request.headers,
      body: JSON.parse(request.body) as { dag_run_id: string },
    }));
    const toDrift = sent.filter((request) => request.body.dag_run_id === `pedigree__${drift.id}`);
    expect(toDrift).toHaveLength(2);
    expect(toDrift[0]?.body).toEqual(toDrift[1]?.body);
    expect(toDrift[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("airflow:s3cret").toString("base64")}`,
    );
    expect(toDrift[0]?.body).toEqual({
      dag_run_id: `pedigree__${drift.id}`,
      logical_date: drift.createdAt,
      conf: {
        model: MODEL,
        version: 1,
        trigger_id: drift.id,
        action: "RETRAIN",
        evidence: [first],
      },
      note: `Pedigree retrain trigger ${drift.id} for ${MODEL} v1`,
    });

    const page = await call(getTrigger, `/api/v1/retrain-triggers/${drift.id}`, {
      params: { id: drift.id },
    });
    const { trigger } = (await page.json()) as TriggerPageView;
    expect(trigger.deliveries).toHaveLength(1);
    expect(trigger.deliveries[0]).toMatchObject({ status: "DELIVERED", attempts: 2 });
    expect(trigger.deliveries[0]?.attemptLog.map((a) => [a.number, a.statusCode, a.error])).toEqual(
      [
        [1, 500, "HTTP 500"],
        [2, 200, null],
      ],
    );
  });

  it("opens a new trigger after a dismissal, and resolves open ones when a new version is promoted", async () => {
    const [drift, metric] = await Promise.all(
      ["FEATURE_DRIFT", "METRIC_BELOW"].map((kind) =>
        db().prisma.retrainTrigger.findFirstOrThrow({ where: { rule: { kind: kind as never } } }),
      ),
    );
    if (!drift || !metric) throw new Error("expected both triggers");
    const refused = await call(dismiss, `/api/v1/retrain-triggers/${metric.id}/dismiss`, {
      body: { reason: " " },
      params: { id: metric.id },
    });
    expect(refused.status).toBe(400);
    const dismissed = await call(dismiss, `/api/v1/retrain-triggers/${metric.id}/dismiss`, {
      body: { reason: "Labels of the week were late; accuracy is not comparable" },
      params: { id: metric.id },
    });
    expect(dismissed.status).toBe(200);
    expect(await dismissed.json()).toMatchObject({ status: "DISMISSED", dismissReason: /late/ });
    const again = await call(dismiss, `/api/v1/retrain-triggers/${metric.id}/dismiss`, {
      body: { reason: "twice" },
      params: { id: metric.id },
    });
    expect(again.status).toBe(409);

    const posted = await call(postWindow, "/api/v1/profiles/windows", { body: windowBody(31) });
    expect(posted.status).toBe(201);
    const afterDismissal = await triggersOf();
    expect(afterDismissal.map((t) => [t.rule.name, t.status, t.breachCount])).toEqual([
      ["Accuracy under 0.8", "OPEN", 1],
      ["Accuracy under 0.8", "DISMISSED", 30 - METRIC_DAY + 1],
      ["Any feature past PSI 0.2", "OPEN", 30 - DRIFT_DAY + 2],
    ]);

    // Version 2, trained by a run that names the trigger, reaches production.
    const { prisma } = db();
    const run = await prisma.run.create({
      data: {
        experimentId: (await prisma.experiment.findFirstOrThrow()).id,
        name: drift.externalRunId ?? "retrain",
        startTime: new Date(),
        artifactUri: "/a/2",
        tags: { create: { key: "pedigree.trigger_id", value: drift.id } },
      },
    });
    const model = await prisma.registeredModel.findUniqueOrThrow({ where: { name: MODEL } });
    await prisma.modelVersion.update({ where: { id: v1Id }, data: { stage: "ARCHIVED" } });
    const promotedAt = new Date(Date.now() + 1000);
    await prisma.modelVersion.create({
      data: {
        modelId: model.id,
        version: 2,
        runId: run.id,
        source: "s3://m/2",
        stage: "PRODUCTION",
        stageChangedAt: promotedAt,
      },
    });
    const settled = await triggersOf();
    expect(settled.map((t) => [t.status, t.resolvedByVersion])).toEqual([
      ["RESOLVED", 2],
      ["DISMISSED", null],
      ["RESOLVED", 2],
    ]);
    expect(settled[0]?.resolvedAt).toBe(promotedAt.toISOString());
    const page = await call(getTrigger, `/api/v1/retrain-triggers/${drift.id}`, {
      params: { id: drift.id },
    });
    const { loop } = (await page.json()) as TriggerPageView;
    expect(loop.runs.map((r) => [r.id, r.versions.map((v) => [v.version, v.stage])])).toEqual([
      [run.id, [[2, "PRODUCTION"]]],
    ]);
    expect(engineerId).toBeTruthy();
  });
});
