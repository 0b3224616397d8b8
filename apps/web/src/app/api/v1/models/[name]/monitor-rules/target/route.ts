import { nameParams, targetBody } from "../../../../../../../features/monitoring/schemas.ts";
import {
  deleteRetrainTarget,
  getRetrainTarget,
  setRetrainTarget,
} from "../../../../../../../features/monitoring/service-target.ts";
import { getDatabase } from "../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../server/route/define-route.ts";

/** Where the model's triggers are delivered (credentials never answered); null: nowhere. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/monitor-rules/target", params: nameParams },
  async ({ params }) => ({
    target: await getRetrainTarget(await getDatabase(), params.name),
  }),
);

/** Sets the target (engineers); an omitted credential keeps the stored one. */
export const PUT = defineRoute(
  { route: "PUT /api/v1/models/[name]/monitor-rules/target", params: nameParams, body: targetBody },
  async ({ params, body }) => ({
    target: await setRetrainTarget(await getDatabase(), params.name, body),
  }),
);

export const DELETE = defineRoute(
  { route: "DELETE /api/v1/models/[name]/monitor-rules/target", params: nameParams },
  async ({ params }) => {
    await deleteRetrainTarget(await getDatabase(), params.name);
    return new Response(null, { status: 204 });
  },
);
