import "server-only";
import type { Database } from "@pedigree/db";
import { DEFAULT_MIN_ROWS } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { parseFeatureDrifts } from "./parse.ts";
import { loadOverlay, loadPerformance } from "./service-overlay.ts";
import type { DriftDeploymentView, DriftPageView, DriftReportView, PsiPoint } from "./types.ts";

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

/** The drift page of a model: its deployments with reports, one report, and a feature's PSI trend. */
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
  const reports = await db.prisma.driftReport.findMany({
    where: { deploymentId: deployment.id },
    orderBy: [{ windowStart: "desc" }, { windowEnd: "desc" }],
    select: {
      windowStart: true,
      windowEnd: true,
      baselineDatasetVersionId: true,
      metrics: { select: { key: true, value: true } },
      features: true,
      driftedShare: true,
      severity: true,
      isTooFewRows: true,
    },
  });
  const views: DriftReportView[] = reports.map((report) => ({
    windowStart: report.windowStart.toISOString(),
    windowEnd: report.windowEnd.toISOString(),
    severity: report.severity,
    isTooFewRows: report.isTooFewRows,
    driftedShare: report.driftedShare,
    features: parseFeatureDrifts(report.features),
  }));
  const report = views.find((view) => view.windowStart === selection.window) ?? views[0] ?? null;
  const names = report?.features.map((row) => row.feature) ?? [];
  const feature = names.find((name) => name === selection.feature) ?? names[0] ?? null;
  const trend: PsiPoint[] = views
    .map((view) => {
      const row = view.features.find((drift) => drift.feature === feature);
      return {
        windowStart: view.windowStart,
        psi: row?.psi ?? null,
        isTooFewRows: view.isTooFewRows,
        currentCount: row?.currentCount ?? 0,
      };
    })
    .reverse();
  const stored = reports.find((row) => row.windowStart.toISOString() === report?.windowStart);
  const overlay =
    stored && feature
      ? await loadOverlay(db, {
          baselineDatasetVersionId: stored.baselineDatasetVersionId,
          deploymentId: deployment.id,
          windowStart: stored.windowStart,
          feature,
        })
      : null;
  return {
    ...empty,
    windows: views.map(({ windowStart, windowEnd, severity, isTooFewRows }) => ({
      windowStart,
      windowEnd,
      severity,
      isTooFewRows,
    })),
    report,
    feature,
    trend,
    overlay,
    performance: await loadPerformance(db, deployment.id, reports),
  };
}
