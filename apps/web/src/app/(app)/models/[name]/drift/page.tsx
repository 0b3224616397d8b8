import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DriftDefinitions } from "../../../../../features/drift/components/drift-definitions.tsx";
import { DriftHeader } from "../../../../../features/drift/components/drift-header.tsx";
import { DriftTable } from "../../../../../features/drift/components/drift-table.tsx";
import { HistogramOverlay } from "../../../../../features/drift/components/histogram-overlay.tsx";
import { PerformanceChart } from "../../../../../features/drift/components/performance-chart.tsx";
import { PsiBarChart } from "../../../../../features/drift/components/psi-bar-chart.tsx";
import { PsiTrendChart } from "../../../../../features/drift/components/psi-trend-chart.tsx";
import { type DriftSelection, getDriftPageView } from "../../../../../features/drift/service.ts";
import { DRIFT_DEFINITION, type DriftPageView } from "../../../../../features/drift/types.ts";
import { decodeModelNameParam, modelPath } from "../../../../../features/models/model-path.ts";
import { requireCurrentUser } from "../../../../../server/auth/current-user.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { AppError } from "../../../../../server/errors.ts";

interface DriftPageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: DriftPageProps): Promise<Metadata> {
  return { title: `Drift · ${decodeModelNameParam((await params).name)}` };
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

async function loadView(name: string, selection: DriftSelection): Promise<DriftPageView | null> {
  try {
    return await getDriftPageView(await getDatabase(), name, selection);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function DriftPage({ params, searchParams }: DriftPageProps) {
  await requireCurrentUser();
  const name = decodeModelNameParam((await params).name);
  const query = await searchParams;
  const view = await loadView(name, {
    deployment: single(query.deployment),
    window: single(query.window),
    feature: single(query.feature),
  });
  if (!view) notFound();
  const base = `${modelPath(view.model)}/drift`;
  const { deployment, report } = view;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Models</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={modelPath(view.model)}>{view.model}</Link> <span aria-hidden="true">/</span>{" "}
        Drift
      </nav>
      <h1>Drift of {view.model}</h1>
      {!deployment || !report ? (
        <p className="status">No deployment of this model has a drift report yet.</p>
      ) : (
        <>
          <DriftHeader
            base={base}
            deployments={view.deployments}
            deployment={deployment}
            windows={view.windows}
            report={report}
            feature={view.feature}
          />
          <section aria-labelledby="psi-by-feature">
            <h2 id="psi-by-feature">PSI per feature</h2>
            <PsiBarChart
              features={report.features}
              muted={report.isTooFewRows}
              link={{ base, deployment: deployment.id, window: report.windowStart }}
            />
            <p className="cell-note">
              {DRIFT_DEFINITION} Select a bar or a feature to see its histogram and its PSI over
              time. <a href="#definitions">How drift is computed</a>
            </p>
            <DriftTable
              features={report.features}
              selected={view.feature}
              link={{ base, deployment: deployment.id, window: report.windowStart }}
            />
          </section>
          {view.feature && view.overlay ? (
            <section aria-labelledby="histogram-overlay">
              <h2 id="histogram-overlay">Histogram of {view.feature}: training vs the window</h2>
              <HistogramOverlay overlay={view.overlay} />
            </section>
          ) : null}
          {view.feature ? (
            <section aria-labelledby="psi-over-time">
              <h2 id="psi-over-time">PSI of {view.feature} over time</h2>
              <p className="cell-note">
                Select a point (or the window picker above) to see that window. Grey points: fewer
                than {view.minRows.toLocaleString("en")} rows, too few to trust; they never trigger
                retraining.
              </p>
              <PsiTrendChart
                feature={view.feature}
                points={view.trend}
                selected={report.windowStart}
                minRows={view.minRows}
                link={{ base, deployment: deployment.id }}
              />
            </section>
          ) : null}
          <section aria-labelledby="performance">
            <h2 id="performance">Performance over time</h2>
            {view.performance.length === 0 ? (
              <p className="status">
                No labelled-outcome metrics for this deployment yet: pipelines send them with a
                window (<code>metrics</code> in POST /api/v1/profiles/windows).
              </p>
            ) : (
              view.performance.map((series) => (
                <PerformanceChart key={series.key} series={series} />
              ))
            )}
          </section>
          <DriftDefinitions />
        </>
      )}
    </>
  );
}
