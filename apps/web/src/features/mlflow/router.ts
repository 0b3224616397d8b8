import "server-only";
import { createRouter } from "./endpoint.ts";
import {
  proxiedArtifactRoutes,
  proxiedListEndpoint,
  runArtifactRoutes,
} from "./endpoints-artifacts.ts";
import { loggedModelRoutes } from "./endpoints-logged-models.ts";
import { registryRoutes } from "./endpoints-registry.ts";
import { trackingRoutes } from "./endpoints-tracking.ts";

/** Every MLflow RPC served under /api/2.0/mlflow/ (and /ajax-api/2.0/mlflow/). */
export const mlflowRouter = createRouter(
  { ...trackingRoutes, ...runArtifactRoutes, ...registryRoutes, ...loggedModelRoutes },
  "mlflow",
);

/** /api/2.0/mlflow-artifacts/: the proxied artifact store. */
export const mlflowArtifactsRouter = createRouter(
  { artifacts: { GET: proxiedListEndpoint }, ...proxiedArtifactRoutes },
  "mlflow-artifacts",
);
