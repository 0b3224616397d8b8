import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DriftHeader } from "../../../../../features/drift/components/drift-header.tsx";
import { DriftTable } from "../../../../../features/drift/components/drift-table.tsx";
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
            <PsiBarChart features={report.features} muted={report.isTooFewRows} />
            <p className="cell-note">{DRIFT_DEFINITION}</p>
            <DriftTable
              features={report.features}
              selected={view.feature}
              link={{ base, deployment: deployment.id, window: report.windowStart }}
            />
          </section>
          {view.feature ? (
            <section aria-labelledby="psi-over-time">
              <h2 id="psi-over-time">PSI of {view.feature} over time</h2>
              <p className="cell-note">Select a feature in the table to chart it.</p>
              <PsiTrendChart feature={view.feature} points={view.trend} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
