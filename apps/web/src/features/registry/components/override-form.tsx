"use client";

import { type FormEvent, useState } from "react";
import { useOverrideGate } from "../queries.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";
import { formatGate } from "./gate-results.tsx";

/** An admin lets a failed gate pass, with a justification that is recorded. */
export function OverrideForm({
  model,
  requestId,
  gate,
}: {
  model: string;
  requestId: string;
  gate: string;
}) {
  const override = useOverrideGate(model);
  const [justification, setJustification] = useState("");
  const fieldId = `override-${requestId}-${gate}`;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    override.mutate(
      { id: requestId, gate, justification: justification.trim() },
      { onSuccess: () => setJustification("") },
    );
  }

  return (
    <form className="inline-form" onSubmit={handleSubmit}>
      <div className="field field-grow">
        <label htmlFor={fieldId}>Justification for overriding the {formatGate(gate)} gate</label>
        <textarea
          id={fieldId}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          required
          maxLength={2000}
        />
      </div>
      <button
        type="submit"
        className="button button-danger"
        disabled={override.isPending || !justification.trim()}
      >
        Override {formatGate(gate)} gate
      </button>
      <ApiErrorMessage error={override.error} />
    </form>
  );
}
