import { loadMetricSeries } from "../../../../../features/runs/metric-series.ts";
import { metricSeriesQuery } from "../../../../../features/runs/request-input.ts";
import { getDatabase } from "../../../../../server/db.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

/**
 * ?runIds=a,b&key=loss[&fromStep=0&toStep=9999][&buckets=1000]: the metric's curves, downsampled
 * in the database to per-bucket min, max and last (every spike survives).
 */
export const GET = defineRoute(
  { route: "GET /api/v1/runs/metric-series", query: metricSeriesQuery },
  async ({ query }) => loadMetricSeries(await getDatabase(), query),
);
