import { z } from "zod";
import { compareVersions } from "../../../../../../features/compare/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1) });
const query = z.object({
  a: z.coerce.number().int().positive(),
  b: z.coerce.number().int().positive(),
});

/** Two versions side by side: params, metrics, dataset versions (partitions added and removed), commits. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/compare", params, query },
  async (input) =>
    compareVersions(await getDatabase(), input.params.name, input.query.a, input.query.b),
);
