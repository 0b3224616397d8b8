import { ingestBaseline } from "../../../../../features/profiles/service.ts";
import { baselineInput } from "../../../../../features/profiles/types.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../server/route/define-route.ts";

/** A training dataset version's baseline profiles (one per feature, written once): 201. */
export const POST = defineRoute(
  { route: "POST /api/v1/profiles/baselines", body: baselineInput, maxBodyBytes: 32 * 1024 * 1024 },
  async ({ body }) => jsonResponse(await ingestBaseline(await getDatabase(), body), 201),
);
