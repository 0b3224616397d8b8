import { resolvePolicy } from "@pedigree/domain";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { loadCandidateFacts, loadProductionFacts } from "./facts.ts";
import { createModel, PAST, POLICY } from "./test-fixtures.ts";

const db = setUpTestDatabase();
const policy = resolvePolicy(POLICY);
const hour = (n: number) => new Date(PAST.getTime() + n * 3_600_000);

describe("candidate facts for the gates", () => {
  it("reads run, commit, training data, checks, metric and the latest usable drift report", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.9, isQualityOk: false },
    ]);
    const candidateId = model.versions[1]?.id ?? "";
    const empty = await loadCandidateFacts(db().prisma, candidateId, policy);
    expect(empty).toMatchObject({
      metricValue: 0.9,
      drift: null,
      qualityChecks: [
        { name: "no_nulls", passed: true },
        { name: "label_balance", passed: false },
      ],
    });
    expect(empty.runId).not.toBeNull();
    expect(empty.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(empty.trainingDatasetVersionIds).toHaveLength(1);

    const deployment = await db().prisma.deployment.create({
      data: { versionId: candidateId, service: "scorer", environment: "staging", startedAt: PAST },
    });
    const report = (at: number, severity: "NONE" | "SIGNIFICANT", isTooFewRows: boolean) =>
      db().prisma.driftReport.create({
        data: {
          deploymentId: deployment.id,
          baselineDatasetVersionId: empty.trainingDatasetVersionIds[0] ?? "",
          windowStart: hour(at),
          windowEnd: hour(at + 1),
          features: [
            { feature: "amount", psi: 0.31, severity: "SIGNIFICANT" },
            { feature: "country", psi: 0.05, severity: "NONE" },
          ],
          driftedShare: 0.5,
          severity,
          isTooFewRows,
        },
      });
    await report(1, "SIGNIFICANT", false);
    await report(2, "NONE", true);
    const facts = await loadCandidateFacts(db().prisma, candidateId, policy);
    expect(facts.drift).toEqual({ severity: "SIGNIFICANT", maxPsi: 0.31, feature: "amount" });

    const production = await loadProductionFacts(
      db().prisma,
      model.versions[0]?.id ?? null,
      policy,
    );
    expect(production).toEqual({ version: 1, metricValue: 0.8 });
    expect(await loadProductionFacts(db().prisma, null, policy)).toBeNull();
  });
});
