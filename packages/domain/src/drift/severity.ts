export type Severity = "NONE" | "MODERATE" | "SIGNIFICANT";

export interface SeverityThresholds {
  /** PSI at or above this is moderate (default 0.1). */
  moderate: number;
  /** PSI above this is significant (default 0.2). */
  significant: number;
}

export const DEFAULT_SEVERITY_THRESHOLDS: SeverityThresholds = { moderate: 0.1, significant: 0.2 };

const RANK: Record<Severity, number> = { NONE: 0, MODERATE: 1, SIGNIFICANT: 2 };

/** PSI < 0.1 none; 0.1 <= PSI <= 0.2 moderate; PSI > 0.2 significant. No PSI: none. */
export function classifySeverity(
  psi: number | null,
  thresholds: SeverityThresholds = DEFAULT_SEVERITY_THRESHOLDS,
): Severity {
  if (psi === null) return "NONE";
  if (psi > thresholds.significant) return "SIGNIFICANT";
  if (psi >= thresholds.moderate) return "MODERATE";
  return "NONE";
}

/** The worse of the severities; NONE for none. */
export function findWorstSeverity(severities: readonly Severity[]): Severity {
  let worst: Severity = "NONE";
  for (const severity of severities) if (RANK[severity] > RANK[worst]) worst = severity;
  return worst;
}

/** Dataset-level drift: the share of features with significant drift (0 for no features). */
export function computeDriftedShare(severities: readonly Severity[]): number {
  if (severities.length === 0) return 0;
  return severities.filter((severity) => severity === "SIGNIFICANT").length / severities.length;
}
