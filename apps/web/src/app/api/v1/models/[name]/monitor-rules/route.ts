import { nameParams, ruleBody } from "../../../../../../features/monitoring/schemas.ts";
import {
  createMonitorRule,
  listMonitorRules,
} from "../../../../../../features/monitoring/service-rules.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../../server/route/define-route.ts";

/** The model's monitor rules, oldest first. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/monitor-rules", params: nameParams },
  async ({ params }) => ({
    rules: await listMonitorRules(await getDatabase(), params.name),
  }),
);

/** Adds a rule (engineers): 201 with it. */
export const POST = defineRoute(
  { route: "POST /api/v1/models/[name]/monitor-rules", params: nameParams, body: ruleBody },
  async ({ params, body, principal }) =>
    jsonResponse(await createMonitorRule(await getDatabase(), principal, params.name, body), 201),
);
