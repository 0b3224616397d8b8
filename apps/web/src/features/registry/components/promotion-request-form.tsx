"use client";

import { type FormEvent, useState } from "react";
import { formatEnumLabel } from "../../../ui/format.ts";
import { useRequestPromotion } from "../queries.ts";
import type { ModelVersionView, PromotionRequestView } from "../types.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";
import { GateResults } from "./gate-results.tsx";

type Target = "STAGING" | "PRODUCTION";

/** Engineers ask for a stage with a reason; the answer shows the gates as the server evaluated them. */
export function PromotionRequestForm({
  model,
  versions,
}: {
  model: string;
  versions: readonly ModelVersionView[];
}) {
  const candidates = versions.filter((v) => v.stage !== "PRODUCTION");
  const staging = candidates.filter((v) => v.stage === "STAGING");
  // The likeliest ask: a staging version that passes every gate today.
  const preferred =
    staging.find((v) => v.gateSummary.every((g) => g.outcome !== "failed")) ??
    staging[0] ??
    candidates[0];
  const requestPromotion = useRequestPromotion(model);
  const [version, setVersion] = useState<string>(String(preferred?.version ?? ""));
  const [target, setTarget] = useState<Target>("PRODUCTION");
  const [reason, setReason] = useState("");
  const [created, setCreated] = useState<PromotionRequestView | null>(null);

  if (candidates.length === 0) return <p>Every version is already in production.</p>;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    requestPromotion.mutate(
      { version: Number(version), targetStage: target, reason: reason.trim() },
      {
        onSuccess: (request) => {
          setReason("");
          setCreated(request);
        },
      },
    );
  }

  return (
    <>
      <form className="inline-form" onSubmit={handleSubmit} aria-label="Request promotion">
        <div className="field">
          <label htmlFor="promotion-version">Version</label>
          <select
            id="promotion-version"
            value={version}
            onChange={(event) => setVersion(event.target.value)}
          >
            {candidates.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} ({formatEnumLabel(v.stage)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="promotion-target">Target stage</label>
          <select
            id="promotion-target"
            value={target}
            onChange={(event) => setTarget(event.target.value as Target)}
          >
            <option value="PRODUCTION">Production</option>
            <option value="STAGING">Staging</option>
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="promotion-reason">Reason for the promotion</label>
          <textarea
            id="promotion-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
                event.currentTarget.form?.requestSubmit();
              }
            }}
            required
            maxLength={2000}
            aria-describedby="promotion-reason-hint"
          />
          <span id="promotion-reason-hint" className="muted">
            Ctrl+Enter (⌘Enter) submits.
          </span>
        </div>
        <button
          type="submit"
          className="button button-primary"
          disabled={requestPromotion.isPending || !reason.trim()}
        >
          Request promotion
        </button>
      </form>
      <ApiErrorMessage error={requestPromotion.error} />
      {created ? (
        <section className="secret-box" aria-labelledby="created-request-title" role="status">
          <h3 id="created-request-title">
            Request for v{created.version} to {formatEnumLabel(created.toStage)}:{" "}
            {formatEnumLabel(created.status)}
          </h3>
          <p>
            {created.approvalCount} of {created.requiredApprovals} approvals.
          </p>
          <GateResults results={created.gateResults} />
        </section>
      ) : null}
    </>
  );
}
