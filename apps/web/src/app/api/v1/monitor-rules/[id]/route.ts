import { idParams, rulePatch } from "../../../../../features/monitoring/schemas.ts";
import {
  deleteMonitorRule,
  getMonitorRule,
  updateMonitorRule,
} from "../../../../../features/monitoring/service-rules.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

export const GET = defineRoute(
  { route: "GET /api/v1/monitor-rules/[id]", params: idParams },
  async ({ params }) => getMonitorRule(await getDatabase(), params.id),
);

/** Edits, enables or disables a rule (engineers). */
export const PATCH = defineRoute(
  { route: "PATCH /api/v1/monitor-rules/[id]", params: idParams, body: rulePatch },
  async ({ params, body }) => updateMonitorRule(await getDatabase(), params.id, body),
);

/** Deletes a rule with its triggers (engineers); disable it to keep its history. */
export const DELETE = defineRoute(
  { route: "DELETE /api/v1/monitor-rules/[id]", params: idParams },
  async ({ params }) => {
    await deleteMonitorRule(await getDatabase(), params.id);
    return new Response(null, { status: 204 });
  },
);
