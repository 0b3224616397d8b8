import { z } from "zod";
import { getModelDetailView } from "../../../../../features/registry/service-model.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

/** A model with its versions (stage, aliases, metrics, gate summary), requests and deployments. */
export const GET = defineRoute(
  { route: "GET /api/v1/models/[name]", params: z.object({ name: z.string().min(1) }) },
  async ({ params }) => getModelDetailView(await getDatabase(), params.name),
);
