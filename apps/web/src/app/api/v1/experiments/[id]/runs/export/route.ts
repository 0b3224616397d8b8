import { z } from "zod";
import { exportExperimentRuns } from "../../../../../../../features/runs/list-runs.ts";
import { runListQuery } from "../../../../../../../features/runs/request-input.ts";
import { getDatabase } from "../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../server/route/define-route.ts";

/** The runs list's search as a streamed CSV download (same query parameters, no paging). */
export const GET = defineRoute(
  {
    route: "GET /api/v1/experiments/[id]/runs/export",
    params: z.object({ id: z.string() }),
    query: runListQuery,
  },
  async ({ params, query }) => {
    const { experimentName, body } = await exportExperimentRuns(
      await getDatabase(),
      params.id,
      query,
    );
    const fileName = `${experimentName.replace(/[^\w.-]+/g, "_")}-runs.csv`;
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  },
);
