import { z } from "zod";
import { recomputeReports } from "../../../../../../../features/profiles/service.ts";
import { getDatabase } from "../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });
const query = z.object({
  /** Only the window starting here (`?windowStart=<ISO date>`); every window without it. */
  windowStart: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});

/** Recomputes a deployment's drift reports (or one window's) from the stored profiles. */
export const POST = defineRoute(
  { route: "POST /api/v1/deployments/[id]/reports/recompute", params, query },
  async ({ params, query }) =>
    recomputeReports(
      await getDatabase(),
      params.id,
      { windowStart: query.windowStart },
      new Date(),
    ),
);
