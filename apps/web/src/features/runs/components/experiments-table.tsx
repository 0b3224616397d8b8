import Link from "next/link";
import { formatDateTime } from "../../../ui/format.ts";
import type { ExperimentSummary } from "../experiments.ts";
import { experimentPath } from "./runs-url.ts";

export function ExperimentsTable({ experiments }: { experiments: ExperimentSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Experiments</caption>
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col">Runs</th>
            <th scope="col">Last run</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {experiments.map((experiment) => (
            <tr key={experiment.id}>
              <th scope="row">
                <Link href={experimentPath(experiment.id)}>{experiment.name}</Link>
              </th>
              <td>{experiment.runCount.toLocaleString("en-GB")}</td>
              <td>
                {experiment.lastRunAt ? (
                  formatDateTime(experiment.lastRunAt)
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>{formatDateTime(experiment.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
