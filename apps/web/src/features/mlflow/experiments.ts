import "server-only";
import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@pedigree/db";
import { invalidParameter, mlflowError, notFound } from "./errors.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import { parseSimpleFilter, type SimpleClause } from "./simple-filter.ts";
import { millis, type ViewType } from "./wire.ts";

/** MLflow's default experiment: id "0", which clients use when none is set. */
export const DEFAULT_EXPERIMENT_ID = "0";
const MAX_NAME_LENGTH = 500;

export const experimentInclude = { tags: { select: { key: true, value: true } } } as const;
type ExperimentRow = Prisma.ExperimentGetPayload<{ include: typeof experimentInclude }>;

/** The experiment as MLflow writes it (mlflow-rest.md §2). */
export function toExperimentJson(row: ExperimentRow) {
  return {
    experiment_id: row.id,
    name: row.name,
    artifact_location: row.artifactLocation,
    lifecycle_stage: row.lifecycleStage === "ACTIVE" ? "active" : "deleted",
    last_update_time: millis(row.updatedAt),
    creation_time: millis(row.createdAt),
    ...(row.tags.length > 0 ? { tags: row.tags } : {}),
  };
}

/** Creates "Default" (id "0") the first time it is needed, as an MLflow server has it. */
export async function ensureDefaultExperiment(db: Database): Promise<void> {
  await db.prisma.experiment.upsert({
    where: { id: DEFAULT_EXPERIMENT_ID },
    create: {
      id: DEFAULT_EXPERIMENT_ID,
      name: "Default",
      artifactLocation: `mlflow-artifacts:/${DEFAULT_EXPERIMENT_ID}`,
    },
    update: {},
  });
}

function checkName(name: string): void {
  if (name.trim() === "") throw invalidParameter("Invalid experiment name: ''");
  if (name.length > MAX_NAME_LENGTH) {
    throw invalidParameter(`Experiment name exceeds the maximum length of ${MAX_NAME_LENGTH}`);
  }
}

export async function createExperiment(
  db: Database,
  input: { name: string; artifactLocation?: string; tags: { key: string; value: string }[] },
): Promise<string> {
  checkName(input.name);
  if (input.artifactLocation?.startsWith("runs:")) {
    throw invalidParameter("artifact_location cannot be a runs:/ URI");
  }
  const existing = await db.prisma.experiment.findUnique({ where: { name: input.name } });
  if (existing) {
    throw mlflowError("RESOURCE_ALREADY_EXISTS", `Experiment '${input.name}' already exists.`);
  }
  const id = randomUUID().replaceAll("-", "");
  await db.prisma.experiment.create({
    data: {
      id,
      name: input.name,
      artifactLocation: input.artifactLocation || `mlflow-artifacts:/${id}`,
      tags: { create: dedupeTags(input.tags) },
    },
  });
  return id;
}

/** Last write wins for a key given twice, as MLflow applies tags in order. */
export function dedupeTags<T extends { key: string }>(tags: readonly T[]): T[] {
  return [...new Map(tags.map((tag) => [tag.key, tag])).values()];
}

export async function getExperiment(db: Database, id: string): Promise<ExperimentRow> {
  if (id === DEFAULT_EXPERIMENT_ID) await ensureDefaultExperiment(db);
  const row = await db.prisma.experiment.findUnique({ where: { id }, include: experimentInclude });
  if (!row) throw notFound(`No Experiment with id=${id} exists`);
  return row;
}

export async function getExperimentByName(db: Database, name: string): Promise<ExperimentRow> {
  if (name === "Default") await ensureDefaultExperiment(db);
  const row = await db.prisma.experiment.findUnique({
    where: { name },
    include: experimentInclude,
  });
  if (!row) throw notFound(`Could not find experiment with name '${name}'`);
  return row;
}

/** An active experiment, for writes into it. */
export async function getActiveExperiment(db: Database, id: string): Promise<ExperimentRow> {
  const row = await getExperiment(db, id);
  if (row.lifecycleStage !== "ACTIVE") {
    throw invalidParameter(`The experiment ${id} must be in the 'active' state`);
  }
  return row;
}

export async function renameExperiment(db: Database, id: string, newName: string): Promise<void> {
  checkName(newName);
  const row = await getActiveExperiment(db, id);
  if (row.name === newName) return;
  const taken = await db.prisma.experiment.findUnique({ where: { name: newName } });
  if (taken)
    throw mlflowError("RESOURCE_ALREADY_EXISTS", `Experiment '${newName}' already exists.`);
  await db.prisma.experiment.update({ where: { id }, data: { name: newName } });
}

/** Soft delete or restore; the experiment's runs follow it, as upstream. */
export async function setExperimentLifecycle(
  db: Database,
  id: string,
  stage: "ACTIVE" | "DELETED",
): Promise<void> {
  if (stage === "DELETED" && id === DEFAULT_EXPERIMENT_ID) {
    throw invalidParameter("Cannot delete the default experiment '0'");
  }
  await getExperiment(db, id);
  await db.prisma.$transaction([
    db.prisma.experiment.update({ where: { id }, data: { lifecycleStage: stage } }),
    db.prisma.run.updateMany({ where: { experimentId: id }, data: { lifecycleStage: stage } }),
  ]);
}

export async function setExperimentTag(
  db: Database,
  id: string,
  tag: { key: string; value: string },
): Promise<void> {
  if (tag.key.length > 250) throw invalidParameter("Tag key exceeds the maximum length of 250");
  if (tag.value.length > 5000)
    throw invalidParameter("Tag value exceeds the maximum length of 5000");
  await getActiveExperiment(db, id);
  await db.prisma.experimentTag.upsert({
    where: { experimentId_key: { experimentId: id, key: tag.key } },
    create: { experimentId: id, ...tag },
    update: { value: tag.value },
  });
}

export async function deleteExperimentTag(db: Database, id: string, key: string): Promise<void> {
  await getActiveExperiment(db, id);
  const { count } = await db.prisma.experimentTag.deleteMany({ where: { experimentId: id, key } });
  if (count === 0) throw notFound(`No tag with name: ${key} in experiment ${id}`);
}

const ORDERABLE = {
  name: "name",
  experiment_id: "id",
  creation_time: "createdAt",
  last_update_time: "updatedAt",
} as const;

function toWhere(clause: SimpleClause): Prisma.ExperimentWhereInput {
  if (clause.entity === "attribute") {
    if (clause.key !== "name") {
      throw invalidParameter(`Invalid attribute key '${clause.key}' in experiment filter`);
    }
    return { name: stringCondition(clause) };
  }
  if (clause.op === "!=") {
    return { NOT: { tags: { some: { key: clause.key, value: clause.value } } } };
  }
  return { tags: { some: { key: clause.key, value: stringCondition(clause) } } };
}

/** A string comparison as Prisma writes it; LIKE patterns become starts/ends/contains. */
export function stringCondition(clause: SimpleClause): Prisma.StringFilter {
  const insensitive = clause.op === "ILIKE" ? ({ mode: "insensitive" } as const) : {};
  if (clause.op === "=") return { equals: clause.value };
  if (clause.op === "!=") return { not: clause.value };
  const body = clause.value;
  const inner = body.replace(/^%/, "").replace(/%$/, "");
  if (/[%_]/.test(inner)) {
    throw invalidParameter(`Only leading and trailing % are supported in LIKE: '${body}'`);
  }
  const starts = body.startsWith("%");
  const ends = body.endsWith("%") && body.length > 1;
  if (starts && ends) return { contains: inner, ...insensitive };
  if (ends) return { startsWith: inner, ...insensitive };
  if (starts) return { endsWith: inner, ...insensitive };
  return { equals: inner, ...insensitive };
}

export function readOrderBy<K extends string>(
  items: readonly string[],
  keys: Record<K, string>,
): { field: string; direction: "asc" | "desc" }[] {
  return items.map((item) => {
    const match = /^\s*(?:attributes?\.)?`?([\w]+)`?\s*(ASC|DESC)?\s*$/i.exec(item);
    // Own keys only: `__proto__` would find Object.prototype and reach Prisma as a field (500).
    const name = match?.[1];
    const field = name !== undefined && Object.hasOwn(keys, name) ? keys[name as K] : undefined;
    if (!match || !field) throw invalidParameter(`Invalid order_by clause '${item}'`);
    return { field, direction: match[2]?.toLowerCase() === "desc" ? "desc" : "asc" };
  });
}

export async function searchExperiments(
  db: Database,
  input: {
    viewType: ViewType;
    filter?: string;
    orderBy: string[];
    maxResults?: number;
    pageToken?: string;
  },
) {
  await ensureDefaultExperiment(db);
  const limit = readMaxResults(input.maxResults, { fallback: 1000, max: 50_000 });
  const offset = readPageToken(input.pageToken);
  const clauses = parseSimpleFilter(input.filter ?? "", ["name"]);
  const stage =
    input.viewType === "ALL"
      ? {}
      : ({ lifecycleStage: input.viewType === "DELETED_ONLY" ? "DELETED" : "ACTIVE" } as const);
  const order = readOrderBy(input.orderBy, ORDERABLE).map(({ field, direction }) => ({
    [field]: direction,
  }));
  const rows = await db.prisma.experiment.findMany({
    where: { AND: [stage, ...clauses.map(toWhere)] },
    include: experimentInclude,
    orderBy: [...order, { createdAt: "desc" }, { id: "desc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = toPage(rows, offset, limit);
  return {
    ...(page.items.length > 0 ? { experiments: page.items.map(toExperimentJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}
