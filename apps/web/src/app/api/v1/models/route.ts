import { listModels } from "../../../../features/models/service.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute } from "../../../../server/route/define-route.ts";

/** The registered models with their production, staging and latest versions. */
export const GET = defineRoute({ route: "GET /api/v1/models" }, async () => ({
  models: await listModels(await getDatabase()),
}));
