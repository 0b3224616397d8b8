import { z } from "zod";
import { requestRollback } from "../../../../../../features/registry/service-history.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1) });
const body = z.object({ reason: z.string().trim().min(1, "a reason is required") });

/** Asks to restore the previous production version: 201 with the ROLLBACK request. */
export const POST = defineRoute(
  { route: "POST /api/v1/models/[name]/rollback", params, body },
  async (input) => {
    const db = await getDatabase();
    const request = await requestRollback(
      db,
      input.principal,
      input.params.name,
      input.body.reason,
    );
    return jsonResponse(request, 201);
  },
);
