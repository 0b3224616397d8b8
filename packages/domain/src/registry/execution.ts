import { err, ok, type Result } from "../result.ts";
import { hasEnoughApprovals, type PromotionRequestState } from "./approvals.ts";
import { findBlockingGates, type Gate, type GateResult } from "./gates.ts";
import { type RegistryError, registryError } from "./registry-error.ts";
import { canTransition, type Stage, type TargetStage } from "./stage.ts";

export interface StageChange {
  versionId: string;
  fromStage: Stage;
  toStage: Stage;
}

export interface ExecutionInput {
  request: PromotionRequestState & {
    kind: "PROMOTION" | "ROLLBACK";
    fromStage: Stage;
    toStage: TargetStage;
    /** The production version when the request was made. */
    baseProductionId: string | null;
  };
  candidate: { id: string; stage: Stage };
  currentProductionId: string | null;
  /** Gate results evaluated again at execution time, and the gates an admin overrode. */
  gateResults: readonly GateResult[];
  overriddenGates: readonly Gate[];
}

/**
 * Decides whether an approved request can be carried out now, and the stage changes that do it.
 * A promotion to Production archives the previous production version in the same plan, so the
 * caller applies both in one transaction: never two production versions, never none.
 */
export function planExecution(input: ExecutionInput): Result<StageChange[], RegistryError> {
  const { request, candidate, currentProductionId } = input;
  if (request.status !== "PENDING") {
    return err(registryError("REQUEST_CLOSED", `The request is ${request.status.toLowerCase()}`));
  }
  if (candidate.stage !== request.fromStage || currentProductionId !== request.baseProductionId) {
    return err(
      registryError(
        "STALE_REQUEST",
        "The version or the production version changed since the request was made",
      ),
    );
  }
  if (!canTransition(candidate.stage, request.toStage)) {
    return err(
      registryError(
        "INVALID_TRANSITION",
        `A ${candidate.stage} version cannot move to ${request.toStage}`,
      ),
    );
  }
  if (!hasEnoughApprovals(request)) {
    return err(
      registryError("APPROVAL_MISSING", `The request needs ${request.requiredApprovals} approvals`),
    );
  }
  const blocking = findBlockingGates(input.gateResults, input.overriddenGates);
  if (blocking.length) {
    return err(registryError("GATE_FAILED", `Failed gates: ${blocking.join(", ")}`));
  }
  const changes: StageChange[] = [];
  if (
    request.toStage === "PRODUCTION" &&
    currentProductionId &&
    currentProductionId !== candidate.id
  ) {
    changes.push({ versionId: currentProductionId, fromStage: "PRODUCTION", toStage: "ARCHIVED" });
  }
  changes.push({ versionId: candidate.id, fromStage: candidate.stage, toStage: request.toStage });
  return ok(changes);
}
