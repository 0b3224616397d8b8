"use client";

import { findRollbackTarget } from "@pedigree/domain";
import { type FormEvent, useRef, useState } from "react";
import { formatEnumLabel } from "../../../ui/format.ts";
import { useRollback } from "../queries.ts";
import type {
  DeploymentView,
  ModelVersionView,
  PromotionRequestView,
  TransitionView,
} from "../types.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";

/** The version a rollback would restore, by the domain's rule, as far as this page can tell. */
function findTarget(versions: readonly ModelVersionView[], transitions: readonly TransitionView[]) {
  const production = versions.find((v) => v.stage === "PRODUCTION");
  if (!production) return { production: null, target: null };
  const records = transitions.map((t) => ({
    versionId: String(t.version),
    fromStage: t.fromStage,
    toStage: t.toStage,
    at: new Date(t.createdAt),
  }));
  const stageOf = (id: string) => versions.find((v) => String(v.version) === id)?.stage;
  const target = findRollbackTarget(records, String(production.version), stageOf);
  return { production: production.version, target: target === null ? null : Number(target) };
}

/** "Roll back" asks for a confirmation that names the services serving the current version. */
export function RollbackDialog({
  model,
  versions,
  deployments,
  transitions,
}: {
  model: string;
  versions: readonly ModelVersionView[];
  deployments: readonly DeploymentView[];
  transitions: readonly TransitionView[];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const rollback = useRollback(model);
  const [reason, setReason] = useState("");
  const [created, setCreated] = useState<PromotionRequestView | null>(null);
  const { production, target } = findTarget(versions, transitions);
  const affected = deployments.filter((d) => d.version === production && d.endedAt === null);

  if (production === null) return <p>No version is in production: nothing to roll back.</p>;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rollback.mutate(reason.trim(), {
      onSuccess: (request) => {
        setCreated(request);
        setReason("");
        dialog.current?.close();
      },
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button-danger"
        onClick={() => {
          rollback.reset();
          setCreated(null);
          dialog.current?.showModal();
        }}
      >
        Roll back
      </button>
      {created ? (
        <p role="status">
          Rollback to v{created.version}: {formatEnumLabel(created.status)} ({created.approvalCount}{" "}
          of {created.requiredApprovals} approvals).
        </p>
      ) : null}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="rollback-title">
        <form onSubmit={handleSubmit}>
          <h2 id="rollback-title">Roll back {model}?</h2>
          <p>
            {target === null
              ? `Archives v${production} and restores the previous production version.`
              : `Restores v${target} to Production and archives v${production}.`}
          </p>
          {affected.length ? (
            <>
              <p>These services serve v{production} and are affected:</p>
              <ul aria-label="Affected services">
                {affected.map((d) => (
                  <li key={d.id}>
                    <strong>{d.service}</strong> ({d.environment})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No service records that it serves v{production}.</p>
          )}
          <div className="field">
            <label htmlFor="rollback-reason">Reason for the rollback</label>
            <textarea
              id="rollback-reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required
              maxLength={2000}
            />
          </div>
          <ApiErrorMessage error={rollback.error} />
          <div className="inline-form">
            <button
              type="submit"
              className="button button-danger"
              disabled={rollback.isPending || !reason.trim()}
            >
              Confirm rollback
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => dialog.current?.close()}
            >
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
