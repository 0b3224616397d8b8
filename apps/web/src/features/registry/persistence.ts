import "server-only";
import type { Prisma } from "@pedigree/db";

type Tx = Prisma.TransactionClient;

/** Generous limits: concurrent promotions of one model queue on the model's row lock. */
export const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

/**
 * Locks the model's row until the transaction ends, so that promotions of one model run one after
 * the other: whoever comes second reads the production version the first one left.
 */
export async function lockModel(tx: Tx, modelId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "RegisteredModel" WHERE "id" = ${modelId} FOR UPDATE`;
}

export async function findProductionId(tx: Tx, modelId: string): Promise<string | null> {
  const production = await tx.modelVersion.findFirst({
    where: { modelId, stage: "PRODUCTION" },
    select: { id: true },
  });
  return production?.id ?? null;
}

/** A JSON value for a Json column: non-finite numbers become null, as JSON has none. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

interface AuditInput {
  actorId: string | null;
  action: string;
  targetType: "PromotionRequest" | "ModelVersion";
  targetId: string;
  details: Record<string, unknown>;
  at: Date;
}

export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...input, details: toJson(input.details) } });
}
