// For integration tests only: MLflow calls made the way an MLflow client makes them (fields in
// the query string for GET, a JSON body otherwise), answered by the real route handlers.

import * as mlflowRoute from "../../app/api/2.0/mlflow/[...path]/route.ts";
import * as artifactRoute from "../../app/api/2.0/mlflow-artifacts/[...path]/route.ts";

type Handlers = Partial<Record<string, (request: Request) => Promise<Response>>>;

export interface MlflowAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary MLflow JSON.
  json: any;
}

/** Query string as the Python client builds it: lists as repeated keys. */
export function toQuery(fields: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function createMlflowClient(token: string) {
  const headers = { authorization: `Bearer ${token}` };
  async function call(
    method: string,
    path: string,
    fields: Record<string, unknown> = {},
    options: { rawBody?: string; base?: "mlflow" | "mlflow-artifacts" } = {},
  ): Promise<MlflowAnswer> {
    const base = options.base ?? "mlflow";
    const handlers: Handlers = base === "mlflow" ? mlflowRoute : artifactRoute;
    const isGet = method === "GET";
    const url = `http://localhost/api/2.0/${base}/${path}${isGet ? toQuery(fields) : ""}`;
    const body = isGet ? undefined : (options.rawBody ?? JSON.stringify(fields));
    const request = new Request(url, {
      method,
      headers: isGet ? headers : { ...headers, "content-type": "application/json" },
      body,
    });
    const handler = handlers[method];
    if (!handler) throw new Error(`no ${method} handler for ${path}`);
    const response = await handler(request);
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }
  return {
    call,
    get: (path: string, fields?: Record<string, unknown>) => call("GET", path, fields),
    post: (path: string, fields?: Record<string, unknown>) => call("POST", path, fields),
    patch: (path: string, fields?: Record<string, unknown>) => call("PATCH", path, fields),
    delete: (path: string, fields?: Record<string, unknown>) => call("DELETE", path, fields),
  };
}
