import type { RunColumn } from "./columns.ts";
import type { RunRecord } from "./types.ts";

/**
 * One CSV field (RFC 4180 quoting). A text that a spreadsheet would run as a formula gets a
 * leading apostrophe, since params and tags are whatever a training script logged.
 */
export function formatCsvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? (Number.isNaN(value) ? "NaN" : String(value)) : value;
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(formatCsvField).join(",")}\r\n`;
}

export const CSV_ATTRIBUTE_HEADER = [
  "run_id",
  "run_name",
  "status",
  "start_time",
  "end_time",
  "user_id",
];

export function readRunCell(
  run: Pick<RunRecord, "metrics" | "params" | "tags">,
  column: RunColumn,
): string | number | null {
  if (column.entity === "metric")
    return run.metrics.find((m) => m.key === column.key)?.value ?? null;
  const list = column.entity === "param" ? run.params : column.entity === "tag" ? run.tags : [];
  return list.find((item) => item.key === column.key)?.value ?? null;
}

export function formatRunCsvRow(run: RunRecord, columns: readonly RunColumn[]): string {
  return formatCsvRow([
    run.id,
    run.name,
    run.status,
    run.startTime.toISOString(),
    run.endTime?.toISOString() ?? null,
    run.userName,
    ...columns.map((column) => readRunCell(run, column)),
  ]);
}
