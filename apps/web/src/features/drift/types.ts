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
  /** Greyed on the chart: the window had fewer rows than the minimum. */
  isTooFewRows: boolean;
  /** Rows of the window behind this feature's shares (non-missing values). */
  currentCount: number;
}

/** One bin of a histogram overlay: training vs the window, as shares of non-missing values. */
export interface OverlayBin {
  label: string;
  referenceCount: number;
  currentCount: number;
  referenceShare: number;
  currentShare: number;
}

/** A feature's training histogram against one window's, on the training bins. */
export interface OverlayView {
  feature: string;
  windowStart: string;
  bins: OverlayBin[];
  reference: { n: number; missing: number };
  current: { n: number; missing: number };
}

/** One labelled-outcome metric over the deployment's windows, with the version's evaluation. */
export interface MetricSeriesView {
  key: string;
  points: { windowStart: string; value: number | null; isTooFewRows: boolean }[];
  /** The version's training-run value of the same metric, if it logged one. */
  evaluation: number | null;
  /** The model policy's primary (evaluation gate) metric. */
  isPrimary: boolean;
}

export interface DriftPageView {
  model: string;
  deployments: DriftDeploymentView[];
  deployment: DriftDeploymentView | null;
  windows: DriftWindowView[];
  report: DriftReportView | null;
  feature: string | null;
  trend: PsiPoint[];
  overlay: OverlayView | null;
  performance: MetricSeriesView[];
  /** Fewer rows than this makes a window "too few rows". */
  minRows: number;
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

/** The definitions, for the charts' captions (docs/DRIFT.md says them in full). */
export const DRIFT_DEFINITION =
  "PSI over 10 bins at the reference's deciles (categories per value), empty bins filled with epsilon 0.0001; PSI above 0.1 is moderate, above 0.2 significant.";
