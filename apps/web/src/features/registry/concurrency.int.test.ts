import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { createActor, createModel, POLICY } from "./test-fixtures.ts";
import { api } from "./test-routes.ts";

const db = setUpTestDatabase();
const CANDIDATES = 20;

describe("concurrent promotions of one model", () => {
  it.skipIf(process.env.PEDIGREE_TEST_DATABASE !== "postgres")(
    "end with exactly one production version and a 409 for every other (PostgreSQL only: PGlite has one connection, so nothing runs concurrently there)",
    async () => {
      const policy = { ...POLICY, requiredApprovals: { STAGING: 0, PRODUCTION: 1, ROLLBACK: 1 } };
      const specs = [
        { stage: "PRODUCTION" as const, accuracy: 0.5 },
        ...Array.from({ length: CANDIDATES }, (_, i) => ({
          stage: "STAGING" as const,
          accuracy: 0.6 + i / 100,
        })),
      ];
      const model = await createModel(db(), specs, policy);
      const engineer = await createActor(db(), "ENGINEER");
      const approver = await createActor(db(), "APPROVER");
      const ids: string[] = [];
      for (let version = 2; version <= CANDIDATES + 1; version += 1) {
        const created = await api.requestPromotion(engineer.token, model.name, version, {
          targetStage: "PRODUCTION",
          reason: `candidate ${version}`,
        });
        expect(created.json.status).toBe("PENDING");
        ids.push(created.json.id);
      }

      // Each approval is the last one its request needs: 20 executions race for the model.
      const answers = await Promise.all(ids.map((id) => api.decide(approver.token, id, "approve")));
      const winners = answers.filter((a) => a.status === 200);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.json.status).toBe("EXECUTED");
      for (const loser of answers.filter((a) => a.status !== 200)) {
        expect(loser.status).toBe(409);
        expect(["STALE_REQUEST", undefined]).toContain(loser.json.error.details?.reason);
      }

      const production = await db().prisma.modelVersion.findMany({
        where: { modelId: model.id, stage: "PRODUCTION" },
      });
      expect(production).toHaveLength(1);
      expect(production[0]?.version).toBe(winners[0]?.json.version);
      const transitions = await db().prisma.stageTransition.count({
        where: { requestId: { in: ids }, toStage: "PRODUCTION" },
      });
      expect(transitions).toBe(1);
      const candidateIds = model.versions.slice(1).map((v) => v.id);
      const audited = await db().prisma.auditEvent.findMany({
        where: { action: "model_version.transitioned", targetId: { in: candidateIds } },
      });
      expect(audited).toHaveLength(1);
      expect(
        await db().prisma.auditEvent.count({
          where: { action: "promotion.executed", targetId: { in: ids } },
        }),
      ).toBe(1);
    },
  );
});
