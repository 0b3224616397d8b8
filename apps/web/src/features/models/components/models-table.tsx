import Link from "next/link";
import { formatDateTime } from "../../../ui/format.ts";
import { VersionCell } from "../../../ui/version-cell.tsx";
import { modelPath } from "../model-path.ts";
import type { ModelSummary } from "../types.ts";

export function ModelsTable({ models }: { models: ModelSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Registered models</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Production</th>
            <th scope="col">Staging</th>
            <th scope="col">Latest</th>
            <th scope="col">Open requests</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.name}>
              <th scope="row">
                <Link href={modelPath(model.name)}>{model.name}</Link>
                {model.description ? <p className="cell-note">{model.description}</p> : null}
              </th>
              <td>
                <VersionCell version={model.productionVersion} />
              </td>
              <td>
                <VersionCell version={model.stagingVersion} />
              </td>
              <td>
                <VersionCell version={model.latestVersion} />
              </td>
              <td>
                {model.openRequests > 0 ? (
                  <Link href={`${modelPath(model.name)}#open-requests-title`}>
                    {model.openRequests} waiting
                  </Link>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>
                <time dateTime={model.updatedAt}>{formatDateTime(model.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
