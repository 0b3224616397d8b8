import fc from "fast-check";
import { expect, it } from "vitest";
import { planExecution } from "./execution.ts";
import type { GateResult } from "./gates.ts";
import { findRollbackTarget, type StageTransitionRecord } from "./history.ts";
import type { Stage } from "./stage.ts";

// Random sequences of promotions (with random approvals and gate outcomes), archivings and
// rollbacks, applied the way the service applies a plan: whatever happens, a model never has two
// production versions, and once it has had one it never has none.
const VERSIONS = ["v1", "v2", "v3", "v4", "v5"];
const operation = fc.oneof(
  fc.record({
    type: fc.constant("promote" as const),
    version: fc.constantFrom(...VERSIONS),
    approvals: fc.nat(3),
    gatePassed: fc.boolean(),
  }),
  fc.record({ type: fc.constant("stage" as const), version: fc.constantFrom(...VERSIONS) }),
  fc.record({ type: fc.constant("rollback" as const), approvals: fc.nat(2) }),
);

it("keeps exactly one production version over any sequence of operations", () => {
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
      const stages = new Map<string, Stage>(VERSIONS.map((v) => [v, "NONE"]));
      const history: StageTransitionRecord[] = [];
      let clock = 0;
      const production = () =>
        [...stages].filter(([, stage]) => stage === "PRODUCTION").map(([id]) => id);
      const execute = (
        versionId: string,
        kind: "PROMOTION" | "ROLLBACK",
        approvals: number,
        gatePassed: boolean,
      ) => {
        const stage = stages.get(versionId) ?? "NONE";
        const current = production()[0] ?? null;
        const gate: GateResult = {
          gate: "evaluation",
          outcome: gatePassed ? "passed" : "failed",
          summary: "",
          details: {},
        };
        const plan = planExecution({
          request: {
            status: "PENDING",
            kind,
            requestedById: "eng",
            requiredApprovals: kind === "ROLLBACK" ? 1 : 2,
            approvals: Array.from({ length: approvals }, (_, i) => ({
              approverId: `a${i}`,
              decision: "APPROVE" as const,
            })),
            fromStage: stage,
            toStage: "PRODUCTION",
            baseProductionId: current,
          },
          candidate: { id: versionId, stage },
          currentProductionId: current,
          gateResults: [gate],
          overriddenGates: [],
        });
        if (!plan.ok) return;
        for (const change of plan.value) {
          stages.set(change.versionId, change.toStage);
          clock += 1;
          history.push({ ...change, at: new Date(clock) });
        }
      };
      let hadProduction = false;
      for (const op of operations) {
        if (op.type === "promote") execute(op.version, "PROMOTION", op.approvals, op.gatePassed);
        if (op.type === "stage" && stages.get(op.version) === "NONE")
          stages.set(op.version, "STAGING");
        if (op.type === "rollback") {
          const current = production()[0];
          const target = current
            ? findRollbackTarget(history, current, (id) => stages.get(id))
            : null;
          if (target) execute(target, "ROLLBACK", op.approvals, true);
        }
        hadProduction ||= production().length > 0;
        expect(production().length).toBe(hadProduction ? 1 : 0);
      }
    }),
    { numRuns: 500 },
  );
});
