import "server-only";
import type { Prisma } from "@pedigree/db";
import { isResolvedBy } from "@pedigree/domain";

/**
 * Resolves the model's open triggers that a later promotion settled: a trigger stays OPEN until
 * a version other than the one it fired on reaches production. Done lazily (whenever the model's
 * rules are evaluated or its triggers are read) rather than by a hook in the registry's execution:
 * the answer is the same, the registry stays unaware of monitoring, and resolvedAt is the
 * promotion's own time, not the time someone looked. Answers how many it resolved.
 */
export async function resolveSettledTriggers(
  tx: Prisma.TransactionClient,
  modelId: string,
): Promise<number> {
  const production = await tx.modelVersion.findFirst({
    where: { modelId, stage: "PRODUCTION" },
    select: { id: true, stageChangedAt: true },
  });
  if (!production) return 0;
  const open = await tx.retrainTrigger.findMany({
    where: { status: "OPEN", rule: { modelId } },
    select: { id: true, versionId: true, createdAt: true },
  });
  const settled = open.filter((trigger) =>
    isResolvedBy(trigger, { versionId: production.id, promotedAt: production.stageChangedAt }),
  );
  if (!settled.length) return 0;
  const { count } = await tx.retrainTrigger.updateMany({
    where: { id: { in: settled.map((trigger) => trigger.id) }, status: "OPEN" },
    data: {
      status: "RESOLVED",
      openRuleId: null,
      resolvedAt: production.stageChangedAt,
      resolvedByVersionId: production.id,
    },
  });
  return count;
}
