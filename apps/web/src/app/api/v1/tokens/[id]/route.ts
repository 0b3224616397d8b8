import { z } from "zod";
import { revokeToken } from "../../../../../features/tokens/service.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

/** Revokes one of the caller's tokens (an admin: anyone's); it answers 401 from then on. */
export const DELETE = defineRoute(
  { route: "DELETE /api/v1/tokens/[id]", params: z.object({ id: z.string().min(1) }) },
  async ({ principal, params }) => revokeToken(await getDatabase(), principal, params.id),
);
