import { nameParams, ruleBody } from "../../../../../../features/monitoring/schemas.ts";
import {
  createMonitorRule,
  listMonitorRules,
} from "../../../../../../features/monitoring/service-rules.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../../server/route/define-route.ts";

/** The model's monitor rules, oldest first. */
export const GET = defineRoute({ auth: "VIEWER", params: nameParams }, async ({ params }) => ({
  rules: await listMonitorRules(await getDatabase(), params.name),
}));

/** Adds a rule (engineers): 201 with it. */
export const POST = defineRoute(
  { auth: "ENGINEER", params: nameParams, body: ruleBody },
  async ({ params, body, principal }) =>
    jsonResponse(await createMonitorRule(await getDatabase(), principal, params.name, body), 201),
);
