import { ingestWindow } from "../../../../../features/profiles/service.ts";
import { windowInput } from "../../../../../features/profiles/types.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../server/route/define-route.ts";

/**
 * A deployment's serving window (profiles and optional labelled-outcome metrics): 201 with the
 * drift report computed against the training baseline; 400 naming a feature that does not line up.
 */
export const POST = defineRoute(
  { route: "POST /api/v1/profiles/windows", body: windowInput, maxBodyBytes: 32 * 1024 * 1024 },
  async ({ body }) => jsonResponse(await ingestWindow(await getDatabase(), body, new Date()), 201),
);
