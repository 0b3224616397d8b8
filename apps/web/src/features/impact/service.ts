import "server-only";
import { type Database, Prisma } from "@pedigree/db";
import { IMPACT_ROW_CAP, type ImpactReport } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";

export type ImpactStart = { partition: string } | { datasetVersion: string };

/** The dataset versions to start from: those built from the partition, or the one named. */
function startSet(start: ImpactStart): Prisma.Sql {
  return "partition" in start
    ? Prisma.sql`SELECT dvp."datasetVersionId" AS id
        FROM "RawPartition" p
        JOIN "DatasetVersionPartition" dvp ON dvp."partitionId" = p.id
        WHERE p.uri = ${start.partition}`
    : Prisma.sql`SELECT dv.id FROM "DatasetVersion" dv WHERE dv.id = ${start.datasetVersion}`;
}

/**
 * An input edge and an output edge of the same OpenLineage run; for JobEvents (no run), of the
 * same job. Each side is served by an index: (runId, direction) or (jobId, direction).
 */
const SAME_RUN = Prisma.sql`(
  (i."runId" IS NOT NULL AND o."runId" = i."runId")
  OR (i."runId" IS NULL AND o."runId" IS NULL AND o."jobId" = i."jobId")
)`;

/**
 * Every dataset version downstream of the start, walking OpenLineage runs that read one
 * registered dataset version and wrote another. UNION (not UNION ALL) drops rows already
 * found, so a cycle ends the walk instead of looping.
 */
function downstream(start: ImpactStart): Prisma.Sql {
  return Prisma.sql`WITH RECURSIVE downstream(id) AS (
    ${startSet(start)}
    UNION
    SELECT o."datasetVersionId"
    FROM downstream d
    JOIN "OpenLineageEdge" i ON i."datasetVersionId" = d.id AND i.direction = 'INPUT'
    JOIN "OpenLineageEdge" o ON o.direction = 'OUTPUT' AND o."datasetVersionId" IS NOT NULL
      AND ${SAME_RUN}
  ),
  models(id, via) AS (
    SELECT mv.id, ri."datasetVersionId"
    FROM downstream d
    JOIN "RunInput" ri ON ri."datasetVersionId" = d.id
    JOIN "ModelVersion" mv ON mv."runId" = ri."runId"
    UNION
    SELECT o."modelVersionId", i."datasetVersionId"
    FROM downstream d
    JOIN "OpenLineageEdge" i ON i."datasetVersionId" = d.id AND i.direction = 'INPUT'
    JOIN "OpenLineageEdge" o ON o.direction = 'OUTPUT' AND o."modelVersionId" IS NOT NULL
      AND ${SAME_RUN}
  )`;
}

interface DatasetVersionRow {
  id: string;
  name: string;
  createdAt: Date;
}
interface ModelVersionRow {
  name: string;
  version: number;
  stage: string;
  via: string;
}
interface DeploymentRow {
  service: string;
  environment: string;
  name: string;
  version: number;
  stage: string;
  startedAt: Date;
  endedAt: Date | null;
}

async function assertStartExists(db: Database, start: ImpactStart): Promise<void> {
  if ("partition" in start) {
    const found = await db.prisma.rawPartition.findFirst({
      where: { uri: start.partition },
      select: { id: true },
    });
    if (!found) throw new AppError("NOT_FOUND", `No raw partition with uri ${start.partition}`);
    return;
  }
  const found = await db.prisma.datasetVersion.findUnique({
    where: { id: start.datasetVersion },
    select: { id: true },
  });
  if (!found) throw new AppError("NOT_FOUND", `No dataset version ${start.datasetVersion}`);
}

/**
 * "This partition was corrupt: what is affected?" Three queries over the same recursive walk:
 * the dataset versions, the model versions trained on any of them (production first), and those
 * versions' deployments (open ones first). Each list stops at IMPACT_ROW_CAP rows.
 */
export async function getImpact(db: Database, start: ImpactStart): Promise<ImpactReport> {
  await assertStartExists(db, start);
  const limit = IMPACT_ROW_CAP + 1;
  const walk = downstream(start);
  const datasetVersions = await db.prisma.$queryRaw<DatasetVersionRow[]>`${walk}
    SELECT dv.id, ds.name, dv."createdAt"
    FROM downstream d
    JOIN "DatasetVersion" dv ON dv.id = d.id
    JOIN "Dataset" ds ON ds.id = dv."datasetId"
    ORDER BY ds.name, dv."createdAt" DESC, dv.id
    LIMIT ${limit}`;
  const modelRows = await db.prisma.$queryRaw<ModelVersionRow[]>`${walk}
    SELECT rm.name, mv.version, mv.stage::text AS stage,
      string_agg(DISTINCT m.via, ',' ORDER BY m.via) AS via
    FROM models m
    JOIN "ModelVersion" mv ON mv.id = m.id
    JOIN "RegisteredModel" rm ON rm.id = mv."modelId"
    GROUP BY rm.name, mv.version, mv.stage
    ORDER BY (mv.stage = 'PRODUCTION') DESC, rm.name, mv.version DESC
    LIMIT ${limit}`;
  const deploymentRows = await db.prisma.$queryRaw<DeploymentRow[]>`${walk}
    SELECT dep.service, dep.environment, rm.name, mv.version, mv.stage::text AS stage,
      dep."startedAt", dep."endedAt"
    FROM "Deployment" dep
    JOIN "ModelVersion" mv ON mv.id = dep."versionId"
    JOIN "RegisteredModel" rm ON rm.id = mv."modelId"
    WHERE dep."versionId" IN (SELECT id FROM models)
    ORDER BY (dep."endedAt" IS NULL) DESC, (mv.stage = 'PRODUCTION') DESC, dep.service,
      dep.environment, dep."startedAt" DESC
    LIMIT ${limit}`;
  return {
    start,
    isTruncated: [datasetVersions, modelRows, deploymentRows].some(
      (rows) => rows.length > IMPACT_ROW_CAP,
    ),
    datasetVersions: datasetVersions.slice(0, IMPACT_ROW_CAP).map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
    })),
    modelVersions: modelRows.slice(0, IMPACT_ROW_CAP).map((row) => ({
      name: row.name,
      version: Number(row.version),
      stage: row.stage,
      isProduction: row.stage === "PRODUCTION",
      datasetVersionIds: row.via.split(","),
    })),
    deployments: deploymentRows.slice(0, IMPACT_ROW_CAP).map((row) => ({
      service: row.service,
      environment: row.environment,
      model: row.name,
      version: Number(row.version),
      isProduction: row.stage === "PRODUCTION",
      isActive: row.endedAt === null,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
    })),
  };
}
