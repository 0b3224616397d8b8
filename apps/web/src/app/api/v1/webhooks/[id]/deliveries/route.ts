import { z } from "zod";
import { listWebhookDeliveries } from "../../../../../../features/webhooks/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const query = z.object({
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A webhook's deliveries, newest first: status, attempts, lastError. */
export const GET = defineRoute(
  {
    route: "GET /api/v1/webhooks/[id]/deliveries",
    params: z.object({ id: z.string().min(1) }),
    query,
  },
  async ({ params, query }) => ({
    deliveries: await listWebhookDeliveries(await getDatabase(), params.id, query),
  }),
);
