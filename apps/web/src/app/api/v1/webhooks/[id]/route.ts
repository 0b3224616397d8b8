import { z } from "zod";
import { deleteWebhook, setWebhookEnabled } from "../../../../../features/webhooks/service.ts";
import { updateWebhookInput } from "../../../../../features/webhooks/types.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });

/** Enables or disables a webhook: `{ isEnabled }`. */
export const PATCH = defineRoute(
  { route: "PATCH /api/v1/webhooks/[id]", params, body: updateWebhookInput },
  async ({ principal, params, body }) =>
    setWebhookEnabled(await getDatabase(), principal.id, params.id, body.isEnabled),
);

/** Deletes a webhook and its deliveries: 204. */
export const DELETE = defineRoute(
  { route: "DELETE /api/v1/webhooks/[id]", params },
  async ({ principal, params }) => {
    await deleteWebhook(await getDatabase(), principal.id, params.id);
    return new Response(null, { status: 204 });
  },
);
