import "server-only";
import type { Prisma } from "@pedigree/db";
import { countApprovals } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { readGateResults } from "./facts.ts";
import type { PromotionRequestView, UserView } from "./types.ts";

type Tx = Prisma.TransactionClient;

export const userColumns = { id: true, email: true, name: true } as const;

export const requestInclude = {
  version: { select: { version: true, model: { select: { name: true } } } },
  requestedBy: { select: userColumns },
  approvals: { orderBy: { createdAt: "asc" }, include: { approver: { select: userColumns } } },
  gateOverrides: { orderBy: { createdAt: "asc" }, include: { admin: { select: userColumns } } },
} satisfies Prisma.PromotionRequestInclude;

type RequestRow = Prisma.PromotionRequestGetPayload<{ include: typeof requestInclude }>;

const toUser = (user: UserView): UserView => ({ id: user.id, email: user.email, name: user.name });

export function toRequestView(row: RequestRow): PromotionRequestView {
  return {
    id: row.id,
    model: row.version.model.name,
    version: row.version.version,
    kind: row.kind,
    fromStage: row.fromStage,
    toStage: row.toStage,
    reason: row.reason,
    status: row.status,
    requestedBy: toUser(row.requestedBy),
    requiredApprovals: row.requiredApprovals,
    approvalCount: countApprovals({
      status: row.status,
      requestedById: row.requestedById,
      requiredApprovals: row.requiredApprovals,
      approvals: row.approvals,
    }),
    approvals: row.approvals.map((approval) => ({
      approver: toUser(approval.approver),
      decision: approval.decision,
      comment: approval.comment,
      createdAt: approval.createdAt.toISOString(),
    })),
    gateResults: readGateResults(row.gateResults),
    overrides: row.gateOverrides.map((override) => ({
      gate: override.gate,
      admin: toUser(override.admin),
      justification: override.justification,
      createdAt: override.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** One request as the API shows it; NOT_FOUND when there is none with that id. */
export async function loadRequestView(tx: Tx, id: string): Promise<PromotionRequestView> {
  const row = await tx.promotionRequest.findUnique({ where: { id }, include: requestInclude });
  if (!row) throw new AppError("NOT_FOUND", `No promotion request with id ${id}`);
  return toRequestView(row);
}
