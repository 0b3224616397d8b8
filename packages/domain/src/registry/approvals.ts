import { err, ok, type Result } from "../result.ts";
import { hasRole, type Role } from "../roles.ts";
import type { PromotionPolicy } from "./policy.ts";
import { type RegistryError, registryError } from "./registry-error.ts";

export type ApprovalDecision = "APPROVE" | "REJECT";
export type PromotionRequestStatus = "PENDING" | "REJECTED" | "EXECUTED" | "STALE" | "CANCELLED";

export interface Approval {
  approverId: string;
  decision: ApprovalDecision;
}

export interface PromotionRequestState {
  status: PromotionRequestStatus;
  requestedById: string;
  requiredApprovals: number;
  approvals: readonly Approval[];
}

/** Approvals that count: one per approver, never the requester's. */
export function countApprovals(request: PromotionRequestState): number {
  const approvers = new Set(
    request.approvals
      .filter((a) => a.decision === "APPROVE" && a.approverId !== request.requestedById)
      .map((a) => a.approverId),
  );
  return approvers.size;
}

export function hasEnoughApprovals(request: PromotionRequestState): boolean {
  return countApprovals(request) >= request.requiredApprovals;
}

/**
 * Checks one approver's decision on a pending request. The requester may never decide their own
 * request, whichever credential they use; one approver counts once; a rejection ends the request.
 */
export function decidePromotionRequest(
  request: PromotionRequestState,
  actor: { id: string; role: Role },
  decision: ApprovalDecision,
  comment: string,
  policy: PromotionPolicy,
): Result<{ status: "PENDING" | "REJECTED"; approvals: number }, RegistryError> {
  if (request.status !== "PENDING") {
    return err(registryError("REQUEST_CLOSED", `The request is ${request.status.toLowerCase()}`));
  }
  if (actor.id === request.requestedById) {
    return err(
      registryError("SELF_APPROVAL", "The requester cannot approve or reject their own request"),
    );
  }
  if (!hasRole(actor.role, policy.approverRole)) {
    return err(
      registryError(
        "NOT_APPROVER",
        `Only the ${policy.approverRole.toLowerCase()} role or above may decide`,
      ),
    );
  }
  if (request.approvals.some((a) => a.approverId === actor.id)) {
    return err(registryError("ALREADY_DECIDED", "You have already decided on this request"));
  }
  if (!comment.trim()) {
    return err(registryError("COMMENT_REQUIRED", "A decision needs a comment"));
  }
  const next = {
    ...request,
    approvals: [...request.approvals, { approverId: actor.id, decision }],
  };
  return ok({
    status: decision === "REJECT" ? "REJECTED" : "PENDING",
    approvals: countApprovals(next),
  });
}
