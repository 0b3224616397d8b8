import "server-only";
import type { Database, Prisma } from "@pedigree/db";
import {
  findProductionAt,
  findRollbackTarget,
  resolvePolicy,
  type StageTransitionRecord,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { openRequest } from "./open-request.ts";
import { findProductionId } from "./persistence.ts";
import { throwRegistryError } from "./registry-errors.ts";
import { userColumns } from "./request-view.ts";
import type { Actor } from "./service.ts";
import { runLocked } from "./transaction.ts";
import type { ModelHistoryView, PromotionRequestView } from "./types.ts";

async function findModel(db: Database, name: string) {
  const model = await db.prisma.registeredModel.findUnique({
    where: { name },
    select: { id: true, name: true, policy: true },
  });
  if (!model) throw new AppError("NOT_FOUND", `No registered model named ${name}`);
  return model;
}

async function loadTransitionRecords(
  tx: Prisma.TransactionClient,
  modelId: string,
): Promise<StageTransitionRecord[]> {
  const rows = await tx.stageTransition.findMany({
    where: { modelId },
    orderBy: [{ createdAt: "asc" }],
    select: { versionId: true, fromStage: true, toStage: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, at: row.createdAt }));
}

/**
 * An engineer asks to put the previous production version back; recorded like any promotion,
 * with the policy's ROLLBACK approvals (carried out at once when that is 0 and no gate blocks).
 */
export async function requestRollback(
  db: Database,
  actor: Actor,
  modelName: string,
  reason: string,
): Promise<PromotionRequestView> {
  const model = await findModel(db, modelName);
  return runLocked(db, model.id, async (tx) => {
    const productionId = await findProductionId(tx, model.id);
    const versions = await tx.modelVersion.findMany({
      where: { modelId: model.id },
      select: { id: true, stage: true, version: true },
    });
    const byId = new Map(versions.map((version) => [version.id, version]));
    const targetId = productionId
      ? findRollbackTarget(
          await loadTransitionRecords(tx, model.id),
          productionId,
          (id) => byId.get(id)?.stage,
        )
      : null;
    const target = targetId ? byId.get(targetId) : undefined;
    if (!target) {
      return throwRegistryError({
        code: "NO_ROLLBACK_TARGET",
        message: `Model ${model.name} has no archived former production version to restore`,
      });
    }
    return openRequest(tx, {
      modelId: model.id,
      modelName: model.name,
      versionId: target.id,
      versionNumber: target.version,
      kind: "ROLLBACK",
      fromStage: target.stage,
      toStage: "PRODUCTION",
      reason,
      requestedById: actor.id,
      policy: resolvePolicy(model.policy),
      now: new Date(),
    });
  });
}

/** Every transition of the model, oldest first, and the version in production at `at` (or now). */
export async function getModelHistory(
  db: Database,
  modelName: string,
  at: Date | null,
): Promise<ModelHistoryView> {
  const model = await findModel(db, modelName);
  const rows = await db.prisma.stageTransition.findMany({
    where: { modelId: model.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      version: { select: { version: true } },
      actor: { select: userColumns },
      request: { select: { kind: true } },
    },
  });
  const versionOf = new Map(rows.map((row) => [row.versionId, row.version.version]));
  let productionVersion: number | null;
  if (at) {
    const records = rows.map((row) => ({ ...row, at: row.createdAt }));
    const productionId = findProductionAt(records, at);
    productionVersion = productionId ? (versionOf.get(productionId) ?? null) : null;
  } else {
    const production = await db.prisma.modelVersion.findFirst({
      where: { modelId: model.id, stage: "PRODUCTION" },
      select: { version: true },
    });
    productionVersion = production?.version ?? null;
  }
  return {
    at: at?.toISOString() ?? null,
    productionVersion,
    transitions: rows.map((row) => ({
      version: row.version.version,
      fromStage: row.fromStage,
      toStage: row.toStage,
      actor: row.actor,
      reason: row.reason,
      requestId: row.requestId,
      kind: row.request?.kind ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
