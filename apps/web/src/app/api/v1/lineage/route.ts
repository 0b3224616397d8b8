import { z } from "zod";
import { ingestLineageEvent } from "../../../../features/openlineage/service.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute, jsonResponse } from "../../../../server/route/define-route.ts";

/** Any JSON: the service reads the event leniently and names the field it cannot understand. */
const event = z.unknown();

/** OpenLineage ingest (RunEvent, JobEvent, DatasetEvent; spec 2-0-2): 201 with warnings. */
export const POST = defineRoute({ route: "POST /api/v1/lineage", body: event }, async ({ body }) =>
  jsonResponse(await ingestLineageEvent(await getDatabase(), body), 201),
);
