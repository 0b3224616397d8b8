import type { Breach } from "@pedigree/domain";
import { formatDay, formatInstant, formatValue } from "./format.ts";

/** Every breach of a trigger, oldest first: the window, the numbers, the threshold. */
export function EvidenceTable({ evidence }: { evidence: Breach[] }) {
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Evidence">
        <thead>
          <tr>
            <th scope="col">Window</th>
            <th scope="col">Rule</th>
            <th scope="col">Observed</th>
            <th scope="col">Threshold</th>
            <th scope="col">Evaluated</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((breach) => (
            <tr key={`${breach.deploymentId}:${breach.windowStart}`}>
              <td>
                {formatDay(breach.windowStart)} → {formatDay(breach.windowEnd)}
              </td>
              <td>{breach.rule}</td>
              <td>
                <ul className="monitor-observations">
                  {breach.observations.map((observation) => (
                    <li key={observation.subject}>
                      <code>{observation.subject}</code>{" "}
                      <span className="monitor-breach">
                        {formatValue(breach.kind, observation.value)}
                      </span>
                    </li>
                  ))}
                  {breach.observationCount > breach.observations.length ? (
                    <li className="cell-note">
                      +{breach.observationCount - breach.observations.length} more
                    </li>
                  ) : null}
                </ul>
              </td>
              <td>{breach.threshold}</td>
              <td>{formatInstant(breach.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
