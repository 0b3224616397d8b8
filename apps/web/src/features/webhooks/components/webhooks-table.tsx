"use client";

import { Fragment, useState } from "react";
import { ConfirmAction } from "../../../ui/confirm-action.tsx";
import { formatDateTime } from "../../../ui/format.ts";
import { useDeleteWebhook, useSetWebhookEnabled } from "../queries.ts";
import type { WebhookSummary } from "../types.ts";
import { WebhookDeliveries } from "./webhook-deliveries.tsx";

export function WebhooksTable({ webhooks }: { webhooks: WebhookSummary[] }) {
  const setEnabled = useSetWebhookEnabled();
  const deleteWebhook = useDeleteWebhook();
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  function toggleDeliveries(id: string) {
    setOpenIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  if (webhooks.length === 0) return <p>No webhooks yet.</p>;
  const error = setEnabled.error ?? deleteWebhook.error;
  return (
    <div className="table-scroll">
      {error ? (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {webhooks.map((webhook) => {
            const isOpen = openIds.has(webhook.id);
            const deliveriesId = `deliveries-${webhook.id}`;
            return (
              <Fragment key={webhook.id}>
                <tr>
                  <th scope="row" className="webhook-url mono">
                    {webhook.url}
                  </th>
                  <td>
                    {webhook.events.length === 0 ? (
                      "All events"
                    ) : (
                      <ul className="webhook-event-list">
                        {webhook.events.map((event) => (
                          <li key={event}>
                            <code>{event}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <span
                      className={`delivery-badge ${webhook.isEnabled ? "delivery-delivered" : ""}`}
                    >
                      {webhook.isEnabled ? "Enabled" : "Disabled"}
                    </span>
                  </td>
                  <td>{formatDateTime(webhook.createdAt)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? deliveriesId : undefined}
                      aria-label={`${isOpen ? "Hide" : "Show"} deliveries to ${webhook.url}`}
                      onClick={() => toggleDeliveries(webhook.id)}
                    >
                      Deliveries
                    </button>{" "}
                    <button
                      type="button"
                      className="button"
                      disabled={setEnabled.isPending}
                      aria-label={`${webhook.isEnabled ? "Disable" : "Enable"} webhook ${webhook.url}`}
                      onClick={() =>
                        setEnabled.mutate({ id: webhook.id, isEnabled: !webhook.isEnabled })
                      }
                    >
                      {webhook.isEnabled ? "Disable" : "Enable"}
                    </button>{" "}
                    <ConfirmAction
                      id={`delete-${webhook.id}`}
                      label="Delete"
                      ariaLabel={`Delete webhook ${webhook.url}`}
                      confirmLabel="Confirm delete"
                      isPending={deleteWebhook.isPending}
                      focusAfter="webhooks-title"
                      onConfirm={(done) => deleteWebhook.mutate(webhook.id, { onSettled: done })}
                    />
                  </td>
                </tr>
                {isOpen ? (
                  <tr id={deliveriesId} className="webhook-deliveries-row">
                    <td colSpan={5}>
                      <WebhookDeliveries webhookId={webhook.id} url={webhook.url} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
