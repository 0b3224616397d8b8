import { z } from "zod";
import { getRunDetail } from "../../../../../features/runs/run-detail.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

/** A run with its params, latest metrics, tags, inputs, artifacts and the model versions it made. */
export const GET = defineRoute(
  { route: "GET /api/v1/runs/[id]", params: z.object({ id: z.string() }) },
  async ({ params }) => getRunDetail(await getDatabase(), params.id),
);
