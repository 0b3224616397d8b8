import type { RetrainDeliveryView } from "../types.ts";
import { formatInstant } from "./format.ts";

/** A trigger's deliveries with every attempt: when, how long, the answer or the error. */
export function Deliveries({ deliveries }: { deliveries: RetrainDeliveryView[] }) {
  if (!deliveries.length) {
    return (
      <p className="status">
        Not delivered: no retraining target was set when it opened, or it asked for a rollback.
      </p>
    );
  }
  return (
    <>
      {deliveries.map((delivery) => (
        <div key={delivery.id} className="monitor-delivery">
          <p>
            <span className={`monitor-status monitor-status-${delivery.status.toLowerCase()}`}>
              {delivery.status}
            </span>{" "}
            {delivery.kind === "AIRFLOW" ? "Airflow" : "Webhook"} <code>POST {delivery.url}</code>
            {delivery.status === "PENDING" && delivery.attempts > 0
              ? ` · next attempt ${formatInstant(delivery.nextAttemptAt)}`
              : null}
          </p>
          {delivery.attemptLog.length ? (
            <table className="table" aria-label="Delivery attempts">
              <thead>
                <tr>
                  <th scope="col">Attempt</th>
                  <th scope="col">Started</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Took</th>
                </tr>
              </thead>
              <tbody>
                {delivery.attemptLog.map((attempt) => (
                  <tr key={attempt.number}>
                    <td>#{attempt.number}</td>
                    <td>{formatInstant(attempt.startedAt)}</td>
                    <td>{attempt.error ?? `HTTP ${attempt.statusCode}`}</td>
                    <td>{attempt.durationMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="cell-note">No attempt yet.</p>
          )}
          <details>
            <summary>Request body</summary>
            <pre className="code-block">{JSON.stringify(delivery.body, null, 2)}</pre>
          </details>
        </div>
      ))}
    </>
  );
}
