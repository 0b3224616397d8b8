import { z } from "zod";
import { getLineageGraph, parseExpand } from "../../../../../features/lineage/graph-service.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

const query = z.object({
  node: z.string().min(3),
  depth: z.coerce.number().int().min(1).max(5).default(2),
  direction: z.enum(["up", "down", "both"]).default("both"),
  expand: z.string().max(4000).optional(),
});

/** The lineage graph around `node` (`<kind>:<id>`), with large fan-out as cluster nodes. */
export const GET = defineRoute({ route: "GET /api/v1/lineage/graph", query }, async (input) =>
  getLineageGraph(await getDatabase(), { ...input.query, expand: parseExpand(input.query.expand) }),
);
