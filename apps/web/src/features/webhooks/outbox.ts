import "server-only";
import type { Prisma } from "@pedigree/db";
import type { WebhookEventName } from "./types.ts";

export type { WebhookEventName } from "./types.ts";

/**
 * Writes one pending delivery per enabled webhook subscribed to the event (no events: all), in
 * the caller's transaction: the outbox. The delivery worker sends them after the commit, so a
 * rolled-back change is never reported and a committed one is reported even after a crash.
 * The payload is stored as JSON (dates become ISO strings).
 */
export async function enqueueWebhookEvent(
  tx: Prisma.TransactionClient,
  event: WebhookEventName,
  payload: Record<string, unknown>,
): Promise<void> {
  const webhooks = await tx.webhook.findMany({
    where: { isEnabled: true, OR: [{ events: { isEmpty: true } }, { events: { has: event } }] },
    select: { id: true },
  });
  if (!webhooks.length) return;
  const json = JSON.parse(JSON.stringify(payload)) as Prisma.InputJsonObject;
  await tx.webhookDelivery.createMany({
    data: webhooks.map((webhook) => ({ webhookId: webhook.id, event, payload: json })),
  });
}
