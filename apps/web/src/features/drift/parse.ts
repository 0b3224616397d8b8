import type { DriftSeverity, FeatureDriftView } from "./types.ts";

const SEVERITIES: readonly DriftSeverity[] = ["NONE", "MODERATE", "SIGNIFICANT"];

function num(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function toSeverity(value: unknown): DriftSeverity {
  return SEVERITIES.find((severity) => severity === value) ?? "NONE";
}

/** DriftReport.features (JSON) as typed rows; malformed entries are skipped, not trusted. */
export function parseFeatureDrifts(json: unknown): FeatureDriftView[] {
  if (!Array.isArray(json)) return [];
  const rows: FeatureDriftView[] = [];
  for (const entry of json as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const record = entry as Record<string, unknown>;
    if (typeof record.feature !== "string") continue;
    rows.push({
      feature: record.feature,
      psi: num(record, "psi"),
      klCurrentReference: num(record, "klCurrentReference"),
      klReferenceCurrent: num(record, "klReferenceCurrent"),
      jsDistance: num(record, "jsDistance"),
      missingShareDelta: num(record, "missingShareDelta"),
      severity: toSeverity(record.severity),
      referenceCount: num(record, "referenceCount"),
      currentCount: num(record, "currentCount"),
    });
  }
  return rows.sort((a, b) => b.psi - a.psi);
}
