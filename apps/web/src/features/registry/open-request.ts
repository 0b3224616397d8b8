import "server-only";
import type { Prisma, Stage } from "@pedigree/db";
import { findBlockingGates, type PromotionPolicy, type TargetStage } from "@pedigree/domain";
import { enqueueWebhookEvent } from "../webhooks/outbox.ts";
import { executeRequest } from "./execute.ts";
import { evaluateVersionGates } from "./facts.ts";
import { findProductionId, toJson, writeAudit } from "./persistence.ts";
import { type RequestWork, readRefusal } from "./transaction.ts";

interface OpenRequestInput {
  modelId: string;
  modelName: string;
  versionId: string;
  versionNumber: number;
  kind: "PROMOTION" | "ROLLBACK";
  fromStage: Stage;
  toStage: TargetStage;
  reason: string;
  requestedById: string;
  policy: PromotionPolicy;
  now: Date;
}

/**
 * Records a request with its gate results, against the production version of now; carries it
 * out at once when the policy needs no approval and no gate blocks. Needs the model's lock.
 */
export async function openRequest(
  tx: Prisma.TransactionClient,
  input: OpenRequestInput,
): Promise<RequestWork> {
  const { policy, now, kind } = input;
  const productionId = await findProductionId(tx, input.modelId);
  const requiredApprovals =
    policy.requiredApprovals[kind === "ROLLBACK" ? "ROLLBACK" : input.toStage];
  const gateResults = await evaluateVersionGates(tx, {
    versionId: input.versionId,
    target: input.toStage,
    policy,
    productionId,
    kind,
  });
  const request = await tx.promotionRequest.create({
    data: {
      versionId: input.versionId,
      kind,
      fromStage: input.fromStage,
      toStage: input.toStage,
      reason: input.reason,
      requestedById: input.requestedById,
      requiredApprovals,
      baseProductionId: productionId,
      gateResults: toJson(gateResults),
      createdAt: now,
    },
    select: { id: true },
  });
  const audit = {
    actorId: input.requestedById,
    targetType: "PromotionRequest",
    targetId: request.id,
    at: now,
  } as const;
  const summary = {
    model: input.modelName,
    version: input.versionNumber,
    kind,
    fromStage: input.fromStage,
    toStage: input.toStage,
    reason: input.reason,
    requiredApprovals,
  };
  const action = kind === "ROLLBACK" ? "rollback.requested" : "promotion.requested";
  await writeAudit(tx, { ...audit, action, details: summary });
  await writeAudit(tx, { ...audit, action: "promotion.gates_evaluated", details: { gateResults } });
  await enqueueWebhookEvent(tx, "promotion.requested", { requestId: request.id, ...summary });
  if (requiredApprovals > 0 || findBlockingGates(gateResults, []).length > 0) {
    return { requestId: request.id, refusal: null };
  }
  const outcome = await executeRequest(tx, request.id, input.requestedById, now);
  return { requestId: request.id, refusal: readRefusal(outcome) };
}
