import { z } from "zod";
import { createPromotionRequest } from "../../../../../../../../features/registry/service.ts";
import { getDatabase } from "../../../../../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../../../../../server/route/define-route.ts";

const params = z.object({ name: z.string().min(1), version: z.coerce.number().int().positive() });
const body = z.object({
  targetStage: z.enum(["STAGING", "PRODUCTION"]),
  reason: z.string().trim().min(1, "a reason is required"),
});

/** Asks for a version to move to a stage: 201 with the request and its gate results. */
export const POST = defineRoute(
  { route: "POST /api/v1/models/[name]/versions/[version]/promotion-requests", params, body },
  async (input) => {
    const request = await createPromotionRequest(await getDatabase(), input.principal, {
      model: input.params.name,
      version: input.params.version,
      targetStage: input.body.targetStage,
      reason: input.body.reason,
    });
    return jsonResponse(request, 201);
  },
);
