import { formatDateTime, formatEnumLabel } from "../../../ui/format.ts";
import type { ModelVersionRow } from "../types.ts";

export function ModelVersionsTable({ versions }: { versions: ModelVersionRow[] }) {
  if (versions.length === 0) return <p>This model has no versions yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Run</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">v{version.version}</th>
              <td>
                <span className={`stage-badge stage-${version.stage.toLowerCase()}`}>
                  {formatEnumLabel(version.stage)}
                </span>
              </td>
              <td>
                {version.run ? (
                  version.run.name || version.run.id
                ) : (
                  <span className="muted">no run</span>
                )}
              </td>
              <td>
                <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
