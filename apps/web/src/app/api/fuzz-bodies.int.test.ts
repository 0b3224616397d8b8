// Hostile bodies to every writing route (issue 8): thousands of generated bodies with wrong types,
// huge strings, deep nesting, NaN and Infinity as text, lone surrogates and NUL, extra fields,
// arrays for objects and text that is not JSON. No answer may be a 5xx, and every 400 must say
// which field (or that the body itself) is wrong. Native routes are read from disk.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoint, Method, RouteTable } from "../../features/mlflow/endpoint.ts";
import { loggedModelRoutes } from "../../features/mlflow/endpoints-logged-models.ts";
import { registryRoutes } from "../../features/mlflow/endpoints-registry.ts";
import { trackingRoutes } from "../../features/mlflow/endpoints-tracking.ts";
import { createMlflowClient } from "../../features/mlflow/test-client.ts";
import { createTestToken, createTestUser, setUpTestDatabase } from "../../server/testing.ts";
import {
  encodeSegment,
  HOSTILE_SEGMENTS,
  hostileBody,
  hostileQuery,
  listNativeRoutes,
  readSchemaFieldNames,
} from "../../server/testing-hostile.ts";
import * as mlflowRoute from "./2.0/mlflow/[...path]/route.ts";

const db = setUpTestDatabase();
const WRITES = ["POST", "PATCH", "PUT", "DELETE"] as const;
/** Bodies per route and method: ~100 route-methods, a few thousand bodies in all. */
const RUNS = 20;
/** Native routes are fewer than MLflow's: more bodies each, over a thousand in all. */
const NATIVE_RUNS = 30;
/** Query strings per GET route. */
const QUERY_RUNS = 8;

type Handler = (request: Request, context?: unknown) => Promise<Response>;

interface Violation {
  route: string;
  status: number;
  answer: string;
  body: string;
}

/** Requests sent by all the tests of the file: thousands, whatever the split per route. */
let total = 0;
afterAll(() => {
  expect(total).toBeGreaterThan(2_000);
});

let token = "";
/** Real names and ids, so that a body that happens to be valid reaches the handler. */
const real: Record<string, string> = {};
const fields = readSchemaFieldNames();

beforeAll(async () => {
  const admin = await createTestUser(db(), { role: "ADMIN" });
  token = (await createTestToken(db(), admin.id)).token;
  const mlflow = createMlflowClient(token);
  const experiment = await mlflow.post("experiments/create", { name: "fuzz" });
  const run = await mlflow.post("runs/create", { experiment_id: experiment.json.experiment_id });
  await mlflow.post("registered-models/create", { name: "fuzz-model" });
  await mlflow.post("model-versions/create", {
    name: "fuzz-model",
    source: "s3://b/m",
    run_id: run.json.run.info.run_id,
  });
  const spare = await createTestToken(db(), admin.id);
  Object.assign(real, {
    experiment: experiment.json.experiment_id,
    run: run.json.run.info.run_id,
    model: "fuzz-model",
    version: "1",
    token: spare.id,
  });
});

/** Whether the text is a JSON object (a body whose fields can be named). */
function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * A 4xx must be the route's own shape. A 400 for an object body must name the field of each
 * issue; an issue without a path is allowed only when the body as a whole is wrong (not JSON, an
 * array, a number).
 */
function judgeNative(status: number, answer: unknown, body: string): string | null {
  if (status >= 500) return "a 5xx";
  if (status < 400) return null;
  const error = (answer as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message) {
    return "not the { error: { code, message } } shape";
  }
  if (status !== 400) return null;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)
    ?.issues;
  if (issues?.some((issue) => issue.path === "") && isJsonObject(body)) {
    return "an issue without a path";
  }
  // A service's own refusal (no zod issues) names the field (details.field or its message).
  const field = (error.details as { field?: unknown } | undefined)?.field;
  if (!issues && typeof field !== "string" && !namesAField(error.message)) {
    return "a 400 naming no field";
  }
  return null;
}

/** Field and parameter names the schemas declare, plus the path segments' own. */
const KNOWN_NAMES = new Set([...fields, "id", "alias", "version"].filter((n) => n.length > 2));

function namesAField(message: string): boolean {
  if (/body|JSON/.test(message)) return true;
  const words = message.match(/[A-Za-z_][\w.]*/g) ?? [];
  return words.some((word) => KNOWN_NAMES.has(word) || KNOWN_NAMES.has(word.toLowerCase()));
}

/** The top-level field names of a JSON object body (none for anything else). */
function readFieldNames(text: string): string[] {
  if (!isJsonObject(text)) return [];
  return Object.keys(JSON.parse(text) as object).filter((key) => key.length > 1);
}

/**
 * MLflow's shape; a 400 INVALID_PARAMETER_VALUE names a parameter ('name'), the body as a whole,
 * or one of the fields sent (a service's own message, "Dataset name exceeds ...").
 */
function judgeMlflow(status: number, answer: unknown, body: string): string | null {
  if (status >= 500) return "a 5xx";
  if (status < 400 || status === 404 || status === 405) return null;
  const { error_code: code, message } = (answer ?? {}) as Record<string, unknown>;
  if (typeof code !== "string" || typeof message !== "string" || !message) {
    return "not the { error_code, message } shape";
  }
  if (status !== 400 || code !== "INVALID_PARAMETER_VALUE") return null;
  if (/parameter '[\s\S]+'|request body|JSON object/i.test(message)) return null;
  // A field whose name is empty is named '' (only when one was sent).
  if (message.includes("parameter ''") && isJsonObject(body) && "" in JSON.parse(body)) {
    return null;
  }
  // `page_token` is named as well by "Invalid page token".
  const text = message.toLowerCase();
  const names = readFieldNames(body).map((name) => name.toLowerCase());
  if (names.some((name) => text.includes(name) || text.includes(name.replace(/_/g, " ")))) {
    return null;
  }
  return "a 400 naming no field";
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** Sends every generated body or query; returns the first violation (fast-check stops at it). */
async function fuzz(
  route: string,
  inputs: fc.Arbitrary<string>,
  send: (body: string) => Promise<Response>,
  judge: (status: number, answer: unknown, body: string) => string | null,
  runs: number,
): Promise<Violation | null> {
  let violation: Violation | null = null;
  const result = await fc.check(
    fc.asyncProperty(inputs, async (body) => {
      const response = await send(body);
      const answer = await readAnswer(response);
      const problem = judge(response.status, answer, body);
      if (!problem) return true;
      violation = {
        route: `${route}: ${problem}`,
        status: response.status,
        answer: JSON.stringify(answer).slice(0, 400),
        body: body.slice(0, 200),
      };
      return false;
    }),
    { numRuns: runs, endOnFailure: true },
  );
  return result.failed ? violation : null;
}

const headers = () => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

/** The value for a dynamic segment: a real one, or a hostile one. */
function plausible(segment: { name: string; parent: string }): string {
  if (segment.name === "name") return real.model ?? "x";
  if (segment.name === "version") return real.version ?? "1";
  if (segment.name === "alias") return "champion";
  if (segment.parent === "runs") return real.run ?? "x";
  if (segment.parent === "experiments") return real.experiment ?? "x";
  if (segment.parent === "tokens") return real.token ?? "x";
  return "c0000000000000000000000000";
}

type NativeRoute = ReturnType<typeof listNativeRoutes>[number];

/** A native route's dynamic segments filled with `values`: its params and its URL path. */
function fillNativeRoute(route: NativeRoute, values: readonly string[]) {
  const params = Object.fromEntries(
    route.segments.map((segment, i) => {
      const value = values[i] as string;
      return [segment.name, segment.isCatchAll ? [value] : value];
    }),
  );
  const path = route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) =>
    encodeSegment(String(params[name] ?? "")),
  );
  return { params, path };
}

const MLFLOW_ROUTES: RouteTable = { ...trackingRoutes, ...registryRoutes, ...loggedModelRoutes };

/** No route broke the rules, and enough inputs were sent for that to mean something. */
function expectNoViolations(violations: readonly Violation[], count: number): void {
  expect(violations).toEqual([]);
  total += count;
  expect(count).toBeGreaterThan(100);
}

describe("hostile bodies", () => {
  it("native routes (app/api/v1, read from disk): never a 5xx, every 400 names the field", async () => {
    const violations: Violation[] = [];
    let count = 0;
    for (const route of listNativeRoutes()) {
      const module = (await import(route.file)) as Partial<Record<string, Handler>>;
      for (const method of WRITES) {
        const handler = module[method];
        if (!handler) continue;
        const fills = [
          route.segments.map(plausible),
          ...HOSTILE_SEGMENTS.map((hostile) => route.segments.map(() => hostile)),
        ].slice(0, route.segments.length === 0 ? 1 : undefined);
        for (const [index, values] of fills.entries()) {
          const { params, path } = fillNativeRoute(route, values);
          const url = `http://localhost${path}`;
          const send = (body: string) =>
            handler(new Request(url, { method, headers: headers(), body }), {
              params: Promise.resolve(params),
            });
          // The real values get the full run; each hostile path value a few bodies.
          const violation =
            index === 0
              ? await fuzz(
                  `${method} ${route.pattern}`,
                  hostileBody(fields),
                  send,
                  judgeNative,
                  NATIVE_RUNS,
                )
              : await sendOnce(`${method} ${route.pattern} ${JSON.stringify(params)}`, send);
          count += index === 0 ? NATIVE_RUNS : 1;
          if (violation) violations.push(violation);
        }
      }
    }
    expectNoViolations(violations, count);
  }, 120_000);

  it("MLflow routes (the route table): never a 5xx, every 400 is MLflow's and names the field", async () => {
    const violations: Violation[] = [];
    let count = 0;
    for (const [pattern, methods] of Object.entries(MLFLOW_ROUTES)) {
      for (const method of WRITES) {
        const target: Endpoint | undefined = methods[method as Method];
        if (!target) continue;
        for (const path of fillMlflowPath(pattern)) {
          const handler = (mlflowRoute as Partial<Record<string, Handler>>)[method];
          if (!handler) continue;
          const url = `http://localhost/api/2.0/mlflow/${path}`;
          const send = (body: string) =>
            handler(new Request(url, { method, headers: headers(), body }));
          const violation = await fuzz(
            `${method} ${path}`,
            hostileBody(fields),
            send,
            judgeMlflow,
            RUNS,
          );
          count += RUNS;
          if (violation) violations.push(violation);
        }
      }
    }
    expectNoViolations(violations, count);
  }, 120_000);
});

describe("hostile query strings", () => {
  it("native GET routes: never a 5xx, every 400 names the parameter", async () => {
    const violations: Violation[] = [];
    let count = 0;
    for (const route of listNativeRoutes()) {
      const module = (await import(route.file)) as Partial<Record<string, Handler>>;
      const handler = module.GET;
      if (!handler) continue;
      const { params, path } = fillNativeRoute(route, route.segments.map(plausible));
      const violation = await fuzz(
        `GET ${route.pattern}`,
        hostileQuery(fields),
        (query) =>
          handler(new Request(`http://localhost${path}?${query}`, { headers: headers() }), {
            params: Promise.resolve(params),
          }),
        (status, answer) => judgeNative(status, answer, ""),
        QUERY_RUNS,
      );
      count += QUERY_RUNS;
      if (violation) violations.push(violation);
    }
    expectNoViolations(violations, count);
  }, 120_000);

  it("MLflow GET routes: never a 5xx, every 400 is MLflow's and names the parameter", async () => {
    const handler = (mlflowRoute as Partial<Record<string, Handler>>).GET;
    if (!handler) throw new Error("no MLflow GET handler");
    const violations: Violation[] = [];
    let count = 0;
    for (const [pattern, methods] of Object.entries(MLFLOW_ROUTES)) {
      if (!methods.GET) continue;
      for (const path of fillMlflowPath(pattern).slice(0, 2)) {
        const send = (query: string) =>
          handler(
            new Request(`http://localhost/api/2.0/mlflow/${path}?${query}`, { headers: headers() }),
          );
        // The query's keys stand for the body's fields: "Invalid filter ..." names `filter`.
        const judge = (status: number, answer: unknown, query: string) =>
          judgeMlflow(
            status,
            answer,
            JSON.stringify(Object.fromEntries(new URLSearchParams(query))),
          );
        const violation = await fuzz(`GET ${path}`, hostileQuery(fields), send, judge, QUERY_RUNS);
        count += QUERY_RUNS;
        if (violation) violations.push(violation);
      }
    }
    expectNoViolations(violations, count);
  }, 120_000);
});

/** One body that is valid JSON, sent with a hostile path value. */
async function sendOnce(
  route: string,
  send: (body: string) => Promise<Response>,
): Promise<Violation | null> {
  const body = JSON.stringify({ name: "x", version: 1 });
  const response = await send(body);
  const answer = await readAnswer(response);
  const problem = judgeNative(response.status, answer, body);
  return problem
    ? {
        route: `${route}: ${problem}`,
        status: response.status,
        answer: JSON.stringify(answer).slice(0, 400),
        body,
      }
    : null;
}

/** Paths for a table key; `logged-models/*` gets the shapes its endpoints take. */
function fillMlflowPath(pattern: string): string[] {
  if (!pattern.endsWith("/*")) return [pattern];
  const base = pattern.slice(0, -2);
  const id = "m-0123abcd";
  // Tag keys in the path: a plain one, a literal % (decoded once by the router), a NUL.
  return [
    `${base}/${id}`,
    `${base}/${id}/tags`,
    `${base}/${id}/params`,
    `${base}/${id}/tags/k`,
    `${base}/${id}/tags/100%25`,
    `${base}/${id}/tags/a%00b`,
  ];
}
