import "server-only";
import { type Database, epochMs } from "@pedigree/db";
import { parseFeatureDrifts } from "./parse.ts";
import type { DriftSeverity, FeatureDriftView } from "./types.ts";

/** A window of a deployment, as the list, the performance series and the trend need it. */
export interface StoredWindow {
  id: string;
  windowStart: Date;
  windowEnd: Date;
  baselineDatasetVersionId: string;
  driftedShare: number;
  severity: DriftSeverity;
  isTooFewRows: boolean;
  metrics: { key: string; value: number }[];
}

const WINDOWS_SQL = `
  SELECT "id", ${epochMs('"windowStart"', "windowStart")}, ${epochMs('"windowEnd"', "windowEnd")},
    "baselineDatasetVersionId", "driftedShare", "severity"::text AS "severity", "isTooFewRows"
  FROM "DriftReport" WHERE "deploymentId" = $1
  ORDER BY "DriftReport"."windowStart" DESC, "DriftReport"."windowEnd" DESC`;

/** Windows starting at or after `from` and before `to`; every window without them. */
export interface WindowRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * The SQL condition of a WindowRange on a report (`alias`), given as $2 and $3 in epoch
 * milliseconds (rangeParams) and compared as the UTC timestamps the column holds.
 */
export const inWindowRange = (alias: string) => {
  const bound = (n: number) => `(to_timestamp($${n}::float8 / 1000) AT TIME ZONE 'UTC')`;
  return `${alias}."windowStart" >= coalesce(${bound(2)}, '-infinity')
    AND ${alias}."windowStart" < coalesce(${bound(3)}, 'infinity')`;
};

/** The parameters of a query on one deployment's windows in `range`: $1, $2 and $3. */
export const rangeParams = (deploymentId: string, range: WindowRange) => [
  deploymentId,
  range.from?.getTime() ?? null,
  range.to?.getTime() ?? null,
];

const METRICS_SQL = `
  SELECT m."reportId", m."key", m."value" FROM "WindowMetric" m
  JOIN "DriftReport" r ON r."id" = m."reportId"
  WHERE r."deploymentId" = $1 AND ${inWindowRange("r")}
  ORDER BY m."reportId", m."key"`;

/** The metrics of a deployment's windows in `range` by report id, each report's in key order. */
export async function loadWindowMetrics(
  db: Database,
  deploymentId: string,
  range: WindowRange = {},
): Promise<Map<string, StoredWindow["metrics"]>> {
  const rows = await db.sql.query<{ reportId: string; key: string; value: number }>(
    METRICS_SQL,
    rangeParams(deploymentId, range),
  );
  const byReport = new Map<string, StoredWindow["metrics"]>();
  for (const { reportId, key, value } of rows) {
    const list = byReport.get(reportId) ?? [];
    list.push({ key, value });
    byReport.set(reportId, list);
  }
  return byReport;
}

type WindowRow = Omit<StoredWindow, "windowStart" | "windowEnd" | "metrics"> & {
  windowStart: number;
  windowEnd: number;
};

/**
 * A deployment's windows with their metrics, newest first, without their features (~40 KB of
 * JSON a report at 200 features). Raw SQL: at a year of daily windows, Prisma's own handling
 * of the rows cost several times the query.
 */
export async function loadWindows(db: Database, deploymentId: string): Promise<StoredWindow[]> {
  const [rows, byReport] = await Promise.all([
    db.sql.query<WindowRow>(WINDOWS_SQL, [deploymentId]),
    loadWindowMetrics(db, deploymentId),
  ]);
  return rows.map((row) => ({
    ...row,
    windowStart: new Date(row.windowStart),
    windowEnd: new Date(row.windowEnd),
    metrics: byReport.get(row.id) ?? [],
  }));
}

/** One report's features, worst first. */
export async function loadFeatures(db: Database, reportId: string): Promise<FeatureDriftView[]> {
  const row = await db.prisma.driftReport.findUnique({
    where: { id: reportId },
    select: { features: true },
  });
  return parseFeatureDrifts(row?.features);
}

// The entries of each report named after the feature, picked in the database so that only
// these (a few hundred bytes a report) leave it. Strict mode: an entry that is not an object,
// or has no name, fails the filter instead of being unwrapped; parseFeatureDrifts judges the rest.
const MATCHES_SQL = `
  SELECT "id",
    CASE WHEN jsonb_typeof("features") = 'array'
      THEN jsonb_path_query_array("features", 'strict $[*] ? (@.feature == $name)',
        jsonb_build_object('name', $2::text))
    END AS "matches"
  FROM "DriftReport" WHERE "deploymentId" = $1`;

/** Per report id of the deployment, the report's entries for `feature` (unparsed JSON). */
export async function loadFeatureMatches(
  db: Database,
  deploymentId: string,
  feature: string,
): Promise<Map<string, unknown>> {
  const rows = await db.sql.query<{ id: string; matches: unknown }>(MATCHES_SQL, [
    deploymentId,
    feature,
  ]);
  return new Map(rows.map((row) => [row.id, row.matches]));
}
