import { describe, expect, it } from "vitest";
import { formatBasicAuthorization } from "../../../../server/auth/authorization-header.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
  TEST_PASSWORD,
} from "../../../../server/testing.ts";
import { GET } from "./route.ts";

const db = setUpTestDatabase();
const URL_MODELS = "http://localhost/api/v1/models";

const day = (n: number) => new Date(Date.UTC(2020, 0, n));

/** A model last updated on day 1, with version i created on day i + 1. */
async function createModel(
  name: string,
  stages: ("NONE" | "STAGING" | "PRODUCTION" | "ARCHIVED")[],
) {
  const model = await db().prisma.registeredModel.create({
    data: { name, createdAt: day(1), updatedAt: day(1) },
  });
  for (const [index, stage] of stages.entries()) {
    await db().prisma.modelVersion.create({
      data: {
        modelId: model.id,
        version: index + 1,
        source: `s3://models/${name}/${index + 1}`,
        stage,
        createdAt: day(index + 2),
        // The production version was promoted last: its stage change is the last activity.
        stageChangedAt: stage === "PRODUCTION" ? day(20) : day(index + 2),
      },
    });
  }
  return model;
}

describe("GET /api/v1/models", () => {
  it("answers 401 without credentials and with a revoked token", async () => {
    const user = await createTestUser(db());
    const revoked = await createTestToken(db(), user.id, { revokedAt: new Date() });
    expect((await GET(new Request(URL_MODELS), routeContext())).status).toBe(401);
    const response = await GET(
      new Request(URL_MODELS, { headers: bearer(revoked.token) }),
      routeContext(),
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("lists models with their versions, open requests and last activity", async () => {
    const model = await createModel("churn", ["ARCHIVED", "PRODUCTION", "STAGING", "NONE"]);
    await createModel("empty", []);
    const user = await createTestUser(db(), { role: "VIEWER" });
    const staging = await db().prisma.modelVersion.findFirstOrThrow({
      where: { modelId: model.id, version: 3 },
    });
    // One pending request counts; a rejected one does not.
    for (const status of ["PENDING", "REJECTED"] as const) {
      await db().prisma.promotionRequest.create({
        data: {
          versionId: staging.id,
          fromStage: "STAGING",
          toStage: "PRODUCTION",
          reason: "better AUC",
          status,
          requestedById: user.id,
          requiredApprovals: 2,
        },
      });
    }
    const { token } = await createTestToken(db(), user.id);

    const response = await GET(new Request(URL_MODELS, { headers: bearer(token) }), routeContext());
    expect(response.status).toBe(200);
    const { models } = await response.json();
    const churn = models.find((m: { name: string }) => m.name === "churn");
    const empty = models.find((m: { name: string }) => m.name === "empty");
    expect(churn).toEqual({
      name: "churn",
      description: "",
      productionVersion: 2,
      stagingVersion: 3,
      latestVersion: 4,
      openRequests: 1,
      updatedAt: day(20).toISOString(),
    });
    expect(empty).toEqual({
      name: "empty",
      description: "",
      productionVersion: null,
      stagingVersion: null,
      latestVersion: null,
      openRequests: 0,
      updatedAt: day(1).toISOString(),
    });
  });

  it("accepts HTTP Basic as MLflow clients send it, with a password or a token", async () => {
    const user = await createTestUser(db());
    const { token } = await createTestToken(db(), user.id);
    for (const authorization of [
      formatBasicAuthorization(user.email, TEST_PASSWORD),
      formatBasicAuthorization("anything", token),
    ]) {
      const response = await GET(
        new Request(URL_MODELS, { headers: { authorization } }),
        routeContext(),
      );
      expect(response.status).toBe(200);
    }
  });
});
