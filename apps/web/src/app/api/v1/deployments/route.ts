import { createDeployment } from "../../../../features/deployments/service.ts";
import { createDeploymentInput } from "../../../../features/deployments/types.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../server/route/define-route.ts";

/** A service reports running a model version: 201; its previous deployment there ends. */
export const POST = defineRoute(
  { route: "POST /api/v1/deployments", body: createDeploymentInput },
  async ({ principal, body }) =>
    jsonResponse(await createDeployment(await getDatabase(), principal.id, body), 201),
);
