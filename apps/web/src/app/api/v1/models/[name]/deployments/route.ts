import { z } from "zod";
import { listModelDeployments } from "../../../../../../features/deployments/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

/** The model's deployments, newest first, each with its digest check. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/deployments", params: z.object({ name: z.string().min(1) }) },
  async ({ params }) => listModelDeployments(await getDatabase(), params.name),
);
