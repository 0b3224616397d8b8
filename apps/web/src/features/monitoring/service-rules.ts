import "server-only";
import type { Database, MonitorRule } from "@pedigree/db";
import { describeRule, type MonitorRuleKind, validateRule } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { findModel } from "./model.ts";
import type { MonitorRuleView } from "./types.ts";

export interface MonitorRuleInput {
  name: string;
  kind: MonitorRuleKind;
  subject: string | null;
  threshold: number;
  isEnabled: boolean;
}

function toView(rule: MonitorRule): MonitorRuleView {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    subject: rule.subject,
    threshold: rule.threshold,
    isEnabled: rule.isEnabled,
    description: describeRule(rule),
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

function checkRule(input: MonitorRuleInput): void {
  const problem = validateRule(input);
  if (problem) throw new AppError("INVALID_INPUT", problem, { field: "threshold" });
}

export async function listMonitorRules(db: Database, modelName: string) {
  const model = await findModel(db.prisma, modelName);
  const rules = await db.prisma.monitorRule.findMany({
    where: { modelId: model.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rules.map(toView);
}

export async function createMonitorRule(
  db: Database,
  actor: { id: string },
  modelName: string,
  input: MonitorRuleInput,
): Promise<MonitorRuleView> {
  checkRule(input);
  const model = await findModel(db.prisma, modelName);
  const rule = await db.prisma.monitorRule.create({
    data: { ...input, modelId: model.id, createdById: actor.id },
  });
  return toView(rule);
}

async function findRule(db: Database, id: string): Promise<MonitorRule> {
  const rule = await db.prisma.monitorRule.findUnique({ where: { id } });
  if (!rule) throw new AppError("NOT_FOUND", `No monitor rule ${id}`);
  return rule;
}

export async function getMonitorRule(db: Database, id: string): Promise<MonitorRuleView> {
  return toView(await findRule(db, id));
}

/** Changes a rule; its open trigger (if any) stays open with the evidence it has. */
export async function updateMonitorRule(
  db: Database,
  id: string,
  patch: Partial<MonitorRuleInput>,
): Promise<MonitorRuleView> {
  const rule = await findRule(db, id);
  const next = { ...rule, ...patch };
  checkRule(next);
  const updated = await db.prisma.monitorRule.update({
    where: { id },
    data: {
      name: next.name,
      kind: next.kind,
      subject: next.subject,
      threshold: next.threshold,
      isEnabled: next.isEnabled,
    },
  });
  return toView(updated);
}

/** Deletes a rule and its triggers (their history goes with it; disable a rule to keep it). */
export async function deleteMonitorRule(db: Database, id: string): Promise<void> {
  await findRule(db, id);
  await db.prisma.monitorRule.delete({ where: { id } });
}
