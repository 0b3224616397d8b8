import { z } from "zod";
import { getProvenance } from "../../../../../../../../features/provenance/service.ts";
import { getDatabase } from "../../../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1), version: z.coerce.number().int().positive() });

/** "What data was this trained on": run, dataset versions and partitions, commit, params. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]/versions/[version]/provenance", params },
  async (input) => getProvenance(await getDatabase(), input.params.name, input.params.version),
);
