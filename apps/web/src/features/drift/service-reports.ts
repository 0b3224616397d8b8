import "server-only";
import { type Database, epochMs } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import type { DriftSeverity } from "./types.ts";

interface ReportRow {
  id: string;
  deploymentId: string;
  baselineDatasetVersionId: string;
  windowStart: number;
  windowEnd: number;
  /** The stored JSON, as text. */
  features: string;
  driftedShare: number;
  severity: DriftSeverity;
  isTooFewRows: boolean;
  computedAt: number;
}

/** A window bound given as epoch milliseconds, as the UTC timestamp the column holds. */
const WINDOW_BOUND = (n: number) => `(to_timestamp($${n}::float8 / 1000) AT TIME ZONE 'UTC')`;

const REPORTS_SQL = `
  SELECT "id", "deploymentId", "baselineDatasetVersionId", ${epochMs('"windowStart"', "windowStart")},
    ${epochMs('"windowEnd"', "windowEnd")}, "features"::text AS "features", "driftedShare",
    "severity"::text AS "severity", "isTooFewRows", ${epochMs('"computedAt"', "computedAt")}
  FROM "DriftReport"
  WHERE "deploymentId" = $1 AND "windowStart" >= coalesce(${WINDOW_BOUND(2)}, '-infinity')
    AND "windowStart" < coalesce(${WINDOW_BOUND(3)}, 'infinity')
  ORDER BY "DriftReport"."windowStart", "DriftReport"."windowEnd"`;

const METRICS_SQL = `
  SELECT m."reportId", m."key", m."value" FROM "WindowMetric" m
  JOIN "DriftReport" r ON r."id" = m."reportId"
  WHERE r."deploymentId" = $1 AND r."windowStart" >= coalesce(${WINDOW_BOUND(2)}, '-infinity')
    AND r."windowStart" < coalesce(${WINDOW_BOUND(3)}, 'infinity')
  ORDER BY m."reportId", m."key"`;

/** One report as the API answers it (DriftReportAnswer), its features spliced in as stored. */
function writeReport(row: ReportRow, metrics: Record<string, number>): string {
  const head = JSON.stringify({
    id: row.id,
    deploymentId: row.deploymentId,
    baselineDatasetVersionId: row.baselineDatasetVersionId,
    windowStart: new Date(row.windowStart).toISOString(),
    windowEnd: new Date(row.windowEnd).toISOString(),
  });
  const tail = JSON.stringify({
    driftedShare: row.driftedShare,
    severity: row.severity,
    isTooFewRows: row.isTooFewRows,
    computedAt: new Date(row.computedAt).toISOString(),
    metrics,
  });
  return `${head.slice(0, -1)},"features":${row.features},${tail.slice(1)}`;
}

/** Windows starting at or after `from` and before `to`; every window without them. */
export interface WindowRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * A deployment's reports with their metrics, oldest window first, as the JSON text of
 * DriftReportAnswer[]. At a year of daily windows that is ~15 MB of features, hence `range`;
 * the features are passed through as the database writes them instead of being parsed and
 * serialized again.
 */
export async function readReportsJson(
  db: Database,
  deploymentId: string,
  range: WindowRange = {},
): Promise<string> {
  const [deployment] = await db.sql.query<{ id: string }>(
    `SELECT "id" FROM "Deployment" WHERE "id" = $1`,
    [deploymentId],
  );
  if (!deployment) throw new AppError("NOT_FOUND", `No deployment ${deploymentId}`);
  const bounds = [deploymentId, range.from?.getTime() ?? null, range.to?.getTime() ?? null];
  const [rows, metrics] = await Promise.all([
    db.sql.query<ReportRow>(REPORTS_SQL, bounds),
    db.sql.query<{ reportId: string; key: string; value: number }>(METRICS_SQL, bounds),
  ]);
  const byReport = new Map<string, Record<string, number>>();
  for (const { reportId, key, value } of metrics) {
    byReport.set(reportId, { ...byReport.get(reportId), [key]: value });
  }
  return `[${rows.map((row) => writeReport(row, byReport.get(row.id) ?? {})).join(",")}]`;
}
