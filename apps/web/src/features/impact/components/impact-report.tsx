import type { ImpactReport } from "@pedigree/domain";
import Link from "next/link";
import { formatDateTime } from "../../../ui/format.ts";
import { StageBadge } from "../../../ui/stage-badge.tsx";
import { modelPath } from "../../models/model-path.ts";
import styles from "./impact.module.css";

function csvHref(report: ImpactReport): string {
  return `/api/v1/impact?${new URLSearchParams({ ...report.start, format: "csv" })}`;
}

/** Downstream dataset versions, model versions and deployments; production rows highlighted. */
export function ImpactReportView({ report }: { report: ImpactReport }) {
  const productionCount = report.modelVersions.filter((m) => m.isProduction).length;
  const activeCount = report.deployments.filter((d) => d.isActive).length;
  if (report.datasetVersions.length === 0) {
    return (
      <section className="card empty-state" aria-labelledby="impact-empty-title">
        <h2 id="impact-empty-title">Nothing downstream</h2>
        <p>No registered dataset version was built from this partition.</p>
      </section>
    );
  }
  return (
    <>
      <section className={styles.summary} aria-label="Impact summary">
        <strong>
          {productionCount} production model version{productionCount === 1 ? "" : "s"} affected
        </strong>
        <span>
          {report.datasetVersions.length} dataset versions · {report.modelVersions.length} model
          versions · {activeCount} active deployments
        </span>
        <a className="button" href={csvHref(report)} download="impact.csv">
          Download CSV
        </a>
      </section>
      {report.isTruncated ? (
        <p className="muted">Lists stop at 10,000 rows; the CSV has the same rows.</p>
      ) : null}

      <section className={styles.section} aria-labelledby="impact-models-title">
        <h2 id="impact-models-title">Model versions</h2>
        {report.modelVersions.length === 0 ? (
          <p className="muted">No model version was trained on these dataset versions.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Affected model versions</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Version</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Trained on</th>
                </tr>
              </thead>
              <tbody>
                {report.modelVersions.map((m) => (
                  <tr
                    key={`${m.name}@${m.version}`}
                    className={m.isProduction ? styles.production : undefined}
                  >
                    <th scope="row">
                      <Link href={modelPath(m.name)}>{m.name}</Link>
                    </th>
                    <td>v{m.version}</td>
                    <td>
                      <StageBadge stage={m.stage} />
                    </td>
                    <td className="mono">
                      {m.datasetVersionIds.map((id) => id.slice(0, 12)).join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="impact-deployments-title">
        <h2 id="impact-deployments-title">Deployments</h2>
        {report.deployments.length === 0 ? (
          <p className="muted">None of these model versions is deployed.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Deployments of affected model versions</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Model version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {report.deployments.map((d) => (
                  <tr
                    key={`${d.service}/${d.environment}/${d.startedAt}`}
                    className={d.isProduction && d.isActive ? styles.production : undefined}
                  >
                    <th scope="row">{d.service}</th>
                    <td>{d.environment}</td>
                    <td>
                      {d.model} v{d.version}
                    </td>
                    <td>{d.isActive ? "active" : `ended ${formatDateTime(d.endedAt)}`}</td>
                    <td>
                      <time dateTime={d.startedAt}>{formatDateTime(d.startedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="impact-datasets-title">
        <h2 id="impact-datasets-title">Dataset versions</h2>
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Affected dataset versions</caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {report.datasetVersions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td className="mono" title={d.id}>
                    <Link href={`/impact?${new URLSearchParams({ datasetVersion: d.id })}`}>
                      {d.id.slice(0, 12)}
                    </Link>
                  </td>
                  <td>
                    <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
