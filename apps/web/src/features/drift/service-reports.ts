import "server-only";
import { type Database, epochMs } from "@pedigree/db";
import { AppError } from "../../server/errors.ts";
import {
  inWindowRange,
  loadWindowMetrics,
  rangeParams,
  type StoredWindow,
  type WindowRange,
} from "./service-windows.ts";
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

const REPORTS_SQL = `
  SELECT "id", "deploymentId", "baselineDatasetVersionId", ${epochMs('"windowStart"', "windowStart")},
    ${epochMs('"windowEnd"', "windowEnd")}, "features"::text AS "features", "driftedShare",
    "severity"::text AS "severity", "isTooFewRows", ${epochMs('"computedAt"', "computedAt")}
  FROM "DriftReport" r
  WHERE "deploymentId" = $1 AND ${inWindowRange("r")}
  ORDER BY r."windowStart", r."windowEnd"`;

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
  const [rows, byReport] = await Promise.all([
    db.sql.query<ReportRow>(REPORTS_SQL, rangeParams(deploymentId, range)),
    loadWindowMetrics(db, deploymentId, range),
  ]);
  const toRecord = (metrics: StoredWindow["metrics"] = []) =>
    Object.fromEntries(metrics.map(({ key, value }) => [key, value]));
  return `[${rows.map((row) => writeReport(row, toRecord(byReport.get(row.id)))).join(",")}]`;
}
