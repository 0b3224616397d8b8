import { createHmac } from "node:crypto";

/**
 * The `X-Pedigree-Signature` header value of a webhook delivery: `sha256=` and the hex HMAC-SHA256,
 * keyed by the webhook's secret, of `<timestamp>.<body>` (timestamp in Unix seconds, body the exact
 * bytes sent). Signing the timestamp lets a receiver refuse replays of old deliveries.
 */
export function signWebhookPayload(secret: string, timestamp: number, body: string): string {
  const hmac = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8");
  return `sha256=${hmac.digest("hex")}`;
}
