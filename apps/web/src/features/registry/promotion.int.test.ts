import { beforeAll, describe, expect, it } from "vitest";
import { createTestToken, setUpTestDatabase } from "../../server/testing.ts";
import { createActor, createModel } from "./test-fixtures.ts";
import { api } from "./test-routes.ts";

const db = setUpTestDatabase();

let engineer: Awaited<ReturnType<typeof createActor>>;
let approvers: Awaited<ReturnType<typeof createActor>>[];
let admin: Awaited<ReturnType<typeof createActor>>;
let viewer: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  engineer = await createActor(db(), "ENGINEER");
  approvers = [await createActor(db(), "APPROVER"), await createActor(db(), "APPROVER")];
  admin = await createActor(db(), "ADMIN");
  viewer = await createActor(db(), "VIEWER");
});

/** A model with production v1 (accuracy 0.80) and a staging v2 of the given accuracy. */
async function modelWithCandidate(accuracy = 0.9) {
  return createModel(db(), [
    { stage: "PRODUCTION", accuracy: 0.8 },
    { stage: "STAGING", accuracy },
  ]);
}

const reason = { targetStage: "PRODUCTION", reason: "better accuracy" };

describe("promotion requests", () => {
  it("executes after two approvals: old production archived, transitions and audit recorded", async () => {
    const model = await modelWithCandidate();
    const created = await api.requestPromotion(engineer.token, model.name, 2, reason);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      model: model.name,
      version: 2,
      kind: "PROMOTION",
      fromStage: "STAGING",
      toStage: "PRODUCTION",
      status: "PENDING",
      requiredApprovals: 2,
      approvalCount: 0,
      requestedBy: { id: engineer.id },
    });
    const outcomes = created.json.gateResults.map((g: { outcome: string }) => g.outcome);
    expect(outcomes).toEqual(["passed", "passed", "passed", "not_applicable"]);
    const id: string = created.json.id;

    const first = await api.decide(approvers[0]?.token ?? "", id, "approve");
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: "PENDING", approvalCount: 1 });
    const second = await api.decide(approvers[1]?.token ?? "", id, "approve");
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ status: "EXECUTED", approvalCount: 2 });
    expect(second.json.closedAt).not.toBeNull();

    const versions = await db().prisma.modelVersion.findMany({
      where: { modelId: model.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.stage)).toEqual(["ARCHIVED", "PRODUCTION"]);
    const transitions = await db().prisma.stageTransition.findMany({
      where: { requestId: id },
      orderBy: { toStage: "asc" },
    });
    expect(transitions).toHaveLength(2);
    expect(transitions.map((t) => [t.fromStage, t.toStage, t.actorId, t.reason])).toEqual([
      ["STAGING", "PRODUCTION", approvers[1]?.id, "better accuracy"],
      ["PRODUCTION", "ARCHIVED", approvers[1]?.id, "better accuracy"],
    ]);
    const actions = await db().prisma.auditEvent.findMany({
      where: { OR: [{ targetId: id }, { targetId: { in: versions.map((v) => v.id) } }] },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "promotion.requested",
      "promotion.gates_evaluated",
      "promotion.approved",
      "promotion.approved",
      "model_version.transitioned",
      "model_version.transitioned",
      "promotion.executed",
    ]);
  });

  it("refuses self-approval with any of the requester's credentials (403 SELF_APPROVAL)", async () => {
    const model = await modelWithCandidate();
    const requester = approvers[0];
    if (!requester) throw new Error("no approver");
    const created = await api.requestPromotion(requester.token, model.name, 2, reason);
    expect(created.status).toBe(201);
    const answer = await api.decide(requester.token, created.json.id, "approve");
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "SELF_APPROVAL" },
    });
    // A second token of the same user is the same principal.
    const other = await createTestToken(db(), requester.id);
    const rejection = await api.decide(other.token, created.json.id, "reject", "no");
    expect(rejection.status).toBe(403);
    expect(rejection.json.error.details.reason).toBe("SELF_APPROVAL");
  });

  it("counts one approver once (409 ALREADY_DECIDED)", async () => {
    const model = await modelWithCandidate();
    const created = await api.requestPromotion(engineer.token, model.name, 2, reason);
    const token = approvers[0]?.token ?? "";
    expect((await api.decide(token, created.json.id, "approve")).status).toBe(200);
    const again = await api.decide(token, created.json.id, "approve");
    expect(again.status).toBe(409);
    expect(again.json.error.details.reason).toBe("ALREADY_DECIDED");
  });

  it("answers 403 to a viewer asking for a promotion", async () => {
    const model = await modelWithCandidate();
    const answer = await api.requestPromotion(viewer.token, model.name, 2, reason);
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe("FORBIDDEN");
    expect(
      await db().prisma.promotionRequest.count({ where: { version: { modelId: model.id } } }),
    ).toBe(0);
  });

  it("closes the request on a rejection", async () => {
    const model = await modelWithCandidate();
    const created = await api.requestPromotion(engineer.token, model.name, 2, reason);
    const rejected = await api.decide(
      approvers[0]?.token ?? "",
      created.json.id,
      "reject",
      "too risky",
    );
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: "REJECTED" });
    expect(rejected.json.closedAt).not.toBeNull();
    const late = await api.decide(approvers[1]?.token ?? "", created.json.id, "approve");
    expect(late.status).toBe(409);
    expect(late.json.error.details.reason).toBe("REQUEST_CLOSED");
  });

  it("keeps a request with a failed gate pending until an admin overrides it", async () => {
    const model = await modelWithCandidate(0.5);
    const created = await api.requestPromotion(engineer.token, model.name, 2, reason);
    const id: string = created.json.id;
    const evaluation = created.json.gateResults.find(
      (g: { gate: string }) => g.gate === "evaluation",
    );
    expect(evaluation.outcome).toBe("failed");
    await api.decide(approvers[0]?.token ?? "", id, "approve");
    const blocked = await api.decide(approvers[1]?.token ?? "", id, "approve");
    expect(blocked.status).toBe(200);
    expect(blocked.json).toMatchObject({ status: "PENDING", approvalCount: 2 });

    const refused = await api.override(engineer.token, id, "evaluation", "because");
    expect(refused.status).toBe(403);
    const overridden = await api.override(
      admin.token,
      id,
      "evaluation",
      "Known label shift; see INC-42",
    );
    expect(overridden.status).toBe(200);
    expect(overridden.json.status).toBe("EXECUTED");
    expect(overridden.json.overrides).toEqual([
      expect.objectContaining({
        gate: "evaluation",
        justification: "Known label shift; see INC-42",
        admin: expect.objectContaining({ id: admin.id }),
      }),
    ]);
    const audit = await db().prisma.auditEvent.count({
      where: { targetId: id, action: "promotion.gate_overridden" },
    });
    expect(audit).toBe(1);
  });
});
