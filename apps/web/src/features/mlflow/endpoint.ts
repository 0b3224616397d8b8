import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@pedigree/db";
import { hasRole, type Role } from "@pedigree/domain";
import { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticate } from "../../server/auth/authenticate.ts";
import { ALL_CREDENTIAL_KINDS, type Principal } from "../../server/auth/principal.ts";
import { getDatabase } from "../../server/db.ts";
import { toErrorAnswer } from "../../server/error-response.ts";
import { AppError } from "../../server/errors.ts";
import { logger } from "../../server/logger.ts";
import { readTextBody } from "../../server/route/parse-input.ts";
import { type RouteKey, readAccess } from "../../server/route/permissions.ts";
import { readInputRefusal, readMlflowCode, readMlflowStatus } from "./errors.ts";
import { parseBodyText, parseFields, readQueryFields } from "./wire.ts";

/** The largest JSON body read (a dataset profile may be 16 MB, MLflow's own limit). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface EndpointInput<I> {
  input: I;
  principal: Principal;
  db: Database;
  request: NextRequest;
  /** The path after the endpoint's own (artifact paths). */
  rest: string;
}

export interface Endpoint {
  /** The roles its handlers declare; the router refuses any that differ from the permissions table. */
  declaredRoles: readonly Role[];
  /** Runs for a caller the router has authenticated and authorised. */
  run(request: NextRequest, rest: string, principal: Principal): Promise<Response>;
}

interface EndpointOptions<S extends z.ZodType> {
  /** For the reader: the role is the permissions table's (server/route/permissions.ts). */
  role?: Role;
  input: S;
  /** "raw": the body is the endpoint's own (artifact uploads); fields come from the query. */
  body?: "json" | "raw";
}

/**
 * One MLflow RPC: reads the fields the way MLflow sends them and validates them (the router has
 * authenticated the caller and checked the role from the permissions table). Answers are JSON
 * objects; errors are thrown and answered by the router in MLflow's shape.
 */
export function endpoint<S extends z.ZodType>(
  options: EndpointOptions<S>,
  handler: (input: EndpointInput<z.output<S>>) => Promise<object | Response>,
): Endpoint {
  return {
    declaredRoles: options.role ? [options.role] : [],
    run: async (request, rest, principal) => {
      const db = await getDatabase();
      const fields =
        request.method === "GET" || options.body === "raw"
          ? readQueryFields(request.nextUrl.searchParams)
          : parseBodyText(await readTextBody(request, MAX_BODY_BYTES));
      const input = parseFields(options.input, fields);
      const result = await handler({ input, principal, db, request, rest });
      return result instanceof Response ? result : Response.json(result);
    },
  };
}

/** A path's endpoints by method; a key ending in "/*" also matches any path below it. */
export type RouteTable = Record<string, Partial<Record<Method, Endpoint>>>;

/** A method's handler, with the permissions-table keys it serves (read by the matrix test). */
type RouteHandler = ((request: Request) => Promise<Response>) & { routeKeys: readonly RouteKey[] };

interface Route {
  endpoint: Endpoint;
  key: RouteKey;
  role: Role;
}

function match(
  routes: ReadonlyMap<string, Partial<Record<Method, Route>>>,
  path: string,
): { methods: Partial<Record<Method, Route>>; rest: string } | null {
  const exact = routes.get(path);
  if (exact) return { methods: exact, rest: "" };
  for (const [pattern, methods] of routes) {
    if (!pattern.endsWith("/*")) continue;
    const base = pattern.slice(0, -2);
    if (path === base) return { methods, rest: "" };
    if (path.startsWith(`${base}/`)) return { methods, rest: path.slice(base.length + 1) };
  }
  return null;
}

/**
 * Each endpoint's role from the permissions table ("<METHOD> /api/2.0/<mount>/<pattern>"). Throws
 * when the table has no entry or an endpoint declares another role, so the module fails to load.
 */
function resolveRoutes(table: RouteTable, mount: string) {
  const routes = new Map<string, Partial<Record<Method, Route>>>();
  for (const [pattern, methods] of Object.entries(table)) {
    const resolved: Partial<Record<Method, Route>> = {};
    for (const [method, endpoint] of Object.entries(methods) as [Method, Endpoint][]) {
      const key = `${method} /api/2.0/${mount}/${pattern}`;
      const access = readAccess(key);
      if (access === undefined || access === "public") {
        throw new Error(`${key} needs a role in server/route/permissions.ts`);
      }
      const other = endpoint.declaredRoles.find((role) => role !== access);
      if (other) throw new Error(`${key} declares ${other}; permissions.ts says ${access}`);
      resolved[method] = { endpoint, key: key as RouteKey, role: access };
    }
    routes.set(pattern, resolved);
  }
  return routes;
}

/**
 * Route handlers for everything under `/<...>/<mount>/`: Next's catch-all route exports these.
 * An unknown path is a bare 404 (clients read it as ENDPOINT_NOT_FOUND and fall back), a known
 * path with another method a bare 405, as upstream's Flask server answers. A known path
 * authenticates (API token as Bearer or as the Basic password, the password, or a session) and
 * checks the permissions table's role before the endpoint reads anything.
 */
/** The path below `mount`, each segment decoded; null when an escape is malformed. */
function decodePath(pathname: string, mount: string): string | null {
  const segments = pathname.split("/");
  try {
    return segments
      .slice(segments.indexOf(mount) + 1)
      .map((segment) => decodeURIComponent(segment))
      .join("/");
  } catch {
    return null;
  }
}

export function createRouter(table: RouteTable, mount: string): Record<Method, RouteHandler> {
  const routes = resolveRoutes(table, mount);
  const handle = (method: Method): RouteHandler => {
    const handler = async (rawRequest: Request) => {
      const request = rawRequest instanceof NextRequest ? rawRequest : new NextRequest(rawRequest);
      const path = decodePath(request.nextUrl.pathname, mount);
      if (path === null) {
        // A malformed escape (`%E0%A4%A`) is the caller's mistake: 400, never a retried 500.
        return Response.json(
          {
            error_code: "INVALID_PARAMETER_VALUE",
            message: "Malformed percent-encoding in the path",
          },
          { status: 400 },
        );
      }
      const found = match(routes, path);
      if (!found) return new Response(null, { status: 404 });
      const target = found.methods[method];
      if (!target) return new Response(null, { status: 405 });
      const requestId = randomUUID();
      const started = performance.now();
      let principal: Principal | null = null;
      let response: Response;
      try {
        principal = await authenticate(request, await getDatabase(), ALL_CREDENTIAL_KINDS);
        if (!hasRole(principal.role, target.role)) {
          throw new AppError(
            "FORBIDDEN",
            `This needs the ${target.role} role; you have ${principal.role}`,
          );
        }
        response = await target.endpoint.run(request, found.rest, principal);
      } catch (error) {
        response = answerError(error, requestId, request);
      }
      response.headers.set("x-request-id", requestId);
      logger.info("request", {
        requestId,
        method,
        path: request.nextUrl.pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
        userId: principal?.id,
        via: principal?.via,
      });
      return response;
    };
    const routeKeys = [...routes.values()].flatMap((methods) => methods[method]?.key ?? []);
    return Object.assign(handler, { routeKeys });
  };
  return {
    GET: handle("GET"),
    POST: handle("POST"),
    PUT: handle("PUT"),
    PATCH: handle("PATCH"),
    DELETE: handle("DELETE"),
  };
}

/** MLflow's error shape, `{ error_code, message }`, with MLflow's status for the code. */
function answerError(error: unknown, requestId: string, request: NextRequest): Response {
  const answer = toErrorAnswer(readInputRefusal(error) ?? error, requestId);
  if (answer.isUnexpected) {
    logger.error("unexpected error in MLflow route", {
      requestId,
      path: request.nextUrl.pathname,
      error,
    });
  }
  const code = readMlflowCode(answer.body.error.code, answer.body.error.details);
  const headers: Record<string, string> = { ...answer.headers };
  if (code === "UNAUTHENTICATED") headers["WWW-Authenticate"] = 'Basic realm="pedigree"';
  return Response.json(
    { error_code: code, message: answer.body.error.message },
    { status: readMlflowStatus(answer.body.error.code, code), headers },
  );
}

/** One endpoint per shape of the path below a prefix (`logged-models/{id}/tags/{key}` ...). */
export function byRest(choices: readonly [RegExp, Endpoint][]): Endpoint {
  return {
    declaredRoles: choices.flatMap(([, endpoint]) => endpoint.declaredRoles),
    run: (request, rest, principal) => {
      const chosen = choices.find(([pattern]) => pattern.test(rest));
      if (!chosen) return Promise.resolve(new Response(null, { status: 404 }));
      return chosen[1].run(request, rest, principal);
    },
  };
}
