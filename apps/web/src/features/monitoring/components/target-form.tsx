"use client";

import { type FormEvent, useId, useState } from "react";
import type { RetrainTargetView } from "../types.ts";
import { useApiAction } from "./use-api-action.ts";

type CredentialSource = "keep" | "stored" | "env" | "none";

/**
 * Where triggers go: an Airflow DAG (basic or bearer auth) or a generic signed webhook. A typed
 * credential is stored encrypted and never shown again; or name a PEDIGREE_RETRAIN_* variable.
 */
export function TargetForm({
  model,
  target,
  canEdit,
}: {
  model: string;
  target: RetrainTargetView | null;
  canEdit: boolean;
}) {
  const id = useId();
  const action = useApiAction();
  const [kind, setKind] = useState(target?.kind ?? "AIRFLOW");
  const [url, setUrl] = useState(target?.url ?? "");
  const [dagId, setDagId] = useState(target?.dagId ?? "");
  const [auth, setAuth] = useState(target?.auth ?? "NONE");
  const [source, setSource] = useState<CredentialSource>(
    target?.credentialEnv ? "env" : target?.hasCredential ? "keep" : "none",
  );
  const [credential, setCredential] = useState("");
  const [credentialEnv, setCredentialEnv] = useState(target?.credentialEnv ?? "");
  const [days, setDays] = useState(String(target?.rollbackWindowDays ?? 7));
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);

  function check(): string | null {
    if (!/^https?:\/\/.+/.test(url.trim())) return "Enter an http(s) URL";
    if (kind === "AIRFLOW" && !dagId.trim()) return "Enter the DAG id";
    if (source === "stored" && !credential) return "Enter the credential, or choose another source";
    if (source === "env" && !/^PEDIGREE_RETRAIN_[A-Z0-9_]+$/.test(credentialEnv.trim())) {
      return "The variable's name must start with PEDIGREE_RETRAIN_ (A-Z, 0-9, _)";
    }
    const windowDays = Number(days);
    if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 365) {
      return "The rollback window is a whole number of days from 0 to 365";
    }
    return null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaved(false);
    const found = check();
    setProblem(found);
    if (found) return;
    const body = {
      kind,
      url: url.trim(),
      dagId: kind === "AIRFLOW" ? dagId.trim() : null,
      auth: kind === "AIRFLOW" ? auth : "NONE",
      credentialEnv: source === "env" ? credentialEnv.trim() : null,
      ...(source === "stored" ? { credential } : source === "none" ? { credential: null } : {}),
      rollbackWindowDays: Number(days),
    };
    const path = `/api/v1/models/${encodeURIComponent(model)}/monitor-rules/target`;
    if (await action.send(path, "PUT", body)) {
      setCredential("");
      setIsSaved(true);
      if (source === "stored") setSource("keep");
    }
  }

  const message = problem ?? action.error;
  const errorId = `${id}-error`;
  const described = message ? errorId : undefined;
  const secretLabel =
    kind === "WEBHOOK"
      ? "Signing secret"
      : auth === "BASIC"
        ? "user:password"
        : auth === "BEARER"
          ? "Token"
          : "Credential";
  return (
    <form
      className="monitor-target-form"
      onSubmit={handleSubmit}
      noValidate
      aria-label="Retraining target"
    >
      <fieldset disabled={!canEdit} className="monitor-fieldset">
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-kind`}>Target</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(event) => setKind(event.target.value as typeof kind)}
            >
              <option value="AIRFLOW">Airflow DAG run</option>
              <option value="WEBHOOK">Signed webhook</option>
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-url`}>
              {kind === "AIRFLOW" ? "Airflow base URL" : "Webhook URL"}
            </label>
            <input
              id={`${id}-url`}
              type="url"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              placeholder={
                kind === "AIRFLOW"
                  ? "https://airflow.internal:8080"
                  : "https://ci.example.com/retrain"
              }
              aria-describedby={described}
            />
          </div>
          {kind === "AIRFLOW" ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-dag`}>DAG id</label>
                <input
                  id={`${id}-dag`}
                  value={dagId}
                  onChange={(event) => setDagId(event.target.value)}
                  placeholder="fraud_retrain"
                  aria-describedby={described}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-auth`}>Auth</label>
                <select
                  id={`${id}-auth`}
                  value={auth}
                  onChange={(event) => setAuth(event.target.value as typeof auth)}
                >
                  <option value="NONE">None</option>
                  <option value="BASIC">Basic</option>
                  <option value="BEARER">Bearer token</option>
                </select>
              </div>
            </>
          ) : null}
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-source`}>{secretLabel} from</label>
            <select
              id={`${id}-source`}
              value={source}
              onChange={(event) => setSource(event.target.value as CredentialSource)}
            >
              {target?.hasCredential ? <option value="keep">The stored one (kept)</option> : null}
              <option value="stored">Type it (stored encrypted)</option>
              <option value="env">An environment variable</option>
              <option value="none">None</option>
            </select>
          </div>
          {source === "stored" ? (
            <div className="field field-grow">
              <label htmlFor={`${id}-secret`}>{secretLabel}</label>
              <input
                id={`${id}-secret`}
                type="password"
                autoComplete="off"
                value={credential}
                onChange={(event) => setCredential(event.target.value)}
                aria-describedby={described}
              />
            </div>
          ) : null}
          {source === "env" ? (
            <div className="field field-grow">
              <label htmlFor={`${id}-env`}>Variable name</label>
              <input
                id={`${id}-env`}
                value={credentialEnv}
                onChange={(event) => setCredentialEnv(event.target.value)}
                placeholder="PEDIGREE_RETRAIN_AIRFLOW_TOKEN"
                aria-describedby={described}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-days`}>Rollback window (days)</label>
            <input
              id={`${id}-days`}
              inputMode="numeric"
              value={days}
              onChange={(event) => setDays(event.target.value)}
              aria-describedby={`${id}-days-hint${described ? ` ${described}` : ""}`}
            />
          </div>
          {canEdit ? (
            <button type="submit" className="button button-primary" disabled={action.isBusy}>
              Save target
            </button>
          ) : null}
        </div>
        <p id={`${id}-days-hint`} className="cell-note">
          A rule that fires on a production version promoted fewer days ago asks the registry for a
          rollback (with its approvals) instead of a retraining run.
        </p>
      </fieldset>
      {message ? (
        <p id={errorId} role="alert" className="form-error">
          {message}
        </p>
      ) : isSaved ? (
        <p role="status" className="status">
          Target saved.
        </p>
      ) : null}
    </form>
  );
}
