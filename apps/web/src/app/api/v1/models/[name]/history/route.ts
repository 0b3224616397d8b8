import { z } from "zod";
import { getModelHistory } from "../../../../../../features/registry/service-history.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1) });
const query = z.object({ at: z.iso.datetime({ offset: true }).optional() });

/** The model's transitions and the version in production at `at` (an ISO instant) or now. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/history", params, query },
  async (input) =>
    getModelHistory(
      await getDatabase(),
      input.params.name,
      input.query.at ? new Date(input.query.at) : null,
    ),
);
