import { z } from "zod";
import { readReportsJson } from "../../../../../../features/drift/service-reports.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });

/** A deployment's drift reports with their window metrics, oldest window first. */
export const GET = defineRoute(
  { route: "GET /api/v1/deployments/[id]/reports", params },
  async ({ params }) =>
    new Response(await readReportsJson(await getDatabase(), params.id), {
      headers: { "content-type": "application/json" },
    }),
);
