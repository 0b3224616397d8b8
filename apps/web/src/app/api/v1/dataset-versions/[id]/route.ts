import { z } from "zod";
import { getDatasetVersion } from "../../../../../features/datasets/service.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1).max(200) });

export const GET = defineRoute(
  { route: "GET /api/v1/dataset-versions/[id]", params },
  async (input) => getDatasetVersion(await getDatabase(), input.params.id),
);
