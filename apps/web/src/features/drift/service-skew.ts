import "server-only";
import { type Database, epochMs } from "@pedigree/db";
import { parseFeatureDrifts } from "./parse.ts";
import type { DriftSeverity } from "./types.ts";

/** A live deployment's first serving window against its training baseline. */
export interface SkewView {
  deploymentId: string;
  service: string;
  environment: string;
  version: number;
  windowStart: string;
  severity: DriftSeverity;
  isTooFewRows: boolean;
  /** Features with significant drift in that first window, worst first. */
  skewed: { feature: string; psi: number }[];
}

// The first report of each open deployment is picked by id through the unique index on
// (deploymentId, windowStart, windowEnd), so that only its features (~40 KB of JSON at 200
// features) are read: fetching the relation through Prisma read every report's features to keep
// one. The inner join leaves out deployments without reports.
const SKEW_SQL = `
  SELECT d."id" AS "deploymentId", d."service", d."environment", v."version",
    ${epochMs('r."windowStart"', "windowStart")},
    r."severity"::text AS "severity", r."isTooFewRows", r."features"
  FROM "Deployment" d
  JOIN "ModelVersion" v ON v."id" = d."versionId"
  JOIN "RegisteredModel" m ON m."id" = v."modelId"
  JOIN LATERAL (
    SELECT "id" FROM "DriftReport" WHERE "deploymentId" = d."id"
    ORDER BY "windowStart" ASC, "windowEnd" ASC LIMIT 1
  ) first ON true
  JOIN "DriftReport" r ON r."id" = first."id"
  WHERE m."name" = $1 AND d."endedAt" IS NULL
  ORDER BY d."environment" ASC, d."startedAt" DESC, d."id" ASC`;

interface SkewRow {
  deploymentId: string;
  service: string;
  environment: string;
  version: number;
  windowStart: number;
  severity: DriftSeverity;
  isTooFewRows: boolean;
  features: unknown;
}

/**
 * Training-serving skew: for each deployment of the model still serving, its first window's
 * report (computed when the window arrived; nothing is recomputed here). Drift that is already
 * there on day one is a difference between training and serving, not a change over time.
 */
export async function getSkewViews(db: Database, model: string): Promise<SkewView[]> {
  const rows = await db.sql.query<SkewRow>(SKEW_SQL, [model]);
  return rows.map((row) => ({
    deploymentId: row.deploymentId,
    service: row.service,
    environment: row.environment,
    version: row.version,
    windowStart: new Date(row.windowStart).toISOString(),
    severity: row.severity,
    isTooFewRows: row.isTooFewRows,
    skewed: parseFeatureDrifts(row.features)
      .filter((feature) => feature.severity === "SIGNIFICANT")
      .map((feature) => ({ feature: feature.feature, psi: feature.psi })),
  }));
}
