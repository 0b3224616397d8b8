import { z } from "zod";
import { cancelPromotionRequest } from "../../../../../../features/registry/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

/** The requester (or an admin) withdraws a pending request. */
export const POST = defineRoute(
  {
    route: "POST /api/v1/promotion-requests/[id]/cancel",
    params: z.object({ id: z.string().min(1) }),
  },
  async ({ principal, params }) =>
    cancelPromotionRequest(await getDatabase(), principal, params.id),
);
