import { createWebhook, listWebhooks } from "../../../../features/webhooks/service.ts";
import { createWebhookInput } from "../../../../features/webhooks/types.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../server/route/define-route.ts";

/** Every webhook, without secrets. */
export const GET = defineRoute({ route: "GET /api/v1/webhooks" }, async () => ({
  webhooks: await listWebhooks(await getDatabase()),
}));

/** Registers a webhook; a generated signing secret is answered this once. */
export const POST = defineRoute(
  { route: "POST /api/v1/webhooks", body: createWebhookInput },
  async ({ principal, body }) =>
    jsonResponse(await createWebhook(await getDatabase(), principal.id, body), 201),
);
