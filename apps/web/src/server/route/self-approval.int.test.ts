// Nobody approves their own request, whichever door they use (issue 8): a request opened through
// MLflow's transition-stage cannot be carried out by its requester through MLflow again, nor
// decided through the native API with a second token of theirs; an admin is no exception, and
// an admin's gate override is recorded with its justification, in the row and in the audit.
import { beforeAll, describe, expect, it } from "vitest";
import { createMlflowClient } from "../../features/mlflow/test-client.ts";
import { createActor, createModel } from "../../features/registry/test-fixtures.ts";
import { api } from "../../features/registry/test-routes.ts";
import { createTestToken, setUpTestDatabase } from "../testing.ts";

const db = setUpTestDatabase();

let approver: Awaited<ReturnType<typeof createActor>>;
let admin: Awaited<ReturnType<typeof createActor>>;
let engineer: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  approver = await createActor(db(), "APPROVER");
  admin = await createActor(db(), "ADMIN");
  engineer = await createActor(db(), "ENGINEER");
});

/** Production v1 (accuracy 0.80) and a staging v2 of the given accuracy. */
const modelWithCandidate = (accuracy = 0.9) =>
  createModel(db(), [
    { stage: "PRODUCTION", accuracy: 0.8 },
    { stage: "STAGING", accuracy },
  ]);

async function pendingRequestOf(modelId: string) {
  return db().prisma.promotionRequest.findFirstOrThrow({
    where: { status: "PENDING", version: { modelId, version: 2 } },
    include: { approvals: true, version: { select: { stage: true } } },
  });
}

describe("self-approval", () => {
  it("is refused through MLflow's transition-stage and a second token of the requester", async () => {
    const model = await modelWithCandidate();
    const toProduction = { name: model.name, version: "2", stage: "Production" };
    const first = await createMlflowClient(approver.token).post("model-versions/transition-stage", {
      ...toProduction,
      archive_existing_versions: true,
    });
    expect(first.status).toBe(403);
    expect(first.json.error_code).toBe("PERMISSION_DENIED");
    const request = await pendingRequestOf(model.id);
    expect(request.requestedById).toBe(approver.id);

    // Asking again through MLflow with another token of the same user approves nothing.
    const second = await createTestToken(db(), approver.id);
    const again = await createMlflowClient(second.token).post("model-versions/transition-stage", {
      ...toProduction,
      archive_existing_versions: true,
    });
    expect(again.status).toBe(403);
    // Nor does deciding through the native API with that second token.
    const decided = await api.decide(second.token, request.id, "approve");
    expect(decided.status).toBe(403);
    expect(decided.json.error.details.reason).toBe("SELF_APPROVAL");

    const after = await pendingRequestOf(model.id);
    expect(after.id).toBe(request.id);
    expect(after.approvals).toEqual([]);
    expect(after.version.stage).toBe("STAGING");
  });

  it("is refused to an admin too; an admin's override is recorded with its justification", async () => {
    const model = await modelWithCandidate(0.5);
    const created = await api.requestPromotion(admin.token, model.name, 2, {
      targetStage: "PRODUCTION",
      reason: "hotfix",
    });
    expect(created.status).toBe(201);
    const own = await api.decide(admin.token, created.json.id, "approve");
    expect(own.status).toBe(403);
    expect(own.json.error.details.reason).toBe("SELF_APPROVAL");

    const blank = await api.override(admin.token, created.json.id, "evaluation", "  ");
    expect(blank.status).toBe(400);
    expect(blank.json.error.message).toContain("justification");
    const refused = await api.override(engineer.token, created.json.id, "evaluation", "please");
    expect(refused.status).toBe(403);

    const justification = "Known label shift on the holdout; see INC-42";
    const overridden = await api.override(
      admin.token,
      created.json.id,
      "evaluation",
      justification,
    );
    expect(overridden.status).toBe(200);
    // The override does not stand in for the two approvals the policy needs.
    expect(overridden.json.status).toBe("PENDING");
    const row = await db().prisma.gateOverride.findFirstOrThrow({
      where: { requestId: created.json.id },
    });
    expect(row).toMatchObject({ gate: "evaluation", adminId: admin.id, justification });
    const audit = await db().prisma.auditEvent.findFirstOrThrow({
      where: { targetId: created.json.id, action: "promotion.gate_overridden" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.details).toMatchObject({ gate: "evaluation", justification });
  });
});
