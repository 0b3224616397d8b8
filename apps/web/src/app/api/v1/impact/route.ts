import { formatImpactCsv } from "@pedigree/domain";
import { getImpact } from "../../../../features/impact/service.ts";
import { impactQuery, toImpactStart } from "../../../../features/impact/types.ts";
import { getDatabase } from "../../../../server/db.ts";
import { defineRoute } from "../../../../server/route/define-route.ts";

/** Everything downstream of a raw partition or a dataset version; `format=csv` for a file. */
export const GET = defineRoute(
  { route: "GET /api/v1/impact", query: impactQuery },
  async ({ query }) => {
    const report = await getImpact(await getDatabase(), toImpactStart(query));
    if (query.format === "json") return report;
    return new Response(formatImpactCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="impact.csv"',
      },
    });
  },
);
