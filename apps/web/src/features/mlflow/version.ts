/** The MLflow server version we answer /version with: the REST surface we follow (mlflow-rest.md). */
export const MLFLOW_SERVER_VERSION = "3.11.1";
