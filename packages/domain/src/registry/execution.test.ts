import { describe, expect, it } from "vitest";
import { type ExecutionInput, planExecution } from "./execution.ts";
import type { GateResult } from "./gates.ts";

const approved = [
  { approverId: "a1", decision: "APPROVE" as const },
  { approverId: "a2", decision: "APPROVE" as const },
];
const base: ExecutionInput = {
  request: {
    status: "PENDING",
    kind: "PROMOTION",
    requestedById: "eng",
    requiredApprovals: 2,
    approvals: approved,
    fromStage: "STAGING",
    toStage: "PRODUCTION",
    baseProductionId: "v1",
  },
  candidate: { id: "v2", stage: "STAGING" },
  currentProductionId: "v1",
  gateResults: [],
  overriddenGates: [],
};
const failedEvaluation: GateResult = {
  gate: "evaluation",
  outcome: "failed",
  summary: "",
  details: {},
};
const code = (input: ExecutionInput) => {
  const result = planExecution(input);
  return result.ok ? "ok" : result.error.code;
};

describe("executing a promotion request", () => {
  it("archives the old production version and promotes the candidate in one plan", () => {
    expect(planExecution(base)).toEqual({
      ok: true,
      value: [
        { versionId: "v1", fromStage: "PRODUCTION", toStage: "ARCHIVED" },
        { versionId: "v2", fromStage: "STAGING", toStage: "PRODUCTION" },
      ],
    });
  });

  it("promotes without archiving when there is no production version", () => {
    const first = {
      ...base,
      currentProductionId: null,
      request: { ...base.request, baseProductionId: null },
    };
    expect(planExecution(first)).toEqual({
      ok: true,
      value: [{ versionId: "v2", fromStage: "STAGING", toStage: "PRODUCTION" }],
    });
  });

  it("needs the approvals, passing or overridden gates, and an unchanged world", () => {
    expect(code({ ...base, request: { ...base.request, approvals: approved.slice(0, 1) } })).toBe(
      "APPROVAL_MISSING",
    );
    expect(code({ ...base, gateResults: [failedEvaluation] })).toBe("GATE_FAILED");
    expect(
      code({ ...base, gateResults: [failedEvaluation], overriddenGates: ["evaluation"] }),
    ).toBe("ok");
    expect(code({ ...base, currentProductionId: "v9" })).toBe("STALE_REQUEST");
    expect(code({ ...base, candidate: { id: "v2", stage: "ARCHIVED" } })).toBe("STALE_REQUEST");
    expect(code({ ...base, request: { ...base.request, status: "EXECUTED" } })).toBe(
      "REQUEST_CLOSED",
    );
  });

  it("refuses a transition the table does not allow", () => {
    const input = {
      ...base,
      request: { ...base.request, fromStage: "PRODUCTION" as const, toStage: "STAGING" as const },
      candidate: { id: "v2", stage: "PRODUCTION" as const },
    };
    expect(code(input)).toBe("INVALID_TRANSITION");
  });
});
