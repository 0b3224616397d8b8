export { DELETE, GET, PATCH, POST } from "../../../../api/2.0/mlflow/[...path]/route.ts";
