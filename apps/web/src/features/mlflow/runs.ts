import "server-only";
import { randomUUID } from "node:crypto";
import type { Database, Prisma, RunStatus, SqlRunner } from "@pedigree/db";
import type { Principal } from "../../server/auth/principal.ts";
import { invalidParameter, notFound } from "./errors.ts";
import { dedupeTags, getActiveExperiment } from "./experiments.ts";
import { datasetVersionSelect, toDatasetInputJson } from "./inputs.ts";
import { checkKey, checkValue, generateRunName } from "./names.ts";
import { formatDouble, millis, toDate } from "./wire.ts";

export const RUN_NAME_TAG = "mlflow.runName";
const USER_TAG = "mlflow.user";
const COMMIT_TAG = "mlflow.source.git.commit";
const REPO_TAG = "mlflow.source.git.repoURL";

export interface KeyValue {
  key: string;
  value: string;
}

export const runInclude = {
  params: { select: { key: true, value: true } },
  tags: { select: { key: true, value: true } },
  latestMetrics: { select: { key: true, value: true, timestamp: true, step: true } },
  inputs: {
    select: {
      context: true,
      datasetVersion: { select: datasetVersionSelect },
    },
  },
} as const satisfies Prisma.RunInclude;

type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;
type RunInfoRow = Pick<
  RunRow,
  | "id"
  | "name"
  | "experimentId"
  | "userName"
  | "status"
  | "startTime"
  | "endTime"
  | "artifactUri"
  | "lifecycleStage"
>;

export function toRunInfoJson(row: RunInfoRow) {
  return {
    run_id: row.id,
    run_uuid: row.id,
    run_name: row.name,
    experiment_id: row.experimentId,
    user_id: row.userName,
    status: row.status,
    start_time: millis(row.startTime),
    ...(row.endTime ? { end_time: millis(row.endTime) } : {}),
    artifact_uri: row.artifactUri,
    lifecycle_stage: row.lifecycleStage === "ACTIVE" ? "active" : "deleted",
  };
}

const nonEmpty = <K extends string, T>(key: K, items: readonly T[]) =>
  (items.length > 0 ? { [key]: items } : {}) as Partial<Record<K, T[]>>;

/** Run = info, data (latest metrics, params, tags) and inputs, as MLflow writes it. */
export function toRunJson(row: RunRow) {
  const metrics = row.latestMetrics.map((metric) => ({
    key: metric.key,
    value: formatDouble(metric.value),
    timestamp: Number(metric.timestamp),
    step: Number(metric.step),
  }));
  return {
    info: toRunInfoJson(row),
    data: {
      ...nonEmpty("metrics", metrics),
      ...nonEmpty("params", row.params),
      ...nonEmpty("tags", row.tags),
    },
    inputs: nonEmpty("dataset_inputs", row.inputs.map(toDatasetInputJson)),
    outputs: {},
  };
}

export async function getRun(db: Database, runId: string) {
  const row = await db.prisma.run.findUnique({ where: { id: runId }, include: runInclude });
  if (!row) throw notFound(`Run with id=${runId} not found`);
  return toRunJson(row);
}

/** A run that may be written to: it exists and is not deleted. */
/**
 * The run a write goes to, refused unless active. Every log call passes here, so it is plain SQL
 * rather than a Prisma query (whose compilation costs more than the lookup).
 */
export async function loadActiveRun(db: Database, runId: string) {
  const [row] = await db.sql.query<{
    id: string;
    experimentId: string;
    lifecycleStage: string;
    artifactUri: string;
  }>(
    `SELECT "id", "experimentId", "lifecycleStage"::text AS "lifecycleStage", "artifactUri"
     FROM "Run" WHERE "id" = $1`,
    [runId],
  );
  if (!row) throw notFound(`Run with id=${runId} not found`);
  if (row.lifecycleStage !== "ACTIVE") {
    throw invalidParameter(
      `The run ${runId} must be in the 'active' state. Current state is deleted.`,
    );
  }
  return row;
}

/** The commit a run's git tags name, recorded so that provenance can follow it. */
async function linkCommit(db: Database, tags: readonly KeyValue[]): Promise<string | null> {
  const sha = tags.find((tag) => tag.key === COMMIT_TAG)?.value;
  if (!sha) return null;
  const repo = tags.find((tag) => tag.key === REPO_TAG)?.value ?? "";
  const commit = await db.prisma.codeCommit.upsert({
    where: { repo_sha: { repo, sha } },
    create: { repo, sha },
    update: {},
    select: { id: true },
  });
  return commit.id;
}

export async function createRun(
  db: Database,
  principal: Principal,
  input: {
    experimentId?: string;
    userId?: string;
    runName?: string;
    startTime?: number;
    tags: KeyValue[];
  },
) {
  const experiment = await getActiveExperiment(db, input.experimentId || "0");
  const tags = dedupeTags(input.tags);
  for (const tag of tags) {
    checkKey("tag", tag.key);
    checkValue("tag", tag.key, tag.value);
  }
  const taggedName = tags.find((tag) => tag.key === RUN_NAME_TAG)?.value;
  if (input.runName && taggedName && input.runName !== taggedName) {
    throw invalidParameter(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${taggedName}').`,
    );
  }
  const name = input.runName || taggedName || generateRunName();
  if (!taggedName) tags.push({ key: RUN_NAME_TAG, value: name });
  const id = randomUUID().replaceAll("-", "");
  const row = await db.prisma.run.create({
    data: {
      id,
      experimentId: experiment.id,
      name,
      startTime: toDate(input.startTime ?? Date.now(), "start_time"),
      userName: input.userId ?? tags.find((tag) => tag.key === USER_TAG)?.value ?? principal.email,
      ownerId: principal.id,
      commitId: await linkCommit(db, tags),
      artifactUri: `${experiment.artifactLocation.replace(/\/+$/, "")}/${id}/artifacts`,
      tags: { create: tags },
    },
    include: runInclude,
  });
  return toRunJson(row);
}

export async function updateRun(
  db: Database,
  input: { runId: string; status?: RunStatus; endTime?: number; runName?: string },
) {
  await loadActiveRun(db, input.runId);
  const row = await db.prisma.run.update({
    where: { id: input.runId },
    data: {
      ...(input.status ? { status: input.status } : {}),
      ...(input.endTime !== undefined ? { endTime: toDate(input.endTime, "end_time") } : {}),
      ...(input.runName ? { name: input.runName } : {}),
    },
  });
  if (input.runName)
    await setTags(db.sql, input.runId, [{ key: RUN_NAME_TAG, value: input.runName }]);
  return toRunInfoJson(row);
}

export async function setRunLifecycle(
  db: Database,
  runId: string,
  stage: "ACTIVE" | "DELETED",
): Promise<void> {
  const { count } = await db.prisma.run.updateMany({
    where: { id: runId },
    data: { lifecycleStage: stage },
  });
  if (count === 0) throw notFound(`Run with id=${runId} not found`);
}

/** Write-once params: the same value again is a no-op, another value a refusal. */
export async function logParams(sql: SqlRunner, runId: string, params: readonly KeyValue[]) {
  if (params.length === 0) return;
  const seen = new Set<string>();
  for (const param of params) {
    checkKey("param", param.key);
    checkValue("param", param.key, param.value);
    if (seen.has(param.key)) {
      throw invalidParameter(`Duplicate parameter keys have been submitted: ['${param.key}']`);
    }
    seen.add(param.key);
  }
  // The CTE's insert is invisible to the outer SELECT: it sees only params logged before.
  const changed = await sql.query<{ key: string; existing: string; given: string }>(
    `WITH input AS (SELECT * FROM unnest($2::text[], $3::text[]) AS t("key", "value")),
     inserted AS (
       INSERT INTO "Param" ("runId", "key", "value") SELECT $1, "key", "value" FROM input
       ON CONFLICT DO NOTHING
     )
     SELECT p."key", p."value" AS existing, i."value" AS given
     FROM "Param" p JOIN input i ON p."key" = i."key"
     WHERE p."runId" = $1 AND p."value" <> i."value"`,
    [runId, params.map((p) => p.key), params.map((p) => p.value)],
  );
  const first = changed[0];
  if (first) {
    throw invalidParameter(
      `Changing param values is not allowed. Param with key='${first.key}' was already logged with value='${first.existing}' for run ID='${runId}'. Attempted logging new value '${first.given}'.`,
    );
  }
}

/** Tags are upserted, last write wins; `mlflow.runName` also renames the run. */
export async function setTags(sql: SqlRunner, runId: string, input: readonly KeyValue[]) {
  if (input.length === 0) return;
  for (const tag of input) {
    checkKey("tag", tag.key);
    checkValue("tag", tag.key, tag.value);
  }
  const tags = dedupeTags(input);
  await sql.query(
    `INSERT INTO "RunTag" ("runId", "key", "value")
     SELECT $1, "key", "value" FROM unnest($2::text[], $3::text[]) AS t("key", "value")
     ON CONFLICT ("runId", "key") DO UPDATE SET "value" = EXCLUDED."value"`,
    [runId, tags.map((t) => t.key), tags.map((t) => t.value)],
  );
  const renamed = tags.find((tag) => tag.key === RUN_NAME_TAG);
  if (renamed) {
    await sql.query(`UPDATE "Run" SET "name" = $2 WHERE "id" = $1`, [runId, renamed.value]);
  }
}

export async function deleteTag(db: Database, runId: string, key: string): Promise<void> {
  await loadActiveRun(db, runId);
  const { count } = await db.prisma.runTag.deleteMany({ where: { runId, key } });
  if (count === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
}
