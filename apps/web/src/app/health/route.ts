/** MLflow's liveness probe: plain "OK" (the app's own health check is /api/health). */
export function GET(): Response {
  return new Response("OK", { headers: { "content-type": "text/plain" } });
}
