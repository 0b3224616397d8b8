import "server-only";
import { randomUUID } from "node:crypto";
import { hasRole } from "@pedigree/domain";
import { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticate } from "../auth/authenticate.ts";
import { ALL_CREDENTIAL_KINDS, type CredentialKind, type Principal } from "../auth/principal.ts";
import { getDatabase } from "../db.ts";
import { toErrorAnswer } from "../error-response.ts";
import { AppError } from "../errors.ts";
import { logger } from "../logger.ts";
import { hashRequest, IDEMPOTENCY_HEADER, runIdempotently } from "./idempotency.ts";
import { parseInput, readJsonBody } from "./parse-input.ts";
import { type Access, ROUTE_ACCESS, type RouteKey } from "./permissions.ts";

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface RouteOptions<K extends RouteKey, B extends Schema, Q extends Schema, P extends Schema> {
  /** The route's entry in the permissions table ("<METHOD> <path>"), which gives its role. */
  route: K;
  /** The credentials the route takes (default: session, API token, HTTP Basic). */
  accept?: readonly CredentialKind[];
  body?: B;
  /** The largest JSON body the route reads (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  query?: Q;
  params?: P;
}

interface RouteInput<A extends Access, B extends Schema, Q extends Schema, P extends Schema> {
  request: NextRequest;
  principal: A extends "public" ? null : Principal;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  requestId: string;
}

/** A Response as is, or any other value as a 200 JSON body. */
type RouteResult = Response | object;

/** What Next passes as the second argument of a route handler. */
interface HandlerContext {
  params?: Promise<Record<string, string | string[] | undefined>>;
}

/** A route handler, with what the permissions matrix test reads about it. */
type RouteHandler = ((request: Request, context?: HandlerContext) => Promise<Response>) & {
  routeKeys: readonly RouteKey[];
  accepts: readonly CredentialKind[];
};

/**
 * The one wrapper every API route goes through: authenticates and checks the role that the
 * permissions table gives the route's key (permissions.ts), parses and
 * validates params, query and JSON body, runs the handler, and turns errors into the one error
 * shape `{ error: { code, message, details? } }` (error-response.ts). A POST with an
 * Idempotency-Key header acts once per user and key (idempotency.ts). Every answer carries
 * `x-request-id`; unexpected errors are logged with it and not described to the caller.
 */
export function defineRoute<
  K extends RouteKey,
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(
  options: RouteOptions<K, B, Q, P>,
  handler: (input: RouteInput<(typeof ROUTE_ACCESS)[K], B, Q, P>) => Promise<RouteResult>,
): RouteHandler {
  type A = (typeof ROUTE_ACCESS)[K];
  const access: Access = ROUTE_ACCESS[options.route];
  const accepts = options.accept ?? ALL_CREDENTIAL_KINDS;
  const route = async (rawRequest: Request, context?: HandlerContext) => {
    const request = rawRequest instanceof NextRequest ? rawRequest : new NextRequest(rawRequest);
    const requestId = randomUUID();
    const started = performance.now();
    let principal: Principal | null = null;
    let response: Response;
    try {
      principal = await authorize(request, access, accepts);
      const params = parseInput(options.params, (await context?.params) ?? {}, "path parameters");
      const query = parseInput(
        options.query,
        Object.fromEntries(request.nextUrl.searchParams),
        "query parameters",
      );
      const body = options.body
        ? parseInput(
            options.body,
            await readJsonBody(request, options.maxBodyBytes),
            "request body",
          )
        : undefined;
      const input = { request, principal, body, query, params, requestId };
      const act = async () => {
        const result = await handler(input as RouteInput<A, B, Q, P>);
        return result instanceof Response ? result : Response.json(result);
      };
      const key = request.method === "POST" ? request.headers.get(IDEMPOTENCY_HEADER) : null;
      response =
        key !== null && principal
          ? await runIdempotently(
              await getDatabase(),
              {
                userId: principal.id,
                key,
                requestHash: hashRequest(request.method, request.nextUrl, body),
                now: new Date(),
              },
              act,
            )
          : await act();
    } catch (error) {
      const answer = toErrorAnswer(error, requestId);
      if (answer.isUnexpected) {
        logger.error("unexpected error in route", {
          requestId,
          path: request.nextUrl.pathname,
          error,
        });
      }
      response = Response.json(answer.body, { status: answer.status, headers: answer.headers });
    }
    try {
      response.headers.set("x-request-id", requestId);
    } catch {
      // Response.redirect() answers have immutable headers; the log line still has the id.
    }
    logger.info("request", {
      requestId,
      method: request.method,
      path: request.nextUrl.pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
      userId: principal?.id,
      via: principal?.via,
    });
    return response;
  };
  return Object.assign(route, { routeKeys: [options.route], accepts });
}

async function authorize(
  request: NextRequest,
  access: Access,
  accepted: readonly CredentialKind[],
): Promise<Principal | null> {
  if (access === "public") return null;
  const principal = await authenticate(request, await getDatabase(), accepted);
  if (!hasRole(principal.role, access)) {
    throw new AppError("FORBIDDEN", `This needs the ${access} role; you have ${principal.role}`);
  }
  return principal;
}

/** A JSON answer with another status than 200 (201 Created, ...). */
export function jsonResponse(body: unknown, status: number, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}
