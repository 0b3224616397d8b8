import { z } from "zod";
import { listReports } from "../../../../../../features/profiles/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });

/** A deployment's drift reports with their window metrics, oldest window first. */
export const GET = defineRoute(
  { route: "GET /api/v1/deployments/[id]/reports", params },
  async ({ params }) => listReports(await getDatabase(), params.id),
);
