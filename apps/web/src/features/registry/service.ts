import "server-only";
import type { Database } from "@pedigree/db";
import { canTransition, type Role, resolvePolicy, type TargetStage } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { openRequest } from "./open-request.ts";
import { writeAudit } from "./persistence.ts";
import { throwRegistryError } from "./registry-errors.ts";
import { loadRequestView } from "./request-view.ts";
import { runLocked } from "./transaction.ts";
import type { PromotionRequestView } from "./types.ts";

export interface Actor {
  id: string;
  role: Role;
}

/** The model a request belongs to; NOT_FOUND when there is no such request. */
export async function findRequestModelId(db: Database, requestId: string): Promise<string> {
  const request = await db.prisma.promotionRequest.findUnique({
    where: { id: requestId },
    select: { version: { select: { modelId: true } } },
  });
  if (!request) throw new AppError("NOT_FOUND", `No promotion request with id ${requestId}`);
  return request.version.modelId;
}

export async function getPromotionRequest(
  db: Database,
  requestId: string,
): Promise<PromotionRequestView> {
  return loadRequestView(db.prisma, requestId);
}

/**
 * An engineer asks for a version to move to a stage. The gates are evaluated and recorded; with
 * no approval needed and no blocking gate it is carried out at once.
 */
export async function createPromotionRequest(
  db: Database,
  actor: Actor,
  input: { model: string; version: number; targetStage: TargetStage; reason: string },
): Promise<PromotionRequestView> {
  const found = await db.prisma.modelVersion.findFirst({
    where: { version: input.version, model: { name: input.model } },
    select: { id: true, modelId: true },
  });
  if (!found) {
    throw new AppError("NOT_FOUND", `Model ${input.model} has no version ${input.version}`);
  }
  return runLocked(db, found.modelId, async (tx) => {
    const version = await tx.modelVersion.findUniqueOrThrow({
      where: { id: found.id },
      select: { stage: true, model: { select: { name: true, policy: true } } },
    });
    if (!canTransition(version.stage, input.targetStage)) {
      throwRegistryError({
        code: "INVALID_TRANSITION",
        message: `A ${version.stage} version cannot move to ${input.targetStage}`,
      });
    }
    return openRequest(tx, {
      modelId: found.modelId,
      modelName: version.model.name,
      versionId: found.id,
      versionNumber: input.version,
      kind: "PROMOTION",
      fromStage: version.stage,
      toStage: input.targetStage,
      reason: input.reason,
      requestedById: actor.id,
      policy: resolvePolicy(version.model.policy),
      now: new Date(),
    });
  });
}

/** The requester or an admin withdraws a pending request. */
export async function cancelPromotionRequest(
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<PromotionRequestView> {
  const modelId = await findRequestModelId(db, requestId);
  return runLocked(db, modelId, async (tx) => {
    const now = new Date();
    const request = await tx.promotionRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { status: true, requestedById: true },
    });
    if (request.requestedById !== actor.id && actor.role !== "ADMIN") {
      throw new AppError("FORBIDDEN", "Only the requester or an admin may cancel a request");
    }
    if (request.status !== "PENDING") {
      throwRegistryError({
        code: "REQUEST_CLOSED",
        message: `The request is ${request.status.toLowerCase()}`,
      });
    }
    await tx.promotionRequest.update({
      where: { id: requestId },
      data: { status: "CANCELLED", closedAt: now },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "promotion.cancelled",
      targetType: "PromotionRequest",
      targetId: requestId,
      details: {},
      at: now,
    });
    return { requestId, refusal: null };
  });
}
