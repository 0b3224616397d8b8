import "server-only";
import type { Database, Prisma } from "@pedigree/db";
import { describeRule, type RetrainTriggerStatus, readEvidence } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { toJson } from "../registry/persistence.ts";
import { findModel } from "./model.ts";
import { resolveSettledTriggers } from "./settle.ts";
import type { RetrainTriggerView, TriggerLoopView, TriggerPageView } from "./types.ts";

/** The tag a retraining run carries to name the trigger that started it. */
const TRIGGER_RUN_TAG = "pedigree.trigger_id";

const triggerInclude = {
  rule: {
    select: { id: true, name: true, kind: true, subject: true, threshold: true, model: true },
  },
  deliveries: {
    orderBy: { createdAt: "asc" },
    include: { attemptLog: { orderBy: { number: "asc" } } },
  },
} satisfies Prisma.RetrainTriggerInclude;

type TriggerRow = Prisma.RetrainTriggerGetPayload<{ include: typeof triggerInclude }>;
type Tx = Prisma.TransactionClient;

async function toView(tx: Tx, row: TriggerRow): Promise<RetrainTriggerView> {
  const ids = [row.versionId, row.resolvedByVersionId].filter((id): id is string => !!id);
  const versions = await tx.modelVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, version: true },
  });
  const numberOf = (id: string | null) => versions.find((v) => v.id === id)?.version ?? null;
  const dismissedBy = row.dismissedById
    ? await tx.user.findUnique({ where: { id: row.dismissedById }, select: { email: true } })
    : null;
  return {
    id: row.id,
    model: row.rule.model.name,
    rule: { id: row.rule.id, name: row.rule.name, description: describeRule(row.rule) },
    version: numberOf(row.versionId),
    deploymentId: row.deploymentId,
    action: row.action,
    status: row.status,
    evidence: readEvidence(row.evidence),
    breachCount: row.breachCount,
    createdAt: row.createdAt.toISOString(),
    lastBreachAt: row.lastBreachAt.toISOString(),
    externalRunId: row.externalRunId,
    rollbackRequestId: row.rollbackRequestId,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedByVersion: numberOf(row.resolvedByVersionId),
    dismissedAt: row.dismissedAt?.toISOString() ?? null,
    dismissedBy: dismissedBy?.email ?? null,
    dismissReason: row.dismissReason,
    deliveries: row.deliveries.map((delivery) => ({
      id: delivery.id,
      kind: delivery.kind,
      url: delivery.url,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt.toISOString(),
      lastError: delivery.lastError,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      body: delivery.body,
      attemptLog: delivery.attemptLog.map((attempt) => ({
        number: attempt.number,
        startedAt: attempt.startedAt.toISOString(),
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode,
        error: attempt.error,
      })),
    })),
  };
}

/** The model's triggers, newest first (open ones settled by a promotion are resolved first). */
export async function listRetrainTriggers(
  db: Database,
  modelName: string,
  status?: RetrainTriggerStatus,
): Promise<RetrainTriggerView[]> {
  return db.prisma.$transaction(async (tx) => {
    const model = await findModel(tx, modelName);
    await resolveSettledTriggers(tx, model.id);
    const rows = await tx.retrainTrigger.findMany({
      where: { rule: { modelId: model.id }, ...(status ? { status } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      include: triggerInclude,
    });
    return Promise.all(rows.map((row) => toView(tx, row)));
  });
}

/**
 * The runs that name the trigger (tag pedigree.trigger_id, or the Airflow dag_run_id as the
 * run's name), the versions registered from them, their requests (with gate results) and when
 * they reached production.
 */
async function loadLoop(tx: Tx, row: TriggerRow): Promise<TriggerLoopView> {
  const runs = await tx.run.findMany({
    where: {
      OR: [
        { tags: { some: { key: TRIGGER_RUN_TAG, value: row.id } } },
        ...(row.externalRunId ? [{ name: row.externalRunId }] : []),
      ],
    },
    orderBy: { startTime: "asc" },
    include: {
      modelVersions: {
        where: { modelId: row.rule.model.id },
        orderBy: { version: "asc" },
        include: {
          promotionRequests: { orderBy: { createdAt: "asc" } },
          transitions: { where: { toStage: "PRODUCTION" }, orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  return {
    runs: runs.map((run) => ({
      id: run.id,
      name: run.name,
      status: run.status,
      startTime: run.startTime.toISOString(),
      versions: run.modelVersions.map((version) => ({
        version: version.version,
        stage: version.stage,
        requests: version.promotionRequests.map((request) => ({
          id: request.id,
          kind: request.kind,
          toStage: request.toStage,
          status: request.status,
          gateResults: readGates(request.gateResults),
        })),
        promotedAt: version.transitions[0]?.createdAt.toISOString() ?? null,
      })),
    })),
  };
}

function readGates(stored: Prisma.JsonValue): { gate: string; outcome: string }[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const { gate, outcome } = item as Record<string, unknown>;
    return typeof gate === "string" && typeof outcome === "string" ? [{ gate, outcome }] : [];
  });
}

async function findTrigger(tx: Tx, id: string): Promise<TriggerRow> {
  const row = await tx.retrainTrigger.findUnique({ where: { id }, include: triggerInclude });
  if (!row) throw new AppError("NOT_FOUND", `No retrain trigger ${id}`);
  return row;
}

export async function getRetrainTrigger(db: Database, id: string): Promise<TriggerPageView> {
  return db.prisma.$transaction(async (tx) => {
    const first = await findTrigger(tx, id);
    await resolveSettledTriggers(tx, first.rule.model.id);
    const row = await findTrigger(tx, id);
    return { trigger: await toView(tx, row), loop: await loadLoop(tx, row) };
  });
}

/** Closes an open trigger with a written reason; the rule may open a new one on its next breach. */
export async function dismissRetrainTrigger(
  db: Database,
  actor: { id: string },
  id: string,
  reason: string,
  now: Date = new Date(),
): Promise<RetrainTriggerView> {
  return db.prisma.$transaction(async (tx) => {
    const row = await findTrigger(tx, id);
    await resolveSettledTriggers(tx, row.rule.model.id);
    const { count } = await tx.retrainTrigger.updateMany({
      where: { id, status: "OPEN" },
      data: {
        status: "DISMISSED",
        openRuleId: null,
        dismissedAt: now,
        dismissedById: actor.id,
        dismissReason: reason,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "Only an open trigger can be dismissed");
    await tx.auditEvent.create({
      data: {
        at: now,
        actorId: actor.id,
        action: "retrain_trigger.dismissed",
        targetType: "RetrainTrigger",
        targetId: id,
        details: toJson({ model: row.rule.model.name, reason }),
      },
    });
    return toView(tx, await findTrigger(tx, id));
  });
}
