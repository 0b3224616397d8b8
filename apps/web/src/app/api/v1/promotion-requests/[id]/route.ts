import { z } from "zod";
import { getPromotionRequest } from "../../../../../features/registry/service.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

export const GET = defineRoute(
  { route: "GET /api/v1/promotion-requests/[id]", params: z.object({ id: z.string().min(1) }) },
  async ({ params }) => getPromotionRequest(await getDatabase(), params.id),
);
