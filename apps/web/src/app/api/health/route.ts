import { checkHealth } from "../../../features/health/service.ts";
import { getDatabase, getDatabaseTarget } from "../../../server/db.ts";
import { RETRY_AFTER_SECONDS } from "../../../server/error-response.ts";
import { defineRoute, jsonResponse } from "../../../server/route/define-route.ts";

/** Liveness and database readiness, for load balancers and `docker compose` health checks. */
export const GET = defineRoute({ route: "GET /api/health" }, async () => {
  const report = await checkHealth(getDatabase, getDatabaseTarget().kind);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (!report.database.ok) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return jsonResponse(report, report.database.ok ? 200 : 503, headers);
});
