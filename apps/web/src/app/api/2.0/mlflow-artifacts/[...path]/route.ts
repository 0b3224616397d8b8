import { mlflowArtifactsRouter } from "../../../../../features/mlflow/router.ts";

/** MLflow's proxied artifact service: upload (PUT), download and list (GET), delete. */
export const { GET, PUT, DELETE } = mlflowArtifactsRouter;
