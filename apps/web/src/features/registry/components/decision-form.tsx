"use client";

import { type FormEvent, useState } from "react";
import { useDecideRequest } from "../queries.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";

type Decision = "approve" | "reject";

/**
 * Approve or reject with a required comment. `blockedReason` (from the viewer's role, or being the
 * requester) disables the buttons and says why; the server still decides.
 */
export function DecisionForm({
  model,
  requestId,
  blockedReason,
}: {
  model: string;
  requestId: string;
  blockedReason: string | null;
}) {
  const decide = useDecideRequest(model);
  const [comment, setComment] = useState("");
  const commentId = `decision-comment-${requestId}`;
  const noteId = `decision-note-${requestId}`;
  const isBlocked = blockedReason !== null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const decision: Decision = submitter?.getAttribute("value") === "reject" ? "reject" : "approve";
    decide.mutate(
      { id: requestId, decision, comment: comment.trim() },
      {
        onSuccess: () => {
          setComment("");
          // The form may go with its request: hand the focus to the section's heading.
          requestAnimationFrame(() => document.getElementById("open-requests-title")?.focus());
        },
      },
    );
  }

  return (
    <form className="inline-form" onSubmit={handleSubmit} aria-label="Decision">
      {isBlocked ? null : (
        <div className="field field-grow">
          <label htmlFor={commentId}>Decision comment</label>
          <textarea
            id={commentId}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            required
            maxLength={2000}
          />
        </div>
      )}
      <button
        type="submit"
        value="approve"
        className="button button-primary"
        disabled={isBlocked || decide.isPending}
        aria-describedby={isBlocked ? noteId : undefined}
      >
        Approve
      </button>
      <button
        type="submit"
        value="reject"
        className="button button-danger"
        disabled={isBlocked || decide.isPending}
        aria-describedby={isBlocked ? noteId : undefined}
      >
        Reject
      </button>
      {isBlocked ? (
        <p id={noteId} className="permission-note">
          {blockedReason}
        </p>
      ) : null}
      <ApiErrorMessage error={decide.error} />
    </form>
  );
}
