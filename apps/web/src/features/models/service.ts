import "server-only";
import { type Database, Prisma } from "@pedigree/db";
import { MODELS_PAGE_SIZE, type ModelListRequest, toContainsPattern } from "./list-request.ts";
import type { ModelPage, ModelSummary } from "./types.ts";

interface SummaryRow {
  name: string;
  description: string;
  productionVersion: number | null;
  stagingVersion: number | null;
  latestVersion: number | null;
  openRequests: number;
  lastActivity: Date;
}

function nameFilter(query: string): Prisma.Sql {
  return query
    ? Prisma.sql`WHERE m."name" ILIKE ${toContainsPattern(query)} ESCAPE '\\'`
    : Prisma.empty;
}

/**
 * The models chosen by `filter` and `window`, by name, each with its production, staging and
 * latest version numbers and its count of open promotion requests. The window is cut first and
 * only its models' versions are aggregated (a lateral join per model on its own index entries),
 * so a page costs the same however many models there are. Several versions in STAGING: the newest.
 */
async function summarizeModels(
  db: Database,
  filter: Prisma.Sql,
  window: Prisma.Sql,
): Promise<ModelSummary[]> {
  const rows = await db.prisma.$queryRaw<SummaryRow[]>`
    WITH chosen AS (
      SELECT m."id", m."name", m."description", m."updatedAt"
      FROM "RegisteredModel" m
      ${filter}
      ORDER BY m."name"
      ${window}
    )
    SELECT c."name", c."description",
      v."productionVersion", v."stagingVersion", v."latestVersion",
      (SELECT COUNT(*)::int FROM "PromotionRequest" r
        JOIN "ModelVersion" rv ON rv."id" = r."versionId"
        WHERE rv."modelId" = c."id" AND r."status" = 'PENDING') AS "openRequests",
      GREATEST(c."updatedAt", v."lastStageChange", v."lastCreated") AS "lastActivity"
    FROM chosen c
    CROSS JOIN LATERAL (
      SELECT
        MAX(mv."version") FILTER (WHERE mv."stage" = 'PRODUCTION') AS "productionVersion",
        MAX(mv."version") FILTER (WHERE mv."stage" = 'STAGING') AS "stagingVersion",
        MAX(mv."version") AS "latestVersion",
        MAX(mv."stageChangedAt") AS "lastStageChange",
        MAX(mv."createdAt") AS "lastCreated"
      FROM "ModelVersion" mv
      WHERE mv."modelId" = c."id"
    ) v
    ORDER BY c."name"`;
  return rows.map((row) => ({
    name: row.name,
    description: row.description,
    productionVersion: row.productionVersion,
    stagingVersion: row.stagingVersion,
    latestVersion: row.latestVersion,
    openRequests: row.openRequests,
    updatedAt: row.lastActivity.toISOString(),
  }));
}

/** Every registered model, by name (GET /api/v1/models). */
export function listModels(db: Database): Promise<ModelSummary[]> {
  return summarizeModels(db, Prisma.empty, Prisma.empty);
}

/**
 * One page of the models whose name contains `query` (any case; `%`, `_` and `\` literal), by
 * name, with how many match in all. A page past the end is empty, its total still counted.
 */
export async function listModelPage(
  db: Database,
  { query, page }: ModelListRequest,
  pageSize: number = MODELS_PAGE_SIZE,
): Promise<ModelPage> {
  const filter = nameFilter(query);
  const offset = (page - 1) * pageSize;
  const [models, [count]] = await Promise.all([
    summarizeModels(db, filter, Prisma.sql`LIMIT ${pageSize} OFFSET ${offset}`),
    db.prisma.$queryRaw<{ total: number }[]>`
      SELECT COUNT(*)::int AS total FROM "RegisteredModel" m ${filter}`,
  ]);
  return { models, total: count?.total ?? 0, page, pageSize };
}
