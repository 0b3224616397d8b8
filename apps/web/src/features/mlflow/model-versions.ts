import "server-only";
import type { Database, Prisma, Stage } from "@pedigree/db";
import type { Principal } from "../../server/auth/principal.ts";
import { lockModel, writeAudit } from "../registry/persistence.ts";
import { createPromotionRequest } from "../registry/service.ts";
import type { PromotionRequestView } from "../registry/types.ts";
import { enqueueWebhookEvent } from "../webhooks/outbox.ts";
import { invalidParameter, mlflowError, notFound } from "./errors.ts";
import { readOrderBy, stringCondition } from "./experiments.ts";
import { findLoggedModelForSource } from "./logged-models.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import {
  loadModel,
  loadVersion,
  STAGE_NAMES,
  toModelVersionJson,
  versionInclude,
} from "./registry.ts";
import { parseSimpleFilter, type SimpleClause } from "./simple-filter.ts";

export async function createModelVersion(
  db: Database,
  principal: Principal,
  input: {
    name: string;
    source: string;
    runId?: string;
    modelId?: string;
    description?: string;
    tags: { key: string; value: string }[];
  },
) {
  if (input.source.trim() === "")
    throw invalidParameter("Missing value for required parameter 'source'");
  const model = await loadModel(db, input.name);
  // MLflow 3 registers a LoggedModel (`models:/m-...`): its source run is the version's run.
  const logged = await findLoggedModelForSource(db, input.source, input.modelId);
  const runId = input.runId || logged?.sourceRunId || /^runs:\/([^/]+)/.exec(input.source)?.[1];
  if (runId) {
    const run = await db.prisma.run.count({ where: { id: runId } });
    if (run === 0) throw notFound(`Run with id=${runId} not found`);
  }
  const tags = [...new Map(input.tags.map((tag) => [tag.key, tag])).values()];
  const row = await db.prisma.$transaction(async (tx) => {
    // Numbers are max + 1 per model: the model's row lock keeps two registrations apart.
    await lockModel(tx, model.id);
    const last = await tx.modelVersion.aggregate({
      where: { modelId: model.id },
      _max: { version: true },
    });
    const created = await tx.modelVersion.create({
      data: {
        modelId: model.id,
        version: (last._max.version ?? 0) + 1,
        runId: runId ?? null,
        source: input.source,
        description: input.description ?? "",
        createdById: principal.id,
        tags: { create: tags },
      },
      include: versionInclude,
    });
    await tx.registeredModel.update({ where: { id: model.id }, data: { updatedAt: new Date() } });
    return created;
  });
  return toModelVersionJson(row);
}

export async function updateModelVersion(
  db: Database,
  name: string,
  version: number,
  description: string | undefined,
) {
  const row = await loadVersion(db, name, version);
  if (description === undefined) return toModelVersionJson(row);
  const updated = await db.prisma.modelVersion.update({
    where: { id: row.id },
    data: { description },
    include: versionInclude,
  });
  return toModelVersionJson(updated);
}

/** The production version is not deleted through MLflow: roll back first. */
export async function deleteModelVersion(db: Database, name: string, version: number) {
  const row = await loadVersion(db, name, version);
  if (row.stage === "PRODUCTION") {
    throw mlflowError(
      "PERMISSION_DENIED",
      `${name} version ${version} is in Production; roll back through Pedigree before deleting it.`,
    );
  }
  await db.prisma.modelVersion.delete({ where: { id: row.id } });
}

export async function setVersionTag(
  db: Database,
  name: string,
  version: number,
  tag: { key: string; value: string },
) {
  if (tag.key === "" || tag.key.length > 250 || tag.value.length > 100_000) {
    throw invalidParameter("Tag keys are limited to 1..250 and values to 100000 characters");
  }
  const row = await loadVersion(db, name, version);
  await db.prisma.modelVersionTag.upsert({
    where: { versionId_key: { versionId: row.id, key: tag.key } },
    create: { versionId: row.id, ...tag },
    update: { value: tag.value },
  });
}

export async function deleteVersionTag(db: Database, name: string, version: number, key: string) {
  const row = await loadVersion(db, name, version);
  const { count } = await db.prisma.modelVersionTag.deleteMany({
    where: { versionId: row.id, key },
  });
  if (count === 0) throw notFound(`${name} version ${version} has no tag ${key}`);
}

function toVersionWhere(clause: SimpleClause): Prisma.ModelVersionWhereInput {
  if (clause.entity === "attribute") {
    if (clause.key === "name") return { model: { name: stringCondition(clause) } };
    if (clause.key === "run_id") return { runId: stringCondition(clause) };
    return { source: stringCondition(clause) };
  }
  if (clause.op === "!=")
    return { NOT: { tags: { some: { key: clause.key, value: clause.value } } } };
  return { tags: { some: { key: clause.key, value: stringCondition(clause) } } };
}

export async function searchModelVersions(
  db: Database,
  input: { filter?: string; orderBy: string[]; maxResults?: number; pageToken?: string },
) {
  const limit = readMaxResults(input.maxResults, { fallback: 10_000, max: 200_000 });
  const offset = readPageToken(input.pageToken);
  const clauses = parseSimpleFilter(input.filter ?? "", ["name", "run_id", "source_path"]);
  const order = readOrderBy(input.orderBy, {
    version_number: "version",
    creation_timestamp: "createdAt",
    last_updated_timestamp: "updatedAt",
  }).map(({ field, direction }) => ({ [field]: direction }));
  const rows = await db.prisma.modelVersion.findMany({
    where: { AND: clauses.map(toVersionWhere) },
    include: versionInclude,
    orderBy: [...order, { model: { name: "asc" } }, { version: "desc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = toPage(rows, offset, limit);
  return {
    ...(page.items.length > 0 ? { model_versions: page.items.map(toModelVersionJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

function describePending(view: PromotionRequestView): string {
  const failed = view.gateResults.filter((gate) => gate.outcome === "failed").map((g) => g.gate);
  const needs = [
    view.requiredApprovals > view.approvalCount
      ? `${view.requiredApprovals - view.approvalCount} approval(s)`
      : null,
    failed.length > 0 ? `passing gates (failed: ${failed.join(", ")})` : null,
  ].filter(Boolean);
  return (
    `Moving ${view.model} version ${view.version} to ${STAGE_NAMES[view.toStage]} needs ${needs.join(" and ") || "approval"} under the model's promotion policy. ` +
    `Promotion request ${view.id} is pending; an approver can decide it in Pedigree. The version stays in ${STAGE_NAMES[view.fromStage]}.`
  );
}

/** Stage changes that are not promotions (to None or Archived), recorded like the registry's. */
async function moveOutOfPromotion(
  db: Database,
  principal: Principal,
  version: { id: string; modelId: string; stage: Stage; number: number; model: string },
  toStage: Stage,
  reason: string,
) {
  await db.prisma.$transaction(async (tx) => {
    await lockModel(tx, version.modelId);
    const now = new Date();
    await tx.modelVersion.update({
      where: { id: version.id },
      data: { stage: toStage, stageChangedAt: now },
    });
    await tx.stageTransition.create({
      data: {
        modelId: version.modelId,
        versionId: version.id,
        fromStage: version.stage,
        toStage,
        actorId: principal.id,
        reason,
        createdAt: now,
      },
    });
    const payload = {
      model: version.model,
      version: version.number,
      fromStage: version.stage,
      toStage,
      requestId: null,
      kind: "MLFLOW",
      actorId: principal.id,
    };
    await writeAudit(tx, {
      actorId: principal.id,
      action: "model_version.transitioned",
      targetType: "ModelVersion",
      targetId: version.id,
      details: payload,
      at: now,
    });
    await enqueueWebhookEvent(tx, "model_version.transitioned", payload);
  });
}

/**
 * MLflow's transition-stage. Staging and Production go through our promotion policy: a request
 * is opened (gates evaluated, audit, webhooks) and carried out only if the policy needs no
 * approval and no gate blocks; otherwise the client gets PERMISSION_DENIED naming the pending
 * request. None and Archived are plain stage changes, refused for the production version (that
 * is a rollback).
 */
export async function transitionStage(
  db: Database,
  principal: Principal,
  input: { name: string; version: number; stage: Stage; archiveExistingVersions: boolean },
) {
  const row = await loadVersion(db, input.name, input.version);
  const reason = `MLflow transition-stage by ${principal.email}`;
  if (input.stage === "STAGING" || input.stage === "PRODUCTION") {
    if (row.stage !== input.stage) {
      const view = await createPromotionRequest(db, principal, {
        model: input.name,
        version: input.version,
        targetStage: input.stage,
        reason,
      });
      if (view.status !== "EXECUTED") throw mlflowError("PERMISSION_DENIED", describePending(view));
    }
    // Production keeps one version by policy (the old one is archived); for Staging the flag
    // archives the other staging versions, as MLflow does.
    if (input.archiveExistingVersions && input.stage === "STAGING") {
      const others = await db.prisma.modelVersion.findMany({
        where: { modelId: row.modelId, stage: "STAGING", id: { not: row.id } },
        select: { id: true, version: true },
      });
      for (const other of others) {
        await moveOutOfPromotion(
          db,
          principal,
          {
            id: other.id,
            modelId: row.modelId,
            stage: "STAGING",
            number: other.version,
            model: input.name,
          },
          "ARCHIVED",
          reason,
        );
      }
    }
  } else {
    if (input.archiveExistingVersions) {
      throw invalidParameter(
        "archive_existing_versions can only be set when transitioning to Staging or Production",
      );
    }
    if (row.stage === "PRODUCTION") {
      throw mlflowError(
        "PERMISSION_DENIED",
        `${input.name} version ${input.version} is in Production; taking it out is a rollback, which goes through Pedigree's approval policy.`,
      );
    }
    if (row.stage !== input.stage) {
      await moveOutOfPromotion(
        db,
        principal,
        {
          id: row.id,
          modelId: row.modelId,
          stage: row.stage,
          number: row.version,
          model: input.name,
        },
        input.stage,
        reason,
      );
    }
  }
  return toModelVersionJson(await loadVersion(db, input.name, input.version));
}
