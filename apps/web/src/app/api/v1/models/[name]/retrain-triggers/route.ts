import { z } from "zod";
import { nameParams } from "../../../../../../features/monitoring/schemas.ts";
import { listRetrainTriggers } from "../../../../../../features/monitoring/service-triggers.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const query = z.object({ status: z.enum(["OPEN", "RESOLVED", "DISMISSED"]).optional() });

/** The model's retrain triggers, newest first, with evidence and delivery attempts. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/retrain-triggers", params: nameParams, query },
  async ({ params, query }) => ({
    triggers: await listRetrainTriggers(await getDatabase(), params.name, query.status),
  }),
);
