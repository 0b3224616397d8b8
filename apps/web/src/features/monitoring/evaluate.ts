import "server-only";
import type { Prisma } from "@pedigree/db";
import {
  type Breach,
  buildBreach,
  chooseAction,
  DEFAULT_ROLLBACK_WINDOW_DAYS,
  decideBreach,
  describeRule,
  evaluateRule,
  type FeatureReading,
  type RetrainAction,
  toWindowKey,
  type WindowReading,
} from "@pedigree/domain";
import { toJson } from "../registry/persistence.ts";
import { enqueueTriggerDelivery } from "./outbox.ts";
import { findRollbackVersion, openRollbackRequest } from "./rollback.ts";
import { resolveSettledTriggers } from "./settle.ts";

type Tx = Prisma.TransactionClient;

export interface MonitorWindowInput {
  deploymentId: string;
  /** The window's stored drift report; null when only metrics arrived. */
  reportId: string | null;
  windowStart: Date;
  windowEnd: Date;
  /** The evaluation's clock (evidence times, the rollback window). */
  now: Date;
}

export interface MonitorEvaluation {
  /** Triggers this window opened. */
  opened: string[];
  /** Open triggers this window added evidence to. */
  appended: string[];
  /** Open triggers found settled by a later promotion (see settle.ts). */
  resolved: number;
}

async function loadWindow(
  tx: Tx,
  input: MonitorWindowInput,
): Promise<WindowReading & { reportId: string | null }> {
  const report = input.reportId
    ? await tx.driftReport.findUnique({ where: { id: input.reportId } })
    : await tx.driftReport.findFirst({
        where: {
          deploymentId: input.deploymentId,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
        },
      });
  const metrics = report ? await tx.windowMetric.findMany({ where: { reportId: report.id } }) : [];
  return {
    reportId: report?.id ?? null,
    report: report
      ? {
          features: readFeatures(report.features),
          driftedShare: report.driftedShare,
          isTooFewRows: report.isTooFewRows,
        }
      : null,
    metrics: Object.fromEntries(metrics.map((metric) => [metric.key, metric.value])),
  };
}

function readFeatures(stored: Prisma.JsonValue): FeatureReading[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const { feature, psi, missingShareDelta } = item as Record<string, unknown>;
    if (typeof feature !== "string") return [];
    return [
      {
        feature,
        psi: typeof psi === "number" ? psi : null,
        missingShareDelta: typeof missingShareDelta === "number" ? missingShareDelta : 0,
      },
    ];
  });
}

async function loadDeployment(tx: Tx, deploymentId: string) {
  return tx.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      id: true,
      version: {
        select: {
          id: true,
          version: true,
          stage: true,
          stageChangedAt: true,
          model: {
            select: { id: true, name: true, policy: true, retrainTarget: true },
          },
        },
      },
    },
  });
}

type DeploymentFacts = NonNullable<Awaited<ReturnType<typeof loadDeployment>>>;
type RuleRow = Prisma.MonitorRuleGetPayload<object>;

/**
 * Evaluates the enabled monitor rules of the deployment's model against one window (its drift
 * report and its metrics, as just stored), in the caller's transaction: a breach opens the rule's
 * trigger (with a delivery to the model's retraining target, or a rollback request for a version
 * promoted within the model's rollback window) or adds its evidence to the rule's open trigger.
 * Called by the profiles slice right after it stores a window's report or metrics.
 */
export async function evaluateMonitorRules(
  tx: Tx,
  input: MonitorWindowInput,
): Promise<MonitorEvaluation> {
  const outcome: MonitorEvaluation = { opened: [], appended: [], resolved: 0 };
  const deployment = await loadDeployment(tx, input.deploymentId);
  if (!deployment) return outcome;
  const model = deployment.version.model;
  // Locks the model's enabled rules: two windows evaluated at once (PostgreSQL) take turns, so
  // the second sees the trigger the first opened instead of failing on openRuleId's uniqueness.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "MonitorRule" WHERE "modelId" = ${model.id} AND "isEnabled" FOR UPDATE`;
  if (!locked.length) return outcome;
  const rules = await tx.monitorRule.findMany({
    where: { id: { in: locked.map((rule) => rule.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  outcome.resolved = await resolveSettledTriggers(tx, model.id);
  const window = await loadWindow(tx, input);
  for (const rule of rules) {
    const observations = evaluateRule(rule, window);
    if (!observations.length) continue;
    const breach = buildBreach(
      {
        at: input.now.toISOString(),
        ruleId: rule.id,
        rule: rule.name || describeRule(rule),
        kind: rule.kind,
        threshold: rule.threshold,
        deploymentId: input.deploymentId,
        reportId: window.reportId,
        windowStart: input.windowStart.toISOString(),
        windowEnd: input.windowEnd.toISOString(),
      },
      observations,
    );
    const id = await applyBreach(tx, { rule, breach, deployment, now: input.now });
    if (id) (id.isNew ? outcome.opened : outcome.appended).push(id.triggerId);
  }
  return outcome;
}

interface BreachInput {
  rule: RuleRow;
  breach: Breach;
  deployment: DeploymentFacts;
  now: Date;
}

async function applyBreach(
  tx: Tx,
  facts: BreachInput,
): Promise<{ triggerId: string; isNew: boolean } | null> {
  const { rule, breach, now } = facts;
  // Asked and appended in the database: a storm's evidence never travels to the app and back.
  const windowKey = JSON.stringify([toWindowKey(breach)]);
  const [open] = await tx.$queryRaw<{ id: string; hasWindow: boolean }[]>`
    SELECT "id", "evidence" @> ${windowKey}::jsonb AS "hasWindow"
    FROM "RetrainTrigger" WHERE "openRuleId" = ${rule.id}`;
  const decision = decideBreach(open ?? null);
  if (decision === "ignore") return null;
  if (open) {
    await tx.$executeRaw`
      UPDATE "RetrainTrigger"
      SET "evidence" = "evidence" || ${JSON.stringify([breach])}::jsonb,
          "breachCount" = "breachCount" + 1, "lastBreachAt" = ${now}
      WHERE "id" = ${open.id}`;
    return { triggerId: open.id, isNew: false };
  }
  return { triggerId: await openTrigger(tx, facts, await decideAction(tx, facts)), isNew: true };
}

/** Rollback for a production version promoted within the model's window (and restorable). */
async function decideAction(tx: Tx, { rule, deployment, now }: BreachInput) {
  const { version } = deployment;
  const isProduction = version.stage === "PRODUCTION";
  const promotedAt = isProduction ? version.stageChangedAt : null;
  const rollbackWindowDays =
    version.model.retrainTarget?.rollbackWindowDays ?? DEFAULT_ROLLBACK_WINDOW_DAYS;
  const isCandidate =
    chooseAction({ promotedAt, rollbackWindowDays, hasRollbackTarget: true, now }) === "ROLLBACK";
  const hasRollbackTarget =
    isCandidate &&
    rule.createdById !== null &&
    (await findRollbackVersion(tx, version.model.id, version.id)) !== null;
  return chooseAction({ promotedAt, rollbackWindowDays, hasRollbackTarget, now });
}

async function openTrigger(
  tx: Tx,
  { rule, breach, deployment, now }: BreachInput,
  chosen: RetrainAction,
): Promise<string> {
  const { version } = deployment;
  const { model } = version;
  const rollbackRequestId =
    chosen === "ROLLBACK" && rule.createdById
      ? await openRollbackRequest(tx, {
          model,
          productionId: version.id,
          requestedById: rule.createdById,
          reason: `Monitor rule "${breach.rule}" fired on v${version.version} within ${
            model.retrainTarget?.rollbackWindowDays ?? DEFAULT_ROLLBACK_WINDOW_DAYS
          } days of its promotion`,
          now,
        })
      : null;
  const action = rollbackRequestId ? "ROLLBACK" : "RETRAIN";
  const trigger = await tx.retrainTrigger.create({
    data: {
      ruleId: rule.id,
      openRuleId: rule.id,
      reportId: breach.reportId,
      deploymentId: deployment.id,
      versionId: version.id,
      action,
      evidence: toJson([breach]),
      lastBreachAt: now,
      rollbackRequestId,
      createdAt: now,
    },
    select: { id: true },
  });
  const externalRunId =
    action === "RETRAIN"
      ? await enqueueTriggerDelivery(tx, model.id, {
          id: trigger.id,
          model: model.name,
          version: version.version,
          action,
          createdAt: now,
          evidence: [breach],
        })
      : null;
  if (externalRunId) {
    await tx.retrainTrigger.update({ where: { id: trigger.id }, data: { externalRunId } });
  }
  await tx.auditEvent.create({
    data: {
      at: now,
      action: "retrain_trigger.opened",
      targetType: "RetrainTrigger",
      targetId: trigger.id,
      details: toJson({ model: model.name, version: version.version, action, breach }),
    },
  });
  return trigger.id;
}
