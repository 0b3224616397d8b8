import { describe, expect, it } from "vitest";
import { countApprovals, decidePromotionRequest, type PromotionRequestState } from "./approvals.ts";
import { DEFAULT_POLICY } from "./policy.ts";

const pending: PromotionRequestState = {
  status: "PENDING",
  requestedById: "eng",
  requiredApprovals: 2,
  approvals: [],
};
const approver = (id: string) => ({ id, role: "APPROVER" as const });

describe("decisions on a promotion request", () => {
  it("counts N distinct approvers, never the same one twice nor the requester", () => {
    const request = {
      ...pending,
      approvals: [
        { approverId: "a1", decision: "APPROVE" as const },
        { approverId: "a1", decision: "APPROVE" as const },
        { approverId: "eng", decision: "APPROVE" as const },
      ],
    };
    expect(countApprovals(request)).toBe(1);
  });

  it("refuses self-approval, low roles, a second decision, a closed request and an empty comment", () => {
    const decide = (
      request: PromotionRequestState,
      actor: { id: string; role: "ENGINEER" | "APPROVER" | "ADMIN" },
      comment = "ok",
    ) => decidePromotionRequest(request, actor, "APPROVE", comment, DEFAULT_POLICY);
    const code = (r: ReturnType<typeof decide>) => (r.ok ? "ok" : r.error.code);
    expect(code(decide(pending, { id: "eng", role: "ADMIN" }))).toBe("SELF_APPROVAL");
    expect(code(decide(pending, { id: "x", role: "ENGINEER" }))).toBe("NOT_APPROVER");
    const decided = { ...pending, approvals: [{ approverId: "a1", decision: "APPROVE" as const }] };
    expect(code(decide(decided, approver("a1")))).toBe("ALREADY_DECIDED");
    expect(code(decide({ ...pending, status: "REJECTED" }, approver("a1")))).toBe("REQUEST_CLOSED");
    expect(code(decide(pending, approver("a1"), "  "))).toBe("COMMENT_REQUIRED");
  });

  it("keeps a request pending until approved, and a rejection ends it", () => {
    const first = decidePromotionRequest(
      pending,
      approver("a1"),
      "APPROVE",
      "looks good",
      DEFAULT_POLICY,
    );
    expect(first).toEqual({ ok: true, value: { status: "PENDING", approvals: 1 } });
    const rejected = decidePromotionRequest(
      pending,
      approver("a2"),
      "REJECT",
      "drift too high",
      DEFAULT_POLICY,
    );
    expect(rejected).toEqual({ ok: true, value: { status: "REJECTED", approvals: 0 } });
  });
});
