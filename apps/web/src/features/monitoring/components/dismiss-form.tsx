"use client";

import { type FormEvent, useId, useState } from "react";
import { useApiAction } from "./use-api-action.ts";

/** Closes an open trigger; the reason is required and kept with it. */
export function DismissForm({ triggerId }: { triggerId: string }) {
  const id = useId();
  const action = useApiAction();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = reason.trim() ? null : "Say why the trigger is dismissed";
    setProblem(found);
    if (found) return;
    await action.send(`/api/v1/retrain-triggers/${encodeURIComponent(triggerId)}/dismiss`, "POST", {
      reason: reason.trim(),
    });
  }

  const message = problem ?? action.error;
  return (
    <form className="inline-form" onSubmit={handleSubmit} noValidate aria-label="Dismiss trigger">
      <div className="field field-grow">
        <label htmlFor={`${id}-reason`}>Reason for dismissing</label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={message ? `${id}-error` : undefined}
        />
      </div>
      <button type="submit" className="button button-danger" disabled={action.isBusy}>
        Dismiss
      </button>
      {message ? (
        <p id={`${id}-error`} role="alert" className="form-error monitor-form-message">
          {message}
        </p>
      ) : null}
    </form>
  );
}
