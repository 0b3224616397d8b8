import { z } from "zod";
import { searchLineage } from "../../../../../features/lineage/search-service.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

const query = z.object({ q: z.string().max(200).default("") });

/** Nodes to centre the graph on: models, datasets, partitions, runs, commits, jobs. */
export const GET = defineRoute({ route: "GET /api/v1/lineage/search", query }, async (input) => ({
  hits: await searchLineage(await getDatabase(), input.query.q),
}));
