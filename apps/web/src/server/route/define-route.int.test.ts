import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
  TEST_AUTH_SECRET,
  TEST_PASSWORD,
} from "../testing.ts";
import { defineRoute } from "./define-route.ts";

const db = setUpTestDatabase();
const URL_TEST = "http://localhost/api/test";
// Handlers of the test's own behind real keys: a key only gives the wrapper its role from the
// permissions table (GET /api/v1/models: viewer, GET /api/v1/webhooks: admin, health: public).

const whoAmI = defineRoute({ route: "GET /api/v1/models" }, async ({ principal }) => ({
  id: principal.id,
  via: principal.via,
}));

async function sessionCookie(user: { id: string; email: string; role: string }) {
  const jwt = await encode({
    token: { sub: user.id, email: user.email, role: user.role as "VIEWER" },
    secret: TEST_AUTH_SECRET,
  });
  return { cookie: `next-auth.session-token=${jwt}` };
}

describe("defineRoute", () => {
  it("answers 403 when the caller's role is too low", async () => {
    const adminOnly = defineRoute({ route: "GET /api/v1/webhooks" }, async () => ({ ok: true }));
    const viewer = await createTestUser(db(), { role: "VIEWER" });
    const { token } = await createTestToken(db(), viewer.id);
    const response = await adminOnly(
      new Request(URL_TEST, { headers: bearer(token) }),
      routeContext(),
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error).toEqual({
      code: "FORBIDDEN",
      message: "This needs the ADMIN role; you have VIEWER",
    });
  });

  it("authenticates a next-auth session cookie, and refuses a disabled user's session", async () => {
    const user = await createTestUser(db());
    const ok = await whoAmI(
      new Request(URL_TEST, { headers: await sessionCookie(user) }),
      routeContext(),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: user.id, via: "session" });

    const disabled = await createTestUser(db(), { disabled: true });
    const refused = await whoAmI(
      new Request(URL_TEST, { headers: await sessionCookie(disabled) }),
      routeContext(),
    );
    expect(refused.status).toBe(401);
  });

  it("refuses cross-site writes that rely on the session cookie or Basic (403), not tokens", async () => {
    const user = await createTestUser(db());
    const write = defineRoute({ route: "POST /api/v1/drift/compare" }, async () => ({ ok: true }));
    const send = async (headers: Record<string, string>) =>
      (await write(new Request(URL_TEST, { method: "POST", headers }), routeContext())).status;
    const cookie = await sessionCookie(user);
    expect(await send({ ...cookie, "sec-fetch-site": "same-origin" })).toBe(200);
    expect(await send({ ...cookie, "sec-fetch-site": "same-site" })).toBe(403);
    expect(await send({ ...cookie, host: "localhost", origin: "https://evil.example" })).toBe(403);
    expect(await send({ ...cookie, host: "localhost", origin: "http://localhost" })).toBe(200);
    const { token } = await createTestToken(db(), user.id);
    expect(await send({ authorization: `Bearer ${token}`, "sec-fetch-site": "cross-site" })).toBe(
      200,
    );
    // Basic credentials a browser remembers from its prompt are refused cross-site; a pipeline
    // sends no Sec-Fetch-Site or Origin.
    const basic = `Basic ${Buffer.from(`${user.email}:${TEST_PASSWORD}`).toString("base64")}`;
    expect(await send({ authorization: basic, "sec-fetch-site": "cross-site" })).toBe(403);
    expect(await send({ authorization: basic })).toBe(200);
  });

  it("validates params and query with zod (400 with the issues)", async () => {
    const route = defineRoute(
      {
        route: "GET /api/health",
        params: z.object({ id: z.string().regex(/^\d+$/) }),
        query: z.object({ limit: z.coerce.number().max(10) }),
      },
      async ({ params, query }) => ({ id: params.id, limit: query.limit }),
    );
    const good = await route(new Request(`${URL_TEST}?limit=5`), routeContext({ id: "7" }));
    expect(await good.json()).toEqual({ id: "7", limit: 5 });
    const bad = await route(new Request(`${URL_TEST}?limit=50`), routeContext({ id: "x" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^Invalid path parameters: id: /);
  });

  it("maps a unique violation to 409 and an unavailable database to 503 with Retry-After", async () => {
    const user = await createTestUser(db());
    const duplicate = defineRoute({ route: "GET /api/health" }, async () =>
      db().prisma.user.create({ data: { email: user.email, name: "again", passwordHash: "x" } }),
    );
    const conflict = await duplicate(new Request(URL_TEST), routeContext());
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("CONFLICT");

    const down = defineRoute({ route: "GET /api/health" }, async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    const unavailable = await down(new Request(URL_TEST), routeContext());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("5");
  });

  it("answers 500 with the request id and without the cause, which is logged", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const failing = defineRoute({ route: "GET /api/health" }, async () => {
      throw new Error("secret connection string postgres://admin:hunter2@db");
    });
    const explicit = defineRoute({ route: "GET /api/health" }, async () => {
      throw new AppError("INTERNAL", "hunter2");
    });
    for (const route of [failing, explicit]) {
      const response = await route(new Request(URL_TEST), routeContext());
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain("hunter2");
      const requestId = response.headers.get("x-request-id");
      expect(JSON.parse(text).error).toEqual({
        code: "INTERNAL",
        message: `Internal error (request id ${requestId})`,
        details: { requestId },
      });
      const logged = stderr.mock.calls.map(([line]) => JSON.parse(String(line)));
      expect(logged).toContainEqual(
        expect.objectContaining({
          level: "error",
          requestId,
          error: expect.objectContaining({ message: expect.stringContaining("hunter2") }),
        }),
      );
    }
    stderr.mockRestore();
  });
});
