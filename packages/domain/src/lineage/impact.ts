/** What depends on a raw partition or a dataset version (GET /api/v1/impact). */
export interface ImpactReport {
  start: { partition: string } | { datasetVersion: string };
  /** A list reached its cap (IMPACT_ROW_CAP rows); the rest is not shown. */
  isTruncated: boolean;
  /** The dataset versions built from the start, and those built from them (through OpenLineage). */
  datasetVersions: { id: string; name: string; createdAt: string }[];
  modelVersions: {
    name: string;
    version: number;
    stage: string;
    isProduction: boolean;
    /** The dataset versions of the report it was trained on (or OpenLineage says it read). */
    datasetVersionIds: string[];
  }[];
  deployments: {
    service: string;
    environment: string;
    model: string;
    version: number;
    isProduction: boolean;
    isActive: boolean;
    startedAt: string;
    endedAt: string | null;
  }[];
}

/** Rows per list at most, as DataHub caps its impact export. */
export const IMPACT_ROW_CAP = 10_000;

const CSV_COLUMNS = [
  "kind",
  "name",
  "version",
  "stage",
  "production",
  "service",
  "environment",
  "active",
  "started_at",
  "ended_at",
] as const;

/** RFC 4180: quote a field when it holds a comma, quote or line break; a leading =+-@ is defused. */
function escapeCsv(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per dataset version, model version and deployment, production first in each group. */
export function formatImpactCsv(report: ImpactReport): string {
  const rows: (string | number | boolean | null)[][] = [[...CSV_COLUMNS]];
  for (const d of report.datasetVersions) {
    rows.push(["dataset_version", d.name, d.id, "", "", "", "", "", d.createdAt, ""]);
  }
  for (const m of report.modelVersions) {
    rows.push(["model_version", m.name, m.version, m.stage, m.isProduction, "", "", "", "", ""]);
  }
  for (const d of report.deployments) {
    rows.push([
      "deployment",
      d.model,
      d.version,
      "",
      d.isProduction,
      d.service,
      d.environment,
      d.isActive,
      d.startedAt,
      d.endedAt,
    ]);
  }
  return `${rows.map((row) => row.map(escapeCsv).join(",")).join("\r\n")}\r\n`;
}
