import "server-only";
import type { Prisma } from "@pedigree/db";
import {
  GATES,
  type Gate,
  planExecution,
  type RegistryError,
  resolvePolicy,
  type StageChange,
} from "@pedigree/domain";
import { enqueueWebhookEvent } from "../webhooks/outbox.ts";
import { evaluateVersionGates } from "./facts.ts";
import { findProductionId, toJson, writeAudit } from "./persistence.ts";

type Tx = Prisma.TransactionClient;

export type ExecutionOutcome =
  | { kind: "executed" }
  /** A gate fails that no override covers: the request stays pending with the new results. */
  | { kind: "blocked" }
  | { kind: "waiting" }
  /** STALE_REQUEST has been recorded (status STALE); other refusals change nothing. */
  | { kind: "refused"; error: RegistryError };

const isGate = (gate: string): gate is Gate => GATES.some((known) => known === gate);

/**
 * Tries to carry out a pending request: gates evaluated again, the domain's plan, and its stage
 * changes applied in order (the old production version archived before the new one arrives).
 * The caller holds the model's row lock (lockModel) and the transaction.
 */
export async function executeRequest(
  tx: Tx,
  requestId: string,
  actorId: string,
  now: Date,
): Promise<ExecutionOutcome> {
  const request = await tx.promotionRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: {
      approvals: { select: { approverId: true, decision: true } },
      gateOverrides: { select: { gate: true } },
      version: { select: { id: true, stage: true, modelId: true, model: true } },
    },
  });
  const { version } = request;
  const toStage = request.toStage;
  if (toStage !== "STAGING" && toStage !== "PRODUCTION") {
    return {
      kind: "refused",
      error: { code: "INVALID_TRANSITION", message: `Requests cannot target ${toStage}` },
    };
  }
  const policy = resolvePolicy(version.model.policy);
  const productionId = await findProductionId(tx, version.modelId);
  const gateResults = await evaluateVersionGates(tx, {
    versionId: version.id,
    target: toStage,
    policy,
    productionId,
    kind: request.kind,
  });
  const plan = planExecution({
    request: { ...request, toStage },
    candidate: { id: version.id, stage: version.stage },
    currentProductionId: productionId,
    gateResults,
    overriddenGates: request.gateOverrides.map((o) => o.gate).filter(isGate),
  });
  const audit = { actorId, targetType: "PromotionRequest", targetId: requestId, at: now } as const;
  if (!plan.ok) {
    const { error } = plan;
    if (error.code === "APPROVAL_MISSING") return { kind: "waiting" };
    if (error.code === "GATE_FAILED") {
      await tx.promotionRequest.update({
        where: { id: requestId },
        data: { gateResults: toJson(gateResults) },
      });
      await writeAudit(tx, {
        ...audit,
        action: "promotion.gates_evaluated",
        details: { gateResults },
      });
      return { kind: "blocked" };
    }
    if (error.code === "STALE_REQUEST") {
      await tx.promotionRequest.update({
        where: { id: requestId },
        data: { status: "STALE", closedAt: now },
      });
      await writeAudit(tx, { ...audit, action: "promotion.stale", details: { productionId } });
    }
    return { kind: "refused", error };
  }
  await applyStageChanges(tx, plan.value, {
    modelId: version.modelId,
    requestId,
    reason: request.reason,
    kind: request.kind,
    actorId,
    now,
  });
  await tx.promotionRequest.update({
    where: { id: requestId },
    data: { status: "EXECUTED", closedAt: now, gateResults: toJson(gateResults) },
  });
  const isRollback = request.kind === "ROLLBACK";
  const details = { model: version.model.name, changes: plan.value, gateResults };
  await writeAudit(tx, {
    ...audit,
    action: isRollback ? "rollback.executed" : "promotion.executed",
    details,
  });
  if (isRollback) {
    await enqueueWebhookEvent(tx, "rollback.executed", {
      requestId,
      model: version.model.name,
      changes: plan.value,
    });
  }
  return { kind: "executed" };
}

/** Stage, stage time, transition row, audit event and webhook delivery per change, in order. */
async function applyStageChanges(
  tx: Tx,
  changes: readonly StageChange[],
  context: {
    modelId: string;
    requestId: string;
    reason: string;
    kind: "PROMOTION" | "ROLLBACK";
    actorId: string;
    now: Date;
  },
): Promise<void> {
  const { modelId, requestId, actorId, now } = context;
  for (const change of changes) {
    const version = await tx.modelVersion.update({
      where: { id: change.versionId },
      data: { stage: change.toStage, stageChangedAt: now },
      select: { version: true, model: { select: { name: true } } },
    });
    await tx.stageTransition.create({
      data: {
        modelId,
        versionId: change.versionId,
        fromStage: change.fromStage,
        toStage: change.toStage,
        requestId,
        actorId,
        reason: context.reason,
        createdAt: now,
      },
    });
    const payload = {
      model: version.model.name,
      version: version.version,
      fromStage: change.fromStage,
      toStage: change.toStage,
      requestId,
      kind: context.kind,
      actorId,
    };
    await writeAudit(tx, {
      actorId,
      action: "model_version.transitioned",
      targetType: "ModelVersion",
      targetId: change.versionId,
      details: payload,
      at: now,
    });
    await enqueueWebhookEvent(tx, "model_version.transitioned", payload);
  }
}
