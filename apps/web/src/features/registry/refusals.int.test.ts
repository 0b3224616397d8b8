import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRequest } from "../../app/api/v1/promotion-requests/[id]/route.ts";
import { routeContext, setUpTestDatabase } from "../../server/testing.ts";
import { createActor, createModel } from "./test-fixtures.ts";
import { api } from "./test-routes.ts";

const db = setUpTestDatabase();

let engineer: Awaited<ReturnType<typeof createActor>>;
let approver: Awaited<ReturnType<typeof createActor>>;

beforeAll(async () => {
  engineer = await createActor(db(), "ENGINEER");
  approver = await createActor(db(), "APPROVER");
});

describe("promotion requests: input, lookups and transitions", () => {
  it("moves a version to Staging at once when the policy needs no approval", async () => {
    const model = await createModel(db(), [{ stage: "NONE", accuracy: 0.7 }]);
    const answer = await api.requestPromotion(engineer.token, model.name, 1, {
      targetStage: "STAGING",
      reason: "evaluate it",
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ status: "EXECUTED", requiredApprovals: 0 });
    const version = await db().prisma.modelVersion.findUniqueOrThrow({
      where: { id: model.versions[0]?.id ?? "" },
    });
    expect(version.stage).toBe("STAGING");

    const response = await getRequest(
      new Request(`http://localhost/api/v1/promotion-requests/${answer.json.id}`, {
        headers: { authorization: `Bearer ${approver.token}` },
      }),
      routeContext({ id: answer.json.id }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).id).toBe(answer.json.id);
  });

  it("answers 400, 404 and 409 with the reason", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.9 },
    ]);
    const noReason = await api.requestPromotion(engineer.token, model.name, 2, {
      targetStage: "PRODUCTION",
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.code).toBe("INVALID_INPUT");
    const missing = await api.requestPromotion(engineer.token, model.name, 9, {
      targetStage: "PRODUCTION",
      reason: "x",
    });
    expect(missing.status).toBe(404);
    const again = await api.requestPromotion(engineer.token, model.name, 1, {
      targetStage: "PRODUCTION",
      reason: "x",
    });
    expect(again.status).toBe(409);
    expect(again.json.error.details.reason).toBe("INVALID_TRANSITION");

    const created = await api.requestPromotion(engineer.token, model.name, 2, {
      targetStage: "PRODUCTION",
      reason: "better",
    });
    const blank = await api.decide(approver.token, created.json.id, "approve", "  ");
    expect(blank.status).toBe(400);
    expect(blank.json.error.details.reason).toBe("COMMENT_REQUIRED");
    expect((await api.decide(approver.token, "no-such-request", "approve")).status).toBe(404);
    const notFailed = await api.override(
      (await createActor(db(), "ADMIN")).token,
      created.json.id,
      "lineage",
      "no need",
    );
    expect(notFailed.status).toBe(400);
  });
});
