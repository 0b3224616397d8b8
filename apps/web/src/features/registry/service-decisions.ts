import "server-only";
import type { Database } from "@pedigree/db";
import {
  type ApprovalDecision,
  decidePromotionRequest,
  type Gate,
  hasEnoughApprovals,
  resolvePolicy,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { enqueueWebhookEvent } from "../webhooks/outbox.ts";
import { executeRequest } from "./execute.ts";
import { readGateResults } from "./facts.ts";
import { writeAudit } from "./persistence.ts";
import { throwRegistryError } from "./registry-errors.ts";
import { type Actor, findRequestModelId } from "./service.ts";
import { readRefusal, runLocked } from "./transaction.ts";
import type { PromotionRequestView } from "./types.ts";

const decisionInclude = {
  approvals: { select: { approverId: true, decision: true } },
  version: { select: { version: true, model: { select: { name: true, policy: true } } } },
} as const;

/**
 * An approver approves or rejects. A rejection closes the request; the last approval needed
 * carries it out in the same transaction (a blocking gate keeps it pending, with the approval).
 */
export async function decideOnRequest(
  db: Database,
  actor: Actor,
  requestId: string,
  input: { decision: ApprovalDecision; comment: string },
): Promise<PromotionRequestView> {
  const modelId = await findRequestModelId(db, requestId);
  return runLocked(db, modelId, async (tx) => {
    const now = new Date();
    const request = await tx.promotionRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: decisionInclude,
    });
    const policy = resolvePolicy(request.version.model.policy);
    const decided = decidePromotionRequest(request, actor, input.decision, input.comment, policy);
    if (!decided.ok) throwRegistryError(decided.error);
    await tx.approval.create({
      data: {
        requestId,
        approverId: actor.id,
        decision: input.decision,
        comment: input.comment,
        createdAt: now,
      },
    });
    const action = input.decision === "APPROVE" ? "promotion.approved" : "promotion.rejected";
    const details = {
      model: request.version.model.name,
      version: request.version.version,
      comment: input.comment,
      approvals: decided.value.approvals,
      requiredApprovals: request.requiredApprovals,
    };
    const audit = {
      actorId: actor.id,
      targetType: "PromotionRequest",
      targetId: requestId,
    } as const;
    await writeAudit(tx, { ...audit, action, details, at: now });
    await enqueueWebhookEvent(tx, action, { requestId, approverId: actor.id, ...details });
    if (decided.value.status === "REJECTED") {
      await tx.promotionRequest.update({
        where: { id: requestId },
        data: { status: "REJECTED", closedAt: now },
      });
      return { requestId, refusal: null };
    }
    if (decided.value.approvals < request.requiredApprovals) return { requestId, refusal: null };
    return { requestId, refusal: readRefusal(await executeRequest(tx, requestId, actor.id, now)) };
  });
}

/**
 * An admin overrides a failed gate with a written justification; a request that has its
 * approvals is then carried out.
 */
export async function overrideGate(
  db: Database,
  actor: Actor,
  requestId: string,
  input: { gate: Gate; justification: string },
): Promise<PromotionRequestView> {
  const modelId = await findRequestModelId(db, requestId);
  return runLocked(db, modelId, async (tx) => {
    const now = new Date();
    const request = await tx.promotionRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { approvals: { select: { approverId: true, decision: true } } },
    });
    if (request.status !== "PENDING") {
      throwRegistryError({
        code: "REQUEST_CLOSED",
        message: `The request is ${request.status.toLowerCase()}`,
      });
    }
    const recorded = readGateResults(request.gateResults).find((r) => r.gate === input.gate);
    if (recorded?.outcome !== "failed") {
      throw new AppError("INVALID_INPUT", `The ${input.gate} gate has not failed on this request`);
    }
    await tx.gateOverride.create({
      data: {
        requestId,
        gate: input.gate,
        adminId: actor.id,
        justification: input.justification,
        createdAt: now,
      },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "promotion.gate_overridden",
      targetType: "PromotionRequest",
      targetId: requestId,
      details: { gate: input.gate, justification: input.justification, result: recorded },
      at: now,
    });
    if (!hasEnoughApprovals(request)) return { requestId, refusal: null };
    return { requestId, refusal: readRefusal(await executeRequest(tx, requestId, actor.id, now)) };
  });
}
