import "server-only";
import type { Database } from "@pedigree/db";
import { validateAliasName } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { writeAudit } from "./persistence.ts";
import { throwRegistryError } from "./registry-errors.ts";
import type { Actor } from "./service.ts";

export interface AliasView {
  alias: string;
  version: number;
}

async function findModelId(db: Database, modelName: string): Promise<string> {
  const model = await db.prisma.registeredModel.findUnique({
    where: { name: modelName },
    select: { id: true },
  });
  if (!model) throw new AppError("NOT_FOUND", `No registered model named ${modelName}`);
  return model.id;
}

/** Points an alias at a version (moving it if it named another one), with an audit event. */
export async function setAlias(
  db: Database,
  actor: Actor,
  input: { model: string; alias: string; version: number },
): Promise<AliasView> {
  const checked = validateAliasName(input.alias);
  if (!checked.ok) throwRegistryError(checked.error);
  const alias = checked.value;
  const modelId = await findModelId(db, input.model);
  return db.prisma.$transaction(async (tx) => {
    const version = await tx.modelVersion.findUnique({
      where: { modelId_version: { modelId, version: input.version } },
      select: { id: true },
    });
    if (!version) throw new AppError("NOT_FOUND", `${input.model} has no version ${input.version}`);
    const previous = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId, alias } },
      select: { version: { select: { version: true } } },
    });
    await tx.modelAlias.upsert({
      where: { modelId_alias: { modelId, alias } },
      create: { modelId, alias, versionId: version.id },
      update: { versionId: version.id },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "model_version.alias_set",
      targetType: "ModelVersion",
      targetId: version.id,
      details: {
        alias,
        version: input.version,
        previousVersion: previous?.version.version ?? null,
      },
      at: new Date(),
    });
    return { alias, version: input.version };
  });
}

export async function deleteAlias(
  db: Database,
  actor: Actor,
  input: { model: string; alias: string },
): Promise<void> {
  const modelId = await findModelId(db, input.model);
  const alias = input.alias.toLowerCase();
  await db.prisma.$transaction(async (tx) => {
    const existing = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId, alias } },
      select: { versionId: true },
    });
    if (!existing) throw new AppError("NOT_FOUND", `${input.model} has no alias ${alias}`);
    await tx.modelAlias.delete({ where: { modelId_alias: { modelId, alias } } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "model_version.alias_deleted",
      targetType: "ModelVersion",
      targetId: existing.versionId,
      details: { alias },
      at: new Date(),
    });
  });
}
