import { z } from "zod";
import { readReportsJson } from "../../../../../../features/drift/service-reports.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });
const time = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .optional();
/** Windows starting in [from, to) (`?from=<ISO>&to=<ISO>`, either optional); all without them. */
const query = z.object({ from: time, to: time });

/** A deployment's drift reports with their window metrics, oldest window first. */
export const GET = defineRoute(
  { route: "GET /api/v1/deployments/[id]/reports", params, query },
  async ({ params, query }) =>
    new Response(await readReportsJson(await getDatabase(), params.id, query), {
      headers: { "content-type": "application/json" },
    }),
);
