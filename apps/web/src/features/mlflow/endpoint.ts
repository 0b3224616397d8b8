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
import {
  invalidParameter,
  MLFLOW_STATUS_BY_CODE,
  readInputRefusal,
  readMlflowCode,
} from "./errors.ts";
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
  run(request: NextRequest, rest: string, requestId: string): Promise<Response>;
}

interface EndpointOptions<S extends z.ZodType> {
  role: Role;
  input: S;
  /** "raw": the body is the endpoint's own (artifact uploads); fields come from the query. */
  body?: "json" | "raw";
}

/**
 * One MLflow RPC: authenticates (our API token as Bearer or as the Basic password, or a session),
 * checks the role, reads the fields the way MLflow sends them and validates them. Answers are
 * JSON objects; errors are thrown and answered by the router in MLflow's shape.
 */
export function endpoint<S extends z.ZodType>(
  options: EndpointOptions<S>,
  handler: (input: EndpointInput<z.output<S>>) => Promise<object | Response>,
): Endpoint {
  return {
    run: async (request, rest) => {
      const db = await getDatabase();
      const principal = await authenticate(request, db, ALL_CREDENTIAL_KINDS);
      if (!hasRole(principal.role, options.role)) {
        throw new AppError(
          "FORBIDDEN",
          `This needs the ${options.role} role; you have ${principal.role}`,
        );
      }
      const fields =
        request.method === "GET" || options.body === "raw"
          ? readQueryFields(request.nextUrl.searchParams)
          : parseBodyText(await readTextBody(request, MAX_BODY_BYTES));
      if (JSON.stringify(fields).includes("\\u0000")) {
        throw invalidParameter("Values cannot contain NUL characters");
      }
      const input = parseFields(options.input, fields);
      const result = await handler({ input, principal, db, request, rest });
      return result instanceof Response ? result : Response.json(result);
    },
  };
}

/** A path's endpoints by method; a key ending in "/*" also matches any path below it. */
export type RouteTable = Record<string, Partial<Record<Method, Endpoint>>>;

type RouteHandler = (request: Request) => Promise<Response>;

function match(
  table: RouteTable,
  path: string,
): { methods: Partial<Record<Method, Endpoint>>; rest: string } | null {
  const exact = table[path];
  if (exact) return { methods: exact, rest: "" };
  for (const [pattern, methods] of Object.entries(table)) {
    if (!pattern.endsWith("/*")) continue;
    const base = pattern.slice(0, -2);
    if (path === base) return { methods, rest: "" };
    if (path.startsWith(`${base}/`)) return { methods, rest: path.slice(base.length + 1) };
  }
  return null;
}

/**
 * Route handlers for everything under `/<...>/<mount>/`: Next's catch-all route exports these.
 * An unknown path is a bare 404 (clients read it as ENDPOINT_NOT_FOUND and fall back), a known
 * path with another method a bare 405, as upstream's Flask server answers.
 */
export function createRouter(table: RouteTable, mount: string): Record<Method, RouteHandler> {
  const handle =
    (method: Method): RouteHandler =>
    async (rawRequest) => {
      const request = rawRequest instanceof NextRequest ? rawRequest : new NextRequest(rawRequest);
      const segments = request.nextUrl.pathname.split("/");
      const path = segments
        .slice(segments.indexOf(mount) + 1)
        .map((segment) => decodeURIComponent(segment))
        .join("/");
      const found = match(table, path);
      if (!found) return new Response(null, { status: 404 });
      const target = found.methods[method];
      if (!target) return new Response(null, { status: 405 });
      const requestId = randomUUID();
      const started = performance.now();
      let response: Response;
      try {
        response = await target.run(request, found.rest, requestId);
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
      });
      return response;
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
    { status: MLFLOW_STATUS_BY_CODE[code], headers },
  );
}

/** One endpoint per shape of the path below a prefix (`logged-models/{id}/tags/{key}` ...). */
export function byRest(choices: readonly [RegExp, Endpoint][]): Endpoint {
  return {
    run: (request, rest, requestId) => {
      const chosen = choices.find(([pattern]) => pattern.test(rest));
      if (!chosen) return Promise.resolve(new Response(null, { status: 404 }));
      return chosen[1].run(request, rest, requestId);
    },
  };
}
