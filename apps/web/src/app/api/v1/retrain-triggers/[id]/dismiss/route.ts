import { dismissBody, idParams } from "../../../../../../features/monitoring/schemas.ts";
import { dismissRetrainTrigger } from "../../../../../../features/monitoring/service-triggers.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

/** Closes an open trigger with a reason (engineers); 409 when it is not open. */
export const POST = defineRoute(
  { route: "POST /api/v1/retrain-triggers/[id]/dismiss", params: idParams, body: dismissBody },
  async ({ params, body, principal }) =>
    dismissRetrainTrigger(await getDatabase(), principal, params.id, body.reason),
);
