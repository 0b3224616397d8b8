import "server-only";
import type { Prisma } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";

/** The registered model by name; NOT_FOUND when there is none. */
export async function findModel(tx: Prisma.TransactionClient, name: string) {
  const model = await tx.registeredModel.findUnique({
    where: { name },
    select: { id: true, name: true },
  });
  if (!model) throw new AppError("NOT_FOUND", `No registered model named ${name}`);
  return model;
}
