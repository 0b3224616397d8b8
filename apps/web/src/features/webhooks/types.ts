// The webhooks API's shapes, shared by the service (server) and any client code.
import { z } from "zod";

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  "model_version.transitioned",
  "promotion.requested",
  "promotion.approved",
  "promotion.rejected",
  "rollback.executed",
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export const createWebhookInput = z.object({
  url: z.url({ protocol: /^https?$/, error: "url must be an http or https URL" }),
  /** The events it receives; empty: all of them. */
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .default([])
    .transform((events) => [...new Set(events)]),
  /** The signing secret; absent: one is generated and answered once. */
  secret: z.string().min(16, "secret must be at least 16 characters").max(256).optional(),
});

export const updateWebhookInput = z.object({ isEnabled: z.boolean() });

/** A webhook as listed: never its secret. Dates are ISO strings. */
export interface WebhookSummary {
  id: string;
  url: string;
  events: string[];
  isEnabled: boolean;
  createdAt: string;
}

/** The answer to a creation: `secret` only when it was generated (the one time it is shown). */
export interface CreatedWebhook extends WebhookSummary {
  secret?: string;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
