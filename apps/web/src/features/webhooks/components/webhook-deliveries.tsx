"use client";

import { useId, useState } from "react";
import { formatDateTime, formatEnumLabel } from "../../../ui/format.ts";
import { type DeliveryStatusFilter, useWebhookDeliveries } from "../queries.ts";
import type { WebhookDeliveryView } from "../types.ts";

const STATUS_FILTERS: readonly DeliveryStatusFilter[] = ["ALL", "PENDING", "DELIVERED", "FAILED"];

function DeliveryStatusBadge({ status }: { status: WebhookDeliveryView["status"] }) {
  return (
    <span className={`delivery-badge delivery-${status.toLowerCase()}`}>
      {formatEnumLabel(status)}
    </span>
  );
}

/** A webhook's recent deliveries, newest first, with a status filter. */
export function WebhookDeliveries({ webhookId, url }: { webhookId: string; url: string }) {
  const [status, setStatus] = useState<DeliveryStatusFilter>("ALL");
  const deliveries = useWebhookDeliveries(webhookId, status);
  const filterId = useId();

  return (
    <section className="webhook-deliveries" aria-label={`Recent deliveries to ${url}`}>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={filterId}>Status</label>
          <select
            id={filterId}
            value={status}
            onChange={(event) => setStatus(event.target.value as DeliveryStatusFilter)}
          >
            {STATUS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {value === "ALL" ? "All" : formatEnumLabel(value)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => deliveries.refetch()}
          disabled={deliveries.isFetching}
        >
          Refresh
        </button>
      </div>
      {deliveries.error ? (
        <p role="alert" className="form-error">
          Could not load the deliveries: {deliveries.error.message}
        </p>
      ) : deliveries.data === undefined ? (
        <p className="muted" role="status">
          Loading deliveries…
        </p>
      ) : deliveries.data.length === 0 ? (
        <p className="muted">
          {status === "ALL"
            ? "No deliveries yet."
            : `No deliveries with status ${formatEnumLabel(status)}.`}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last error</th>
                <th scope="col">Delivered</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code>{delivery.event}</code>
                    <p className="cell-note">Queued {formatDateTime(delivery.createdAt)}</p>
                  </td>
                  <td>
                    <DeliveryStatusBadge status={delivery.status} />
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.status === "PENDING" ? formatDateTime(delivery.nextAttemptAt) : "—"}
                  </td>
                  <td className="delivery-error">{delivery.lastError ?? "—"}</td>
                  <td>{delivery.deliveredAt ? formatDateTime(delivery.deliveredAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
