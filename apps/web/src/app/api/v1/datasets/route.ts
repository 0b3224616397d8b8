import { listDatasets } from "../../../../features/datasets/service.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute } from "../../../../server/route/define-route.ts";

/** Every dataset with its version count and latest version. */
export const GET = defineRoute({ route: "GET /api/v1/datasets" }, async () => ({
  datasets: await listDatasets(await getDatabase()),
}));
