import { z } from "zod";
import { listExperimentRuns } from "../../../../../../features/runs/list-runs.ts";
import { runListQuery } from "../../../../../../features/runs/request-input.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

/** A page of an experiment's runs: ?filter (MLflow grammar), orderBy, columns, page, maxResults. */
export const GET = defineRoute(
  {
    route: "GET /api/v1/experiments/[id]/runs",
    params: z.object({ id: z.string() }),
    query: runListQuery,
  },
  async ({ params, query }) => listExperimentRuns(await getDatabase(), params.id, query),
);
