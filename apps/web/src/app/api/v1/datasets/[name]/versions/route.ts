import { z } from "zod";
import { listDatasetVersions } from "../../../../../../features/datasets/service.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1).max(200) });
const query = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** A dataset's versions, newest first. */
export const GET = defineRoute(
  { route: "GET /api/v1/datasets/[name]/versions", params, query },
  async (input) => ({
    versions: await listDatasetVersions(await getDatabase(), input.params.name, input.query.limit),
  }),
);
