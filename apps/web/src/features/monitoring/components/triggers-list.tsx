import Link from "next/link";
import type { RetrainTriggerView } from "../types.ts";
import { formatInstant, summarizeBreach } from "./format.ts";

function deliverySummary(trigger: RetrainTriggerView): string {
  if (trigger.action === "ROLLBACK") return "rollback requested";
  const delivery = trigger.deliveries[0];
  if (!delivery) return "no target";
  const tries = `${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`;
  return `${delivery.status.toLowerCase()} · ${tries}${delivery.lastError ? ` · ${delivery.lastError}` : ""}`;
}

/** The model's triggers: status, rule, first and latest evidence, delivery. */
export function TriggersList({ triggers }: { triggers: RetrainTriggerView[] }) {
  if (!triggers.length) return <p className="status">No rule has fired.</p>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Retrain triggers">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Rule</th>
            <th scope="col">Opened</th>
            <th scope="col">Evidence</th>
            <th scope="col">Breaches</th>
            <th scope="col">Action</th>
            <th scope="col">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {triggers.map((trigger) => {
            const first = trigger.evidence[0];
            const last = trigger.evidence.at(-1);
            return (
              <tr key={trigger.id}>
                <td>
                  <span className={`monitor-status monitor-status-${trigger.status.toLowerCase()}`}>
                    {trigger.status}
                  </span>
                </td>
                <td>
                  <Link href={`/triggers/${encodeURIComponent(trigger.id)}`}>
                    {trigger.rule.name}
                  </Link>
                  <div className="cell-note">{trigger.rule.description}</div>
                </td>
                <td>
                  {formatInstant(trigger.createdAt)}
                  <div className="cell-note">v{trigger.version ?? "?"}</div>
                </td>
                <td>
                  {first ? (
                    <>
                      <span className="monitor-breach">{summarizeBreach(first)}</span>
                      <div className="cell-note">
                        window {first.windowStart.slice(0, 10)}
                        {last && last !== first ? `; latest ${last.windowStart.slice(0, 10)}` : ""}
                      </div>
                    </>
                  ) : null}
                </td>
                <td>{trigger.breachCount}</td>
                <td>{trigger.action === "ROLLBACK" ? "Rollback" : "Retrain"}</td>
                <td>{deliverySummary(trigger)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
