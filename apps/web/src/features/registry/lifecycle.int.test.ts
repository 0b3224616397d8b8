import { classifyDatabaseError } from "@pedigree/db";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { createActor, createModel, PAST, POLICY } from "./test-fixtures.ts";
import { api } from "./test-routes.ts";

const db = setUpTestDatabase();

let engineer: Awaited<ReturnType<typeof createActor>>;
let approver: Awaited<ReturnType<typeof createActor>>;
let approver2: Awaited<ReturnType<typeof createActor>>;
let viewer: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  engineer = await createActor(db(), "ENGINEER");
  approver = await createActor(db(), "APPROVER");
  approver2 = await createActor(db(), "APPROVER");
  viewer = await createActor(db(), "VIEWER");
});

const toProduction = { targetStage: "PRODUCTION", reason: "ship it" };
const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

async function approveTwice(id: string) {
  await api.decide(approver.token, id, "approve");
  return api.decide(approver2.token, id, "approve");
}

describe("the registry over time", () => {
  it("refuses a request whose production version changed under it (409 STALE_REQUEST)", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.9 },
      { stage: "STAGING", accuracy: 0.95 },
    ]);
    const first = await api.requestPromotion(engineer.token, model.name, 2, toProduction);
    const second = await api.requestPromotion(engineer.token, model.name, 3, toProduction);
    expect((await approveTwice(first.json.id)).json.status).toBe("EXECUTED");
    const stale = await approveTwice(second.json.id);
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({
      code: "CONFLICT",
      details: { reason: "STALE_REQUEST" },
    });
    const row = await db().prisma.promotionRequest.findUniqueOrThrow({
      where: { id: second.json.id },
    });
    expect(row.status).toBe("STALE");
    const stages = await db().prisma.modelVersion.findMany({
      where: { modelId: model.id },
      orderBy: { version: "asc" },
    });
    expect(stages.map((v) => v.stage)).toEqual(["ARCHIVED", "PRODUCTION", "STAGING"]);
  });

  it("rolls back to the previous version and answers which version was live when", async () => {
    const policy = { ...POLICY, requiredApprovals: { STAGING: 0, PRODUCTION: 0, ROLLBACK: 1 } };
    const model = await createModel(
      db(),
      [
        { stage: "PRODUCTION", accuracy: 0.8 },
        { stage: "STAGING", accuracy: 0.9 },
      ],
      policy,
    );
    const beforePromotion = new Date();
    await pause();
    const promoted = await api.requestPromotion(engineer.token, model.name, 2, toProduction);
    expect(promoted.status).toBe(201);
    expect(promoted.json.status).toBe("EXECUTED");
    await pause();
    const afterPromotion = new Date();
    await pause();

    const webhook = await db().prisma.webhook.create({
      data: { url: "https://hooks.example.com/x", events: ["rollback.executed"], secret: "sealed" },
    });
    const rollback = await api.rollback(engineer.token, model.name, "v2 regressed");
    expect(rollback.status).toBe(201);
    expect(rollback.json).toMatchObject({
      kind: "ROLLBACK",
      version: 1,
      fromStage: "ARCHIVED",
      toStage: "PRODUCTION",
      status: "PENDING",
      requiredApprovals: 1,
    });
    const executed = await api.decide(approver.token, rollback.json.id, "approve");
    expect(executed.json.status).toBe("EXECUTED");
    const stages = await db().prisma.modelVersion.findMany({
      where: { modelId: model.id },
      orderBy: { version: "asc" },
    });
    expect(stages.map((v) => v.stage)).toEqual(["PRODUCTION", "ARCHIVED"]);
    const audit = await db().prisma.auditEvent.count({
      where: { targetId: rollback.json.id, action: "rollback.executed" },
    });
    expect(audit).toBe(1);
    const deliveries = await db().prisma.webhookDelivery.findMany({
      where: { webhookId: webhook.id },
    });
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([["rollback.executed", "PENDING"]]);
    expect(deliveries[0]?.payload).toMatchObject({
      requestId: rollback.json.id,
      model: model.name,
    });

    const at = async (instant?: Date) =>
      (await api.history(viewer.token, model.name, instant)).json;
    expect((await at(new Date(PAST.getTime() - 1))).productionVersion).toBeNull();
    expect((await at(beforePromotion)).productionVersion).toBe(1);
    expect((await at(afterPromotion)).productionVersion).toBe(2);
    const now = await at();
    expect(now).toMatchObject({ at: null, productionVersion: 1 });
    // Transitions of one execution share their instant, so compare them as a set.
    const pairs = now.transitions.map(
      (t: { version: number; toStage: string }) => `${t.version}:${t.toStage}`,
    );
    expect(pairs[0]).toBe("1:PRODUCTION");
    expect([...pairs].sort()).toEqual([
      "1:ARCHIVED",
      "1:PRODUCTION",
      "1:PRODUCTION",
      "2:ARCHIVED",
      "2:PRODUCTION",
    ]);
    const last = now.transitions.find(
      (t: { version: number; kind: string | null }) => t.kind === "ROLLBACK" && t.version === 1,
    );
    expect(last).toMatchObject({ toStage: "PRODUCTION", actor: { id: approver.id } });

    const noTarget = await api.rollback(engineer.token, (await createModel(db(), [])).name, "x");
    expect(noTarget.status).toBe(409);
    expect(noTarget.json.error.details.reason).toBe("NO_ROLLBACK_TARGET");
  });

  it("shows a model with metrics, gate summaries and open requests; cancels a request", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.9, isQualityOk: false },
    ]);
    const created = await api.requestPromotion(engineer.token, model.name, 2, toProduction);
    const [v1Id] = model.versions.map((v) => v.id);
    await db().prisma.modelVersionTag.create({
      data: { versionId: v1Id ?? "", key: "artifact_digest", value: "a".repeat(64) },
    });
    const served = { api: "a".repeat(64), batch: "b".repeat(64) };
    for (const [service, digest] of Object.entries(served)) {
      await db().prisma.deployment.create({
        data: { versionId: v1Id ?? "", service, environment: "prod", startedAt: PAST, digest },
      });
    }
    const detail = await api.model(viewer.token, model.name);
    expect(detail.status).toBe(200);
    const [v2, v1] = detail.json.versions;
    expect(v1).toMatchObject({
      version: 1,
      stage: "PRODUCTION",
      gateSummary: [],
      metrics: { accuracy: 0.8 },
    });
    expect(v2.primaryMetric.key).toBe("accuracy");
    expect(v2.primaryMetric.changeVsProduction).toBeCloseTo(0.125);
    const quality = v2.gateSummary.find((g: { gate: string }) => g.gate === "data_quality");
    expect(quality.outcome).toBe("failed");
    const mismatch = Object.fromEntries(
      detail.json.deployments.map((d: { service: string; isDigestMismatch: boolean }) => [
        d.service,
        d.isDigestMismatch,
      ]),
    );
    expect(mismatch).toEqual({ api: false, batch: true });
    expect(detail.json.openRequests.map((r: { id: string }) => r.id)).toEqual([created.json.id]);
    expect((await api.model(viewer.token, "no-such-model")).status).toBe(404);

    expect((await api.cancel(approver.token, created.json.id)).status).toBe(403);
    const cancelled = await api.cancel(engineer.token, created.json.id);
    expect(cancelled.json.status).toBe("CANCELLED");
    expect((await api.cancel(engineer.token, created.json.id)).status).toBe(409);
  });

  it("lets the database refuse a second production version whatever the code does", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.9 },
    ]);
    const error = await db()
      .prisma.modelVersion.update({
        where: { id: model.versions[1]?.id ?? "" },
        data: { stage: "PRODUCTION" },
      })
      .catch((caught: unknown) => caught);
    expect(classifyDatabaseError(error)).toBe("unique_violation");
  });
});
