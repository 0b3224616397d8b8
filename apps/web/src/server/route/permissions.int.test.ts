// The authorisation matrix (issue 8): every route file on disk and every MLflow RPC against the
// permissions table, then every table entry called through its real handler once per caller:
// no credentials, an expired session, a revoked token, a cross-site write with a session cookie,
// and a user of each role. One request per cell, with placeholder ids and an empty body.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasRole, ROLES, type Role } from "@pedigree/domain";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
  TEST_AUTH_SECRET,
} from "../testing.ts";
import { type Access, ROUTE_ACCESS, type RouteKey } from "./permissions.ts";
import { loadServedHandlers, type ServedHandler } from "./testing-routes.ts";

// Artifact uploads in the matrix land in a throwaway folder (read once, when env is first parsed).
const artifactsDir = mkdtempSync(join(tmpdir(), "pedigree-permissions-"));
vi.stubEnv("PEDIGREE_ARTIFACTS_DIR", artifactsDir);
afterAll(() => rmSync(artifactsDir, { recursive: true, force: true }));

const db = setUpTestDatabase();
const KEYS = Object.keys(ROUTE_ACCESS) as RouteKey[];

// next-auth's own handler needs Next's request scope (next/headers); auth-cookies.int.test.ts
// calls its core with our options instead.
const NOT_CALLABLE = new Set<string>([
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
]);

let handlers = new Map<string, ServedHandler>();
let problems: string[] = [];

beforeAll(async () => {
  ({ handlers, problems } = await loadServedHandlers());
});

describe("the permissions table", () => {
  it("has exactly one entry per route and MLflow RPC that the app serves", () => {
    const served = [...handlers.keys()];
    expect(problems).toEqual([]);
    expect(served.filter((key) => !(key in ROUTE_ACCESS))).toEqual([]);
    expect(KEYS.filter((key) => !handlers.has(key))).toEqual([]);
  });
});

// --- the cells -------------------------------------------------------------------------------

// "cross-site": an admin's session cookie on a write that another site started (CSRF).
const CALLERS = ["none", "expired session", "revoked token", "cross-site", ...ROLES] as const;
type Caller = (typeof CALLERS)[number];
type Credentials = Record<Role, { token: string; cookie: string }>;

let credentials: Credentials;
const headersOf: Partial<Record<Caller, Record<string, string>>> = {};

async function sessionCookie(user: { id: string; email: string; role: Role }, maxAge?: number) {
  const jwt = await encode({
    token: { sub: user.id, email: user.email, role: user.role },
    secret: TEST_AUTH_SECRET,
    ...(maxAge === undefined ? {} : { maxAge }),
  });
  return `next-auth.session-token=${jwt}`;
}

beforeAll(async () => {
  const entries = await Promise.all(
    ROLES.map(async (role) => {
      const user = await createTestUser(db(), { role });
      const { token } = await createTestToken(db(), user.id);
      return [role, { token, cookie: await sessionCookie({ ...user, role }) }] as const;
    }),
  );
  credentials = Object.fromEntries(entries) as Credentials;
  // The expired session and the revoked token belong to an admin: only their state refuses them.
  const admin = await createTestUser(db(), { role: "ADMIN" });
  const revoked = await createTestToken(db(), admin.id, { revokedAt: new Date() });
  headersOf.none = {};
  headersOf["expired session"] = { cookie: await sessionCookie(admin, -3600) };
  headersOf["revoked token"] = bearer(revoked.token) as Record<string, string>;
  headersOf["cross-site"] = {
    cookie: await sessionCookie(admin),
    origin: "https://evil.example",
    "sec-fetch-site": "cross-site",
  };
});

/** A path below an MLflow "/*" pattern that one of its endpoints serves. */
function restOf(key: string): string {
  if (key === "POST /api/2.0/mlflow/logged-models/*") return "m-0000/params";
  return key.includes("logged-models") ? "m-0000" : "missing/file.txt";
}

function buildRequest(key: string, caller: Caller, handler: ServedHandler) {
  const [method = "GET", pattern = ""] = key.split(" ");
  const params: Record<string, string | string[]> = {};
  const path = pattern
    .replace(/\[\.\.\.(\w+)\]/g, (_, name: string) => {
      params[name] = ["missing", "file.txt"];
      return "missing/file.txt";
    })
    .replace(/\[(\w+)\]/g, (_, name: string) => {
      params[name] = "missing";
      return "missing";
    })
    .replace(/\/\*$/, `/${restOf(key)}`);
  const role = ROLES.find((candidate) => candidate === caller);
  const headers: Record<string, string> = role
    ? handler.accepts && !handler.accepts.includes("token")
      ? { cookie: credentials[role].cookie }
      : (bearer(credentials[role].token) as Record<string, string>)
    : { ...headersOf[caller] };
  const hasBody = method !== "GET";
  if (hasBody) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${path}`, {
    method,
    headers,
    body: hasBody ? (method === "PUT" && pattern.includes("artifacts/") ? "x" : "{}") : undefined,
  });
  return { request, context: routeContext(params as Record<string, string>) };
}

/**
 * The statuses a caller may get: 401 without valid credentials, 403 below the role or for a
 * cross-site write with the session cookie.
 */
function judge(access: Access, caller: Caller, status: number): string | null {
  if (status >= 500) return `a ${status}`;
  const role = ROLES.find((candidate) => candidate === caller);
  if (access === "public" || (role && hasRole(role, access))) {
    return status === 401 || status === 403 ? `${status} at or above the role` : null;
  }
  const expected = role || caller === "cross-site" ? 403 : 401;
  return status === expected ? null : `${status} instead of ${expected}`;
}

describe("the authorisation matrix", () => {
  it.each(KEYS.filter((key) => !NOT_CALLABLE.has(key)))("%s", async (key) => {
    const handler = handlers.get(key);
    if (!handler) throw new Error(`no route serves ${key}`);
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      if (caller === "cross-site" && key.startsWith("GET ")) continue;
      const { request, context } = buildRequest(key, caller, handler);
      const response = await handler(request, context);
      await response.body?.cancel();
      const problem = judge(ROUTE_ACCESS[key], caller, response.status);
      if (problem) wrong.push(`${caller}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });
});
