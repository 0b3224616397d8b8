import "server-only";
import type { Prisma } from "@pedigree/db";
import { findRollbackTarget, resolvePolicy } from "@pedigree/domain";
import { logger } from "../../server/logger.ts";
import { openRequest } from "../registry/open-request.ts";
import { lockModel } from "../registry/persistence.ts";

type Tx = Prisma.TransactionClient;

interface RollbackInput {
  model: { id: string; name: string; policy: Prisma.JsonValue };
  productionId: string;
  requestedById: string;
  reason: string;
  now: Date;
}

/** The archived former production version a rollback would restore, if there is one. */
export async function findRollbackVersion(tx: Tx, modelId: string, productionId: string) {
  const [transitions, versions] = await Promise.all([
    tx.stageTransition.findMany({
      where: { modelId },
      orderBy: [{ createdAt: "asc" }],
      select: { versionId: true, fromStage: true, toStage: true, createdAt: true },
    }),
    tx.modelVersion.findMany({
      where: { modelId },
      select: { id: true, stage: true, version: true },
    }),
  ]);
  const byId = new Map(versions.map((version) => [version.id, version]));
  const targetId = findRollbackTarget(
    transitions.map((row) => ({ ...row, at: row.createdAt })),
    productionId,
    (id) => byId.get(id)?.stage,
  );
  return targetId ? (byId.get(targetId) ?? null) : null;
}

/**
 * Opens a rollback request through the registry (its policy, gates and approvals, as if an
 * engineer asked), inside a savepoint: a refusal undoes only the request, never the caller's
 * window. Answers the request's id, or null when the registry refused.
 */
export async function openRollbackRequest(tx: Tx, input: RollbackInput): Promise<string | null> {
  await tx.$executeRawUnsafe("SAVEPOINT pedigree_monitor_rollback");
  try {
    await lockModel(tx, input.model.id);
    const target = await findRollbackVersion(tx, input.model.id, input.productionId);
    if (!target) throw new Error("no former production version to restore");
    const work = await openRequest(tx, {
      modelId: input.model.id,
      modelName: input.model.name,
      versionId: target.id,
      versionNumber: target.version,
      kind: "ROLLBACK",
      fromStage: target.stage,
      toStage: "PRODUCTION",
      reason: input.reason,
      requestedById: input.requestedById,
      policy: resolvePolicy(input.model.policy),
      now: input.now,
    });
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT pedigree_monitor_rollback");
    return work.requestId;
  } catch (error) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT pedigree_monitor_rollback");
    logger.warn("monitor rule could not open a rollback request; retraining instead", { error });
    return null;
  }
}
