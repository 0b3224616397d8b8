import { formatDateTime } from "../../../ui/format.ts";
import type { DeploymentView } from "../types.ts";

/** The consumers: which service serves which version, and whether it loaded the registered artifact. */
export function DeploymentsTable({ deployments }: { deployments: readonly DeploymentView[] }) {
  const current = deployments.filter((d) => d.endedAt === null);
  if (current.length === 0) return <p>No service records that it serves this model.</p>;
  const mismatches = current.filter((d) => d.isDigestMismatch);
  return (
    <>
      {mismatches.length ? (
        <p role="alert" className="form-error">
          {mismatches.length === 1 ? "1 service is" : `${mismatches.length} services are`} serving
          an artifact that is not the registered version:{" "}
          {mismatches.map((d) => `${d.service} (${d.environment})`).join(", ")}.
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Deployments</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Environment</th>
              <th scope="col">Version</th>
              <th scope="col">Since</th>
              <th scope="col">Artifact digest</th>
            </tr>
          </thead>
          <tbody>
            {current.map((d) => (
              <tr key={d.id} className={d.isDigestMismatch ? "mismatch-row" : undefined}>
                <th scope="row">{d.service}</th>
                <td>{d.environment}</td>
                <td>v{d.version}</td>
                <td>
                  <time dateTime={d.startedAt}>{formatDateTime(d.startedAt)}</time>
                </td>
                <td>
                  {d.digest ? <code title={d.digest}>{d.digest.slice(0, 12)}…</code> : "—"}
                  {d.isDigestMismatch ? (
                    <span className="mismatch-flag">
                      {" "}
                      Digest mismatch: not the registered artifact
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
