"use client";

import { hasRole, type PromotionPolicy } from "@pedigree/domain";
import { formatDateTime, formatEnumLabel } from "../../../ui/format.ts";
import { useCancelRequest } from "../queries.ts";
import type { PromotionRequestView } from "../types.ts";
import { ApiErrorMessage } from "./api-error-message.tsx";
import { DecisionForm } from "./decision-form.tsx";
import { formatGate, GateResults } from "./gate-results.tsx";
import { OverrideForm } from "./override-form.tsx";
import type { Viewer } from "./viewer.ts";

/** Why the viewer may not decide this request, in words; null when they may. */
function findDecisionBlock(
  request: PromotionRequestView,
  viewer: Viewer,
  policy: PromotionPolicy,
): string | null {
  if (request.requestedBy.id === viewer.id) {
    return "You requested this change: another approver must decide it.";
  }
  if (!hasRole(viewer.role, policy.approverRole)) {
    return `Only the ${policy.approverRole.toLowerCase()} role or above may approve or reject (you are ${viewer.role.toLowerCase()}).`;
  }
  const own = request.approvals.find((a) => a.approver.id === viewer.id);
  if (own)
    return `You already ${own.decision === "APPROVE" ? "approved" : "rejected"} this request.`;
  return null;
}

function requestTitle(request: PromotionRequestView): string {
  if (request.kind === "ROLLBACK") return `Roll back to v${request.version}`;
  return `Promote v${request.version} to ${formatEnumLabel(request.toStage)}`;
}

export function RequestCard({
  model,
  request,
  viewer,
  policy,
}: {
  model: string;
  request: PromotionRequestView;
  viewer: Viewer;
  policy: PromotionPolicy;
}) {
  const cancel = useCancelRequest(model);
  const titleId = `request-${request.id}-title`;
  const overridden = request.overrides.map((o) => o.gate);
  const failedGates = request.gateResults
    .filter((g) => g.outcome === "failed" && !overridden.includes(g.gate))
    .map((g) => g.gate);
  const canCancel = request.requestedBy.id === viewer.id || viewer.role === "ADMIN";
  return (
    <section className="card request-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{requestTitle(request)}</h3>
      <p className="request-meta">
        {formatEnumLabel(request.status)} · requested by {request.requestedBy.name} on{" "}
        {formatDateTime(request.createdAt)} · from {formatEnumLabel(request.fromStage)}
      </p>
      <p>Reason: {request.reason}</p>
      <p>
        Approvals:{" "}
        <span className="approval-count">
          {request.approvalCount} of {request.requiredApprovals}
        </span>
      </p>
      {request.approvals.length ? (
        <ul aria-label="Decisions">
          {request.approvals.map((a) => (
            <li key={`${a.approver.id}-${a.createdAt}`}>
              {a.approver.name} {a.decision === "APPROVE" ? "approved" : "rejected"} on{" "}
              {formatDateTime(a.createdAt)}: “{a.comment}”
            </li>
          ))}
        </ul>
      ) : null}
      <h4>Gates</h4>
      <GateResults results={request.gateResults} overridden={overridden} />
      {request.overrides.map((o) => (
        <p key={o.gate} className="muted">
          {o.admin.name} overrode the {o.gate} gate: “{o.justification}”
        </p>
      ))}
      {request.status === "PENDING" && failedGates.length ? (
        <p className="form-error">
          {request.approvalCount >= request.requiredApprovals
            ? "Approved, but not carried out: "
            : "Even when approved, this will not be carried out while "}
          {failedGates.length === 1 ? "a gate fails" : "gates fail"} (
          {failedGates.map(formatGate).join(", ")}). An admin may override a failed gate with a
          written justification.
        </p>
      ) : null}
      {request.status === "PENDING" ? (
        <>
          <DecisionForm
            model={model}
            requestId={request.id}
            blockedReason={findDecisionBlock(request, viewer, policy)}
          />
          {viewer.role === "ADMIN"
            ? failedGates.map((gate) => (
                <OverrideForm key={gate} model={model} requestId={request.id} gate={gate} />
              ))
            : null}
          {canCancel ? (
            <p>
              <button
                type="button"
                className="button button-quiet"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate(request.id)}
              >
                Cancel request
              </button>
            </p>
          ) : null}
          <ApiErrorMessage error={cancel.error} />
        </>
      ) : null}
    </section>
  );
}
