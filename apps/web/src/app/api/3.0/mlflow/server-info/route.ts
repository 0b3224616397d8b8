/** MLflow 3 clients probe this for workspaces and telemetry; a 404 would also do. */
export function GET(): Response {
  return Response.json({ store_type: "SqlStore", workspaces_enabled: false });
}
