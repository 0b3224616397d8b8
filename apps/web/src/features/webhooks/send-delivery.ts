import "server-only";
import { signWebhookPayload } from "@pedigree/domain/server";

/** What a delivery row and its webhook give the sender. */
interface OutgoingDelivery {
  id: string;
  event: string;
  payload: unknown;
  createdAt: Date;
  url: string;
  secret: string;
}

interface SendOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  now: Date;
}

/** null: delivered (a 2xx answer); otherwise why not, for the row's lastError. */
export type SendOutcome = string | null;

/**
 * The body is `{ id, event, createdAt, data }`; the same for every attempt, so receivers can
 * dedupe on `X-Pedigree-Delivery` (= id). Redirects are not followed: a 3xx is a failure.
 */
function buildDeliveryRequest(delivery: OutgoingDelivery, now: Date): RequestInit {
  const body = JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    method: "POST",
    body,
    redirect: "manual",
    headers: {
      "content-type": "application/json",
      "user-agent": "Pedigree-Webhooks/1",
      "x-pedigree-event": delivery.event,
      "x-pedigree-delivery": delivery.id,
      "x-pedigree-timestamp": String(timestamp),
      "x-pedigree-signature": signWebhookPayload(delivery.secret, timestamp, body),
    },
  };
}

export async function sendDelivery(
  delivery: OutgoingDelivery,
  options: SendOptions,
): Promise<SendOutcome> {
  try {
    const response = await options.fetch(delivery.url, {
      ...buildDeliveryRequest(delivery, options.now),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return null;
    return `HTTP ${response.status}`;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return message.slice(0, 500);
  }
}
