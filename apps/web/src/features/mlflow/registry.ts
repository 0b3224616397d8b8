import "server-only";
import type { Database, Prisma, Stage } from "@pedigree/db";
import { invalidParameter, mlflowError, notFound } from "./errors.ts";
import { readOrderBy, stringCondition } from "./experiments.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import { parseSimpleFilter, type SimpleClause } from "./simple-filter.ts";
import { millis } from "./wire.ts";

export const STAGE_NAMES: Record<Stage, string> = {
  NONE: "None",
  STAGING: "Staging",
  PRODUCTION: "Production",
  ARCHIVED: "Archived",
};

/** MLflow's stage names, in any case, as our Stage. */
export function readStage(name: string): Stage {
  const found = (Object.keys(STAGE_NAMES) as Stage[]).find(
    (stage) => STAGE_NAMES[stage].toLowerCase() === name.trim().toLowerCase(),
  );
  if (!found) {
    throw invalidParameter(
      `Invalid Model Version stage: ${name}. Value must be one of None, Staging, Production, Archived.`,
    );
  }
  return found;
}

export const versionInclude = {
  model: { select: { name: true } },
  tags: { select: { key: true, value: true } },
  aliases: { select: { alias: true } },
  run: { select: { artifactUri: true } },
} as const satisfies Prisma.ModelVersionInclude;

export type VersionRow = Prisma.ModelVersionGetPayload<{ include: typeof versionInclude }>;

const nonEmpty = <K extends string, T>(key: K, items: readonly T[]) =>
  (items.length > 0 ? { [key]: items } : {}) as Partial<Record<K, T[]>>;

export function toModelVersionJson(row: VersionRow) {
  return {
    name: row.model.name,
    version: String(row.version),
    creation_timestamp: millis(row.createdAt),
    last_updated_timestamp: millis(row.updatedAt),
    current_stage: STAGE_NAMES[row.stage],
    ...(row.description ? { description: row.description } : {}),
    source: row.source,
    ...(row.runId ? { run_id: row.runId } : {}),
    status: row.status,
    ...nonEmpty("tags", row.tags),
    ...nonEmpty(
      "aliases",
      row.aliases.map((a) => a.alias),
    ),
  };
}

/** Where the version's files are: a runs:/ source resolved against the run's artifact root. */
export function readDownloadUri(row: VersionRow): string {
  const match = /^runs:\/([^/]+)\/?(.*)$/.exec(row.source);
  if (match && row.run && match[1] === row.runId) {
    const rest = match[2] ?? "";
    return rest ? `${row.run.artifactUri}/${rest}` : row.run.artifactUri;
  }
  return row.source;
}

export const modelInclude = {
  tags: { select: { key: true, value: true } },
  aliases: { select: { alias: true, version: { select: { version: true } } } },
  versions: { where: { status: "READY" }, include: versionInclude },
} as const satisfies Prisma.RegisteredModelInclude;

type ModelRow = Prisma.RegisteredModelGetPayload<{ include: typeof modelInclude }>;

/** The newest READY version in each stage, as `latest_versions` lists them. */
export function pickLatestPerStage(versions: readonly VersionRow[], stages?: readonly Stage[]) {
  const latest = new Map<Stage, VersionRow>();
  for (const version of versions) {
    const current = latest.get(version.stage);
    if (!current || current.version < version.version) latest.set(version.stage, version);
  }
  return [...latest.values()]
    .filter((version) => !stages || stages.length === 0 || stages.includes(version.stage))
    .sort((a, b) => a.version - b.version);
}

export function toRegisteredModelJson(row: ModelRow) {
  return {
    name: row.name,
    creation_timestamp: millis(row.createdAt),
    last_updated_timestamp: millis(row.updatedAt),
    ...(row.description ? { description: row.description } : {}),
    ...nonEmpty("latest_versions", pickLatestPerStage(row.versions).map(toModelVersionJson)),
    ...nonEmpty("tags", row.tags),
    ...nonEmpty(
      "aliases",
      row.aliases.map((a) => ({ alias: a.alias, version: String(a.version.version) })),
    ),
  };
}

export async function loadModel(db: Database, name: string): Promise<ModelRow> {
  const row = await db.prisma.registeredModel.findUnique({
    where: { name },
    include: modelInclude,
  });
  if (!row) throw notFound(`Registered Model with name=${name} not found`);
  return row;
}

export async function loadVersion(
  db: Database,
  name: string,
  version: number,
): Promise<VersionRow> {
  const row = await db.prisma.modelVersion.findFirst({
    where: { version, model: { name } },
    include: versionInclude,
  });
  if (!row) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  return row;
}

function checkTag(key: string, value: string): void {
  if (key === "" || key.length > 250)
    throw invalidParameter("Tag keys must be 1 to 250 characters");
  if (value.length > 100_000) throw invalidParameter("Tag values are limited to 100000 characters");
}

export async function createRegisteredModel(
  db: Database,
  input: { name: string; description?: string; tags: { key: string; value: string }[] },
) {
  if (input.name.trim() === "") throw invalidParameter("Registered model name cannot be empty.");
  for (const tag of input.tags) checkTag(tag.key, tag.value);
  const existing = await db.prisma.registeredModel.findUnique({ where: { name: input.name } });
  if (existing) {
    throw mlflowError(
      "RESOURCE_ALREADY_EXISTS",
      `Registered Model (name=${input.name}) already exists.`,
    );
  }
  const tags = [...new Map(input.tags.map((tag) => [tag.key, tag])).values()];
  const row = await db.prisma.registeredModel.create({
    data: { name: input.name, description: input.description ?? "", tags: { create: tags } },
    include: modelInclude,
  });
  return toRegisteredModelJson(row);
}

export async function updateRegisteredModel(
  db: Database,
  name: string,
  change: { description?: string; newName?: string },
) {
  const model = await loadModel(db, name);
  if (change.newName !== undefined && change.newName !== name) {
    if (change.newName.trim() === "")
      throw invalidParameter("Registered model name cannot be empty.");
    const taken = await db.prisma.registeredModel.findUnique({ where: { name: change.newName } });
    if (taken) {
      throw mlflowError(
        "RESOURCE_ALREADY_EXISTS",
        `Registered Model (name=${change.newName}) already exists.`,
      );
    }
  }
  const row = await db.prisma.registeredModel.update({
    where: { id: model.id },
    data: {
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.newName !== undefined ? { name: change.newName } : {}),
    },
    include: modelInclude,
  });
  return toRegisteredModelJson(row);
}

/** A model whose version serves production is not deleted through MLflow: roll back first. */
export async function deleteRegisteredModel(db: Database, name: string): Promise<void> {
  const model = await loadModel(db, name);
  if (model.versions.some((version) => version.stage === "PRODUCTION")) {
    throw mlflowError(
      "PERMISSION_DENIED",
      `Registered Model ${name} has a version in Production; archive it through Pedigree's rollback first.`,
    );
  }
  await db.prisma.registeredModel.delete({ where: { id: model.id } });
}

export async function setModelTag(db: Database, name: string, tag: { key: string; value: string }) {
  checkTag(tag.key, tag.value);
  const model = await loadModel(db, name);
  await db.prisma.registeredModelTag.upsert({
    where: { modelId_key: { modelId: model.id, key: tag.key } },
    create: { modelId: model.id, ...tag },
    update: { value: tag.value },
  });
}

export async function deleteModelTag(db: Database, name: string, key: string) {
  const model = await loadModel(db, name);
  const { count } = await db.prisma.registeredModelTag.deleteMany({
    where: { modelId: model.id, key },
  });
  if (count === 0) throw notFound(`Registered model ${name} has no tag ${key}`);
}

function toModelWhere(clause: SimpleClause): Prisma.RegisteredModelWhereInput {
  if (clause.entity === "attribute") return { name: stringCondition(clause) };
  // A missing tag is "not equal" too: the Python client appends
  // tags.`mlflow.prompt.is_prompt` != 'true' to every search.
  if (clause.op === "!=")
    return { NOT: { tags: { some: { key: clause.key, value: clause.value } } } };
  return { tags: { some: { key: clause.key, value: stringCondition(clause) } } };
}

export async function searchRegisteredModels(
  db: Database,
  input: { filter?: string; orderBy: string[]; maxResults?: number; pageToken?: string },
) {
  const limit = readMaxResults(input.maxResults, { fallback: 100, max: 1000 });
  const offset = readPageToken(input.pageToken);
  const clauses = parseSimpleFilter(input.filter ?? "", ["name"]);
  const order = readOrderBy(input.orderBy, {
    name: "name",
    timestamp: "createdAt",
    creation_timestamp: "createdAt",
    last_updated_timestamp: "updatedAt",
  }).map(({ field, direction }) => ({ [field]: direction }));
  const rows = await db.prisma.registeredModel.findMany({
    where: { AND: clauses.map(toModelWhere) },
    include: modelInclude,
    orderBy: [...order, { name: "asc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = toPage(rows, offset, limit);
  return {
    ...nonEmpty("registered_models", page.items.map(toRegisteredModelJson)),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
}
