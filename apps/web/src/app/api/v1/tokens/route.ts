import { createToken, listTokens } from "../../../../features/tokens/service.ts";
import { createTokenInput } from "../../../../features/tokens/types.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../server/route/define-route.ts";

/** Lists the caller's tokens (no secrets). */
export const GET = defineRoute({ route: "GET /api/v1/tokens" }, async ({ principal }) => ({
  tokens: await listTokens(await getDatabase(), principal.id),
}));

/**
 * Creates a token and answers its secret once. A session or email and password only: a token
 * that could mint tokens would outlive its own revocation.
 */
export const POST = defineRoute(
  { route: "POST /api/v1/tokens", accept: ["session", "basic"], body: createTokenInput },
  async ({ principal, body }) =>
    jsonResponse(await createToken(await getDatabase(), principal.id, body.name), 201),
);
