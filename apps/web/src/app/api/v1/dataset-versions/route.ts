import { registerDatasetVersion } from "../../../../features/datasets/service.ts";
import { registerDatasetVersionInput } from "../../../../features/datasets/types.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../server/route/define-route.ts";

/** Registers a dataset version: 201 when new, 200 with the stored one for the same content. */
export const POST = defineRoute(
  { route: "POST /api/v1/dataset-versions", body: registerDatasetVersionInput },
  async ({ body }) => {
    const { isNew, version } = await registerDatasetVersion(await getDatabase(), body);
    return jsonResponse(version, isNew ? 201 : 200);
  },
);
