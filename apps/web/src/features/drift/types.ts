export type DriftSeverity = "NONE" | "MODERATE" | "SIGNIFICANT";

/** One feature's drift in a report, as stored in DriftReport.features. */
export interface FeatureDriftView {
  feature: string;
  psi: number;
  klCurrentReference: number;
  klReferenceCurrent: number;
  jsDistance: number;
  missingShareDelta: number;
  severity: DriftSeverity;
  referenceCount: number;
  currentCount: number;
}

export interface DriftDeploymentView {
  id: string;
  service: string;
  environment: string;
  version: number;
}

export interface DriftWindowView {
  windowStart: string;
  windowEnd: string;
  severity: DriftSeverity;
  isTooFewRows: boolean;
}

export interface DriftReportView extends DriftWindowView {
  driftedShare: number;
  features: FeatureDriftView[];
}

/** One point of a feature's PSI over the deployment's windows (null: feature absent). */
export interface PsiPoint {
  windowStart: string;
  psi: number | null;
}

export interface DriftPageView {
  model: string;
  deployments: DriftDeploymentView[];
  deployment: DriftDeploymentView | null;
  windows: DriftWindowView[];
  report: DriftReportView | null;
  feature: string | null;
  trend: PsiPoint[];
}

export const PSI_MODERATE = 0.1;
export const PSI_SIGNIFICANT = 0.2;

export const SEVERITY_COLOURS: Record<DriftSeverity, string> = {
  NONE: "#6b8f71",
  MODERATE: "#d97706",
  SIGNIFICANT: "#b42318",
};

export const SEVERITY_LABELS: Record<DriftSeverity, string> = {
  NONE: "None",
  MODERATE: "Moderate",
  SIGNIFICANT: "Significant",
};

export const DRIFT_DEFINITION =
  "PSI over 10 bins at the reference's deciles (categories per value), empty bins filled with epsilon 0.0001; PSI above 0.1 is moderate, above 0.2 significant.";
