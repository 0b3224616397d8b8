import "server-only";
import type { Database } from "@pedigree/db";
import type { ModelSummary } from "./types.ts";

interface SummaryRow {
  name: string;
  description: string;
  productionVersion: number | null;
  stagingVersion: number | null;
  latestVersion: number | null;
  openRequests: number;
  lastActivity: Date;
}

/**
 * Every registered model with its production, staging and latest version numbers and its count
 * of open promotion requests, in one aggregate query (no query per model). Several versions in STAGING: the newest is shown.
 */
export async function listModels(db: Database): Promise<ModelSummary[]> {
  const rows = await db.prisma.$queryRaw<SummaryRow[]>`
    SELECT m."name", m."description",
      MAX(v."version") FILTER (WHERE v."stage" = 'PRODUCTION') AS "productionVersion",
      MAX(v."version") FILTER (WHERE v."stage" = 'STAGING') AS "stagingVersion",
      MAX(v."version") AS "latestVersion",
      (SELECT COUNT(*)::int FROM "PromotionRequest" r
        JOIN "ModelVersion" rv ON rv."id" = r."versionId"
        WHERE rv."modelId" = m."id" AND r."status" = 'PENDING') AS "openRequests",
      GREATEST(m."updatedAt", MAX(v."stageChangedAt"), MAX(v."createdAt")) AS "lastActivity"
    FROM "RegisteredModel" m
    LEFT JOIN "ModelVersion" v ON v."modelId" = m."id"
    GROUP BY m."id"
    ORDER BY m."name"`;
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
