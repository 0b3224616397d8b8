import "server-only";
import type { Database } from "@pedigree/db";
import { DEFAULT_MIN_ROWS } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { loadOverlay, loadPerformance } from "./service-overlay.ts";
import { loadFeatureMatches, loadFeatures, loadWindows } from "./service-windows.ts";
import { buildTrend } from "./trend.ts";
import type {
  DriftDeploymentView,
  DriftPageView,
  DriftReportView,
  DriftSeverity,
  DriftWindowView,
} from "./types.ts";

export interface DriftSelection {
  deployment?: string | undefined;
  window?: string | undefined;
  feature?: string | undefined;
}

function pickDeployment(
  deployments: DriftDeploymentView[],
  wanted: string | undefined,
): DriftDeploymentView | null {
  return (
    deployments.find((deployment) => deployment.id === wanted) ??
    deployments.find((deployment) => deployment.environment.toLowerCase() === "production") ??
    deployments[0] ??
    null
  );
}

const toWindowView = (row: {
  windowStart: Date;
  windowEnd: Date;
  severity: DriftSeverity;
  isTooFewRows: boolean;
}): DriftWindowView => ({
  windowStart: row.windowStart.toISOString(),
  windowEnd: row.windowEnd.toISOString(),
  severity: row.severity,
  isTooFewRows: row.isTooFewRows,
});

/**
 * The drift page of a model: its deployments with reports, one report, and a feature's PSI trend.
 * Only the selected report's features are read whole; the trend takes one feature's entries of
 * the others, picked in SQL.
 */
export async function getDriftPageView(
  db: Database,
  model: string,
  selection: DriftSelection,
): Promise<DriftPageView> {
  const found = await db.prisma.registeredModel.findUnique({
    where: { name: model },
    select: { id: true },
  });
  if (!found) throw new AppError("NOT_FOUND", `No registered model named ${model}`);
  const rows = await db.prisma.deployment.findMany({
    where: { version: { modelId: found.id }, reports: { some: {} } },
    orderBy: [{ environment: "asc" }, { startedAt: "desc" }],
    select: { id: true, service: true, environment: true, version: { select: { version: true } } },
  });
  const deployments = rows.map((row) => ({
    id: row.id,
    service: row.service,
    environment: row.environment,
    version: row.version.version,
  }));
  const deployment = pickDeployment(deployments, selection.deployment);
  const empty = {
    model,
    deployments,
    deployment,
    windows: [],
    report: null,
    feature: null,
    trend: [],
    overlay: null,
    performance: [],
    minRows: DEFAULT_MIN_ROWS,
  };
  if (!deployment) return empty;
  const windows = await loadWindows(db, deployment.id);
  const stored =
    windows.find((row) => row.windowStart.toISOString() === selection.window) ?? windows[0];
  if (!stored) return empty;
  const features = await loadFeatures(db, stored.id);
  const names = features.map((row) => row.feature);
  const feature = names.find((name) => name === selection.feature) ?? names[0] ?? null;
  const [matches, overlay, performance] = await Promise.all([
    feature ? loadFeatureMatches(db, deployment.id, feature) : new Map<string, unknown>(),
    feature
      ? loadOverlay(db, {
          baselineDatasetVersionId: stored.baselineDatasetVersionId,
          deploymentId: deployment.id,
          windowStart: stored.windowStart,
          feature,
        })
      : null,
    loadPerformance(db, deployment.id, windows),
  ]);
  const report: DriftReportView = {
    ...toWindowView(stored),
    driftedShare: stored.driftedShare,
    features,
  };
  return {
    ...empty,
    windows: windows.map(toWindowView),
    report,
    feature,
    trend: buildTrend(windows, matches),
    overlay,
    performance,
  };
}
