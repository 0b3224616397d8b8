import { MLFLOW_SERVER_VERSION } from "../../features/mlflow/version.ts";

/** MLflow clients ask for the server's version first (best effort, plain text). */
export function GET(): Response {
  return new Response(MLFLOW_SERVER_VERSION, { headers: { "content-type": "text/plain" } });
}
