import "server-only";
import type { Database, Prisma } from "@pedigree/db";
import type { RegistryError } from "@pedigree/domain";
import type { ExecutionOutcome } from "./execute.ts";
import { lockModel, TRANSACTION_OPTIONS } from "./persistence.ts";
import { throwRegistryError, toAppError } from "./registry-errors.ts";
import { loadRequestView } from "./request-view.ts";
import type { PromotionRequestView } from "./types.ts";

export interface RequestWork {
  requestId: string;
  /** A refusal that is recorded (the transaction commits) and then answered as an error. */
  refusal: RegistryError | null;
}

/**
 * What an execution attempt means for the transaction: a stale request is recorded as such and
 * refused after the commit; any other refusal undoes everything.
 */
export function readRefusal(outcome: ExecutionOutcome): RegistryError | null {
  if (outcome.kind !== "refused") return null;
  if (outcome.error.code === "STALE_REQUEST") return outcome.error;
  return throwRegistryError(outcome.error);
}

/**
 * Runs `work` in one transaction holding the model's row lock, and answers with the request as
 * it stands at the end of it (or with the recorded refusal).
 */
export async function runLocked(
  db: Database,
  modelId: string,
  work: (tx: Prisma.TransactionClient) => Promise<RequestWork>,
): Promise<PromotionRequestView> {
  const { view, refusal } = await db.prisma.$transaction(async (tx) => {
    await lockModel(tx, modelId);
    const result = await work(tx);
    return { view: await loadRequestView(tx, result.requestId), refusal: result.refusal };
  }, TRANSACTION_OPTIONS);
  if (refusal) throw toAppError(refusal);
  return view;
}
