import { listExperiments } from "../../../../features/runs/experiments.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute } from "../../../../server/route/define-route.ts";

/** Active experiments with their run counts, newest activity first. */
export const GET = defineRoute({ route: "GET /api/v1/experiments" }, async () => ({
  experiments: await listExperiments(await getDatabase()),
}));
