// For integration tests only: every handler the app serves, found through the route files on
// disk (not through the permissions table, which is what the tests check), by table key.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROUTE_ACCESS, type RouteKey } from "./permissions.ts";

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** A route handler and what defineRoute and the MLflow router say about it. */
export type ServedHandler = ((request: Request, context?: unknown) => Promise<Response>) & {
  routeKeys?: readonly string[];
  accepts?: readonly string[];
};

/** Each route file as Next routes it: "/api/v1/models/[name]" for .../[name]/route.ts. */
function listRouteFiles(dir = APP_DIR): { file: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listRouteFiles(full);
    if (entry.name !== "route.ts") return [];
    return [{ file: full, path: `/${relative(APP_DIR, dir).split(sep).join("/")}` }];
  });
}

/**
 * Imports every route file and reads the keys its handlers serve: defineRoute's key, the MLflow
 * router's keys, or "<METHOD> <path>" for a bare function (which must then be public). Problems
 * are handlers whose keys name another route or that are bare but not public.
 */
export async function loadServedHandlers() {
  const handlers = new Map<string, ServedHandler>();
  const problems: string[] = [];
  for (const { file, path } of listRouteFiles()) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = module[method] as ServedHandler | undefined;
      if (typeof handler !== "function") continue;
      const keys = handler.routeKeys ?? [`${method} ${path}`];
      if (!handler.routeKeys && ROUTE_ACCESS[keys[0] as RouteKey] !== "public") {
        problems.push(`${method} ${path}: not behind defineRoute, so its entry must be "public"`);
      }
      // The MLflow catch-alls serve the keys below their folder (/ajax-api re-exports /api's).
      const isRouter = handler.routeKeys !== undefined && handler.accepts === undefined;
      const base = path.replace(/\/\[\.\.\.path\]$/, "/").replace(/^\/ajax-api\//, "/api/");
      for (const key of keys) {
        const [keyMethod, keyPath = ""] = key.split(" ");
        const isOwn = isRouter ? keyPath.startsWith(base) : keyPath === path;
        if (keyMethod !== method || !isOwn) {
          problems.push(`${method} ${path} serves "${key}", which names another route`);
        }
        handlers.set(key, handler);
      }
    }
  }
  return { handlers, problems };
}
