import "server-only";
import { randomUUID } from "node:crypto";
import type { Database, LoggedModel, Prisma } from "@pedigree/db";
import type { Principal } from "../../server/auth/principal.ts";
import { invalidParameter, notFound } from "./errors.ts";
import { getActiveExperiment } from "./experiments.ts";
import { checkKey, generateRunName } from "./names.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import { loadActiveRun } from "./runs.ts";
import { millis } from "./wire.ts";

export const LOGGED_MODEL_STATUSES = [
  "LOGGED_MODEL_PENDING",
  "LOGGED_MODEL_READY",
  "LOGGED_MODEL_UPLOAD_FAILED",
] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

interface KeyValue {
  key: string;
  value: string;
}

type StringMap = Record<string, string>;

const readMap = (value: Prisma.JsonValue): StringMap =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as StringMap) : {};

const toPairs = (map: StringMap) =>
  Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));

function mergePairs(map: StringMap, pairs: readonly KeyValue[]): StringMap {
  for (const pair of pairs) checkKey("tag", pair.key);
  return { ...map, ...Object.fromEntries(pairs.map((pair) => [pair.key, pair.value])) };
}

/** MLflow 3's LoggedModel: `{ info, data }`. */
export function toLoggedModelJson(row: LoggedModel) {
  const tags = toPairs(readMap(row.tags));
  const params = toPairs(readMap(row.params));
  return {
    info: {
      model_id: row.id,
      experiment_id: row.experimentId,
      name: row.name,
      creation_timestamp_ms: millis(row.createdAt),
      last_updated_timestamp_ms: millis(row.updatedAt),
      artifact_uri: row.artifactUri,
      status: row.status,
      ...(row.modelType ? { model_type: row.modelType } : {}),
      ...(row.sourceRunId ? { source_run_id: row.sourceRunId } : {}),
      ...(row.statusMessage ? { status_message: row.statusMessage } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    },
    data: params.length > 0 ? { params } : {},
  };
}

export async function loadLoggedModel(db: Database, modelId: string): Promise<LoggedModel> {
  const row = await db.prisma.loggedModel.findUnique({ where: { id: modelId } });
  if (!row) throw notFound(`Logged model with ID '${modelId}' not found.`);
  return row;
}

export async function createLoggedModel(
  db: Database,
  principal: Principal,
  input: {
    experimentId: string;
    name?: string;
    modelType?: string;
    sourceRunId?: string;
    params: KeyValue[];
    tags: KeyValue[];
  },
) {
  const experiment = await getActiveExperiment(db, input.experimentId);
  if (input.sourceRunId) await loadActiveRun(db, input.sourceRunId);
  const id = `m-${randomUUID().replaceAll("-", "")}`;
  const row = await db.prisma.loggedModel.create({
    data: {
      id,
      experimentId: experiment.id,
      name: input.name || generateRunName(),
      modelType: input.modelType ?? "",
      sourceRunId: input.sourceRunId ?? null,
      artifactUri: `${experiment.artifactLocation.replace(/\/+$/, "")}/models/${id}/artifacts`,
      params: mergePairs({}, input.params),
      tags: mergePairs({}, input.tags),
      creatorId: principal.id,
    },
  });
  return toLoggedModelJson(row);
}

export async function finalizeLoggedModel(
  db: Database,
  modelId: string,
  status: LoggedModelStatus,
) {
  await loadLoggedModel(db, modelId);
  const row = await db.prisma.loggedModel.update({ where: { id: modelId }, data: { status } });
  return toLoggedModelJson(row);
}

/** Tags or params merged into the model's map (last write wins), in one statement. */
export async function mergeLoggedModelMap(
  db: Database,
  modelId: string,
  field: "tags" | "params",
  pairs: readonly KeyValue[],
) {
  await loadLoggedModel(db, modelId);
  const added = mergePairs({}, pairs);
  await db.sql.query(
    `UPDATE "LoggedModel" SET "${field}" = "${field}" || $2::jsonb, "updatedAt" = now() WHERE "id" = $1`,
    [modelId, JSON.stringify(added)],
  );
  return toLoggedModelJson(await loadLoggedModel(db, modelId));
}

export async function deleteLoggedModelTag(db: Database, modelId: string, key: string) {
  const current = await loadLoggedModel(db, modelId);
  if (!(key in readMap(current.tags))) {
    throw notFound(`Logged model ${modelId} has no tag ${key}`);
  }
  await db.sql.query(
    `UPDATE "LoggedModel" SET "tags" = "tags" - $2, "updatedAt" = now() WHERE "id" = $1`,
    [modelId, key],
  );
}

export async function deleteLoggedModel(db: Database, modelId: string) {
  await loadLoggedModel(db, modelId);
  await db.prisma.loggedModel.delete({ where: { id: modelId } });
}

export async function searchLoggedModels(
  db: Database,
  input: {
    experimentIds: string[];
    filter?: string;
    maxResults?: number;
    pageToken?: string;
    orderBy: { field_name: string; ascending?: boolean }[];
  },
) {
  if (input.filter && input.filter.trim() !== "") {
    throw invalidParameter("Filtering logged models is not supported by this server");
  }
  const limit = readMaxResults(input.maxResults, { fallback: 50, max: 1000 });
  const offset = readPageToken(input.pageToken);
  const fields: Record<string, string> = {
    creation_timestamp: "createdAt",
    creation_time: "createdAt",
    last_updated_timestamp: "updatedAt",
    name: "name",
    model_id: "id",
  };
  const order = input.orderBy.map((item) => {
    const field = fields[item.field_name];
    if (!field) throw invalidParameter(`Unsupported order_by field '${item.field_name}'`);
    return { [field]: item.ascending === false ? "desc" : "asc" };
  });
  const rows = await db.prisma.loggedModel.findMany({
    where: { experimentId: { in: input.experimentIds } },
    orderBy: [...order, { createdAt: "desc" }, { id: "asc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = toPage(rows, offset, limit);
  return {
    ...(page.items.length > 0 ? { models: page.items.map(toLoggedModelJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}

/** runs/outputs: the logged models a run produced; a model without a source run gets this one. */
export async function logRunOutputs(db: Database, runId: string, modelIds: readonly string[]) {
  await loadActiveRun(db, runId);
  for (const modelId of modelIds) await loadLoggedModel(db, modelId);
  await db.prisma.loggedModel.updateMany({
    where: { id: { in: [...modelIds] }, sourceRunId: null },
    data: { sourceRunId: runId },
  });
}

/** The logged model a `models:/m-...` source or a model_id names, if any. */
export async function findLoggedModelForSource(
  db: Database,
  source: string,
  modelId: string | undefined,
): Promise<LoggedModel | null> {
  const id = modelId || /^models:\/(m-[0-9a-f]+)(?:\/|$)/.exec(source)?.[1];
  return id ? db.prisma.loggedModel.findUnique({ where: { id } }) : null;
}
