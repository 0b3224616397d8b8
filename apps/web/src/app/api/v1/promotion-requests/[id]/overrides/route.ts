import { GATES } from "@pedigree/domain";
import { z } from "zod";
import { overrideGate } from "../../../../../../features/registry/service-decisions.ts";
import { getDatabase } from "../../../../../../server/db.ts";
import { defineRoute } from "../../../../../../server/route/define-route.ts";

const params = z.object({ id: z.string().min(1) });
const body = z.object({
  gate: z.enum(GATES),
  justification: z.string().trim().min(1, "a written justification is required"),
});

/** An admin overrides a failed gate; with its approvals complete the request is carried out. */
export const POST = defineRoute(
  { route: "POST /api/v1/promotion-requests/[id]/overrides", params, body },
  async (input) => overrideGate(await getDatabase(), input.principal, input.params.id, input.body),
);
