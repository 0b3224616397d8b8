import { z } from "zod";
import { decideOnRequest } from "../../../../../../features/registry/service-decisions.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });
const body = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string(),
});

/**
 * Approves or rejects (the requester never may). The last approval needed carries the request
 * out; a blocking gate keeps it PENDING (200) with the failing gate results.
 */
export const POST = defineRoute(
  { route: "POST /api/v1/promotion-requests/[id]/decisions", params, body },
  async (input) =>
    decideOnRequest(await getDatabase(), input.principal, input.params.id, {
      decision: input.body.decision === "approve" ? "APPROVE" : "REJECT",
      comment: input.body.comment,
    }),
);
