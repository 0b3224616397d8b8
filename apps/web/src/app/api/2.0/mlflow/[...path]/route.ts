import { mlflowRouter } from "../../../../../features/mlflow/router.ts";

/** MLflow's tracking and registry REST API (docs/MLFLOW.md). */
export const { GET, POST, PATCH, DELETE } = mlflowRouter;
