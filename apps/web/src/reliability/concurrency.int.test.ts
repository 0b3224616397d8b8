// Integrity under concurrency, on the PostgreSQL server only: PGlite has one connection, so
// nothing runs concurrently there. (Concurrent promotions racing for production are proven in
// features/registry/concurrency.int.test.ts.)
import { describe, expect, it } from "vitest";
import { createMlflowClient } from "../features/mlflow/test-client.ts";
import { createActor, createModel, POLICY } from "../features/registry/test-fixtures.ts";
import { api } from "../features/registry/test-routes.ts";
import { createTestToken, setUpTestDatabase } from "../server/testing.ts";

const db = setUpTestDatabase();
const isPostgres = process.env.PEDIGREE_TEST_DATABASE === "postgres";
const APPROVERS = 20;
const WRITERS = 50;
const POINTS_PER_WRITER = 40;

describe.skipIf(!isPostgres)("concurrent writers on the PostgreSQL server", () => {
  it("counts each of 20 concurrent approvers once, whatever their duplicates, and executes the request once", async () => {
    const policy = {
      ...POLICY,
      requiredApprovals: { STAGING: 0, PRODUCTION: APPROVERS, ROLLBACK: 1 },
    };
    const model = await createModel(
      db(),
      [
        { stage: "PRODUCTION", accuracy: 0.5 },
        { stage: "STAGING", accuracy: 0.7 },
      ],
      policy,
    );
    const engineer = await createActor(db(), "ENGINEER");
    const created = await api.requestPromotion(engineer.token, model.name, 2, {
      targetStage: "PRODUCTION",
      reason: "twenty approvers",
    });
    expect(created.json.status).toBe("PENDING");
    const requestId: string = created.json.id;

    // Each approver decides twice at once: half repeat with the same token, half with a second.
    const approvers = await Promise.all(
      Array.from({ length: APPROVERS }, () => createActor(db(), "APPROVER")),
    );
    const calls = await Promise.all(
      approvers.map(async (approver, index) => {
        if (index % 2 === 0) return [approver.token, approver.token];
        return [approver.token, (await createTestToken(db(), approver.id)).token];
      }),
    );
    const answers = await Promise.all(
      calls.flat().map((token) => api.decide(token, requestId, "approve")),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(APPROVERS);
    expect(statuses.filter((status) => status === 409)).toHaveLength(APPROVERS);
    const executed = answers.filter((answer) => answer.json.status === "EXECUTED");
    expect(executed).toHaveLength(1);

    const approvals = await db().prisma.approval.findMany({ where: { requestId } });
    expect(approvals).toHaveLength(APPROVERS);
    expect(new Set(approvals.map((approval) => approval.approverId)).size).toBe(APPROVERS);
    const request = await db().prisma.promotionRequest.findUniqueOrThrow({
      where: { id: requestId },
    });
    expect(request.status).toBe("EXECUTED");
    // One execution: v2 to production, the old production version archived, nothing more.
    const transitions = await db().prisma.stageTransition.findMany({
      where: { requestId },
      select: { toStage: true },
      orderBy: { toStage: "asc" },
    });
    expect(transitions.map((t) => t.toStage).sort()).toEqual(["ARCHIVED", "PRODUCTION"]);
    expect(
      await db().prisma.auditEvent.count({
        where: { action: "promotion.executed", targetId: requestId },
      }),
    ).toBe(1);
    const production = await db().prisma.modelVersion.findMany({
      where: { modelId: model.id, stage: "PRODUCTION" },
    });
    expect(production.map((version) => version.version)).toEqual([2]);
  }, 120_000);

  it("stores every point of 50 concurrent log-batch writers to one run exactly once", async () => {
    const engineer = await createActor(db(), "ENGINEER");
    const client = createMlflowClient(engineer.token);
    const experiment = await client.post("experiments/create", { name: "concurrent-writers" });
    const run = await client.post("runs/create", {
      experiment_id: experiment.json.experiment_id,
      start_time: 1_700_000_000_000,
    });
    const runId: string = run.json.run.info.run_id;

    // Writer w logs steps w, w + 50, w + 100, ... of two shared keys, its own param and tag, and
    // a param every writer logs with the same value (allowed: it does not change).
    const batches = Array.from({ length: WRITERS }, (_, writer) => ({
      run_id: runId,
      metrics: Array.from({ length: POINTS_PER_WRITER }, (_, i) => {
        const step = writer + i * WRITERS;
        return {
          key: i % 2 === 0 ? "loss" : "accuracy",
          value: step / 1000,
          timestamp: 1_700_000_000_000 + step,
          step,
        };
      }),
      params: [
        { key: `writer_${writer}`, value: String(writer) },
        { key: "shared", value: "same" },
      ],
      tags: [{ key: `tag_${writer}`, value: String(writer) }],
    }));
    const answers = await Promise.all(batches.map((batch) => client.post("runs/log-batch", batch)));
    expect(answers.map((answer) => answer.status)).toEqual(batches.map(() => 200));

    const points = await db().sql.query<{ key: string; step: string; value: number }>(
      `SELECT "key", "step", "value" FROM "MetricPoint" WHERE "runId" = $1`,
      [runId],
    );
    const expected = batches.flatMap((batch) =>
      batch.metrics.map((metric) => `${metric.key}:${metric.step}:${metric.value}`),
    );
    const stored = points.map((point) => `${point.key}:${point.step}:${point.value}`);
    expect(stored).toHaveLength(WRITERS * POINTS_PER_WRITER);
    expect(stored.sort()).toEqual(expected.sort());

    // The latest value of each key is its highest step, whichever writer committed last.
    const latest = await db().prisma.latestMetric.findMany({
      where: { runId },
      orderBy: { key: "asc" },
      select: { key: true, step: true, value: true },
    });
    const highest = (key: string) =>
      Math.max(
        ...batches.flatMap((b) => b.metrics.filter((m) => m.key === key).map((m) => m.step)),
      );
    expect(latest).toEqual([
      { key: "accuracy", step: BigInt(highest("accuracy")), value: highest("accuracy") / 1000 },
      { key: "loss", step: BigInt(highest("loss")), value: highest("loss") / 1000 },
    ]);
    expect(await db().prisma.param.count({ where: { runId } })).toBe(WRITERS + 1);
    expect(await db().prisma.runTag.count({ where: { runId, key: { startsWith: "tag_" } } })).toBe(
      WRITERS,
    );
  });
});
