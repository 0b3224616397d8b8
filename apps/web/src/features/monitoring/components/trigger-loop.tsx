import Link from "next/link";
import { modelPath } from "../../models/model-path.ts";
import type { RetrainTriggerView, TriggerLoopView } from "../types.ts";
import { formatInstant } from "./format.ts";

/**
 * The loop a trigger starts, step by step: the request sent, the retraining run(s) that name it,
 * the versions registered from them, their gates, and their promotion.
 */
export function TriggerLoop({
  trigger,
  loop,
}: {
  trigger: RetrainTriggerView;
  loop: TriggerLoopView;
}) {
  const model = modelPath(trigger.model);
  const versions = loop.runs.flatMap((run) => run.versions);
  const promoted = versions.find((version) => version.promotedAt !== null);
  return (
    <ol className="monitor-loop" aria-label="Retraining loop">
      <li>
        <strong>Trigger</strong> opened {formatInstant(trigger.createdAt)} on v
        {trigger.version ?? "?"}
        {trigger.action === "ROLLBACK" ? (
          <>
            {" "}
            — asked the registry for a rollback{" "}
            {trigger.rollbackRequestId ? (
              <>
                (request <code>{trigger.rollbackRequestId}</code>, see the{" "}
                <Link href={model}>model page</Link>)
              </>
            ) : null}
          </>
        ) : trigger.externalRunId ? (
          <>
            {" "}
            — Airflow <code>dag_run_id</code> <code>{trigger.externalRunId}</code>
          </>
        ) : null}
      </li>
      <li>
        <strong>Retraining run</strong>{" "}
        {loop.runs.length ? (
          loop.runs.map((run) => (
            <span key={run.id}>
              <code>{run.name}</code> ({run.status.toLowerCase()}, started{" "}
              {formatInstant(run.startTime)}){" "}
            </span>
          ))
        ) : (
          <span className="cell-note">
            none yet: a run tagged <code>pedigree.trigger_id={trigger.id}</code>
            {trigger.externalRunId ? (
              <>
                {" "}
                or named <code>{trigger.externalRunId}</code>
              </>
            ) : null}{" "}
            appears here
          </span>
        )}
      </li>
      <li>
        <strong>New version</strong>{" "}
        {versions.length ? (
          versions.map((version) => (
            <span key={version.version}>
              <Link href={`${model}?version=${version.version}`}>v{version.version}</Link> (
              {version.stage.toLowerCase()}){" "}
            </span>
          ))
        ) : (
          <span className="cell-note">none registered from those runs yet</span>
        )}
      </li>
      <li>
        <strong>Gates</strong>{" "}
        {versions.some((version) => version.requests.length) ? (
          versions.flatMap((version) =>
            version.requests.map((request) => (
              <span key={request.id}>
                v{version.version} → {request.toStage.toLowerCase()} ({request.status.toLowerCase()}
                ):{" "}
                {request.gateResults
                  .map((gate) => `${gate.gate} ${gate.outcome.toLowerCase()}`)
                  .join(", ") || "no gates"}{" "}
              </span>
            )),
          )
        ) : (
          <span className="cell-note">no promotion request yet</span>
        )}
      </li>
      <li>
        <strong>Promotion</strong>{" "}
        {promoted?.promotedAt ? (
          <>
            v{promoted.version} reached production {formatInstant(promoted.promotedAt)}
          </>
        ) : trigger.resolvedByVersion !== null && trigger.resolvedAt ? (
          <>
            v{trigger.resolvedByVersion} reached production {formatInstant(trigger.resolvedAt)}
          </>
        ) : (
          <span className="cell-note">
            not yet: the trigger stays open until a new version is promoted
          </span>
        )}
      </li>
    </ol>
  );
}
