import { idParams } from "../../../../../features/monitoring/schemas.ts";
import { getRetrainTrigger } from "../../../../../features/monitoring/service-triggers.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

/** A trigger with its evidence, deliveries and the loop it started (runs, versions, promotions). */
export const GET = defineRoute(
  { route: "GET /api/v1/retrain-triggers/[id]", params: idParams },
  async ({ params }) => getRetrainTrigger(await getDatabase(), params.id),
);
