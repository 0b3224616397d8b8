import { describe, expect, it } from "vitest";
import { formatBasicAuthorization } from "../../../../server/auth/authorization-header.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
  TEST_PASSWORD,
} from "../../../../server/testing.ts";
import { GET as listModels } from "../models/route.ts";
import { DELETE } from "./[id]/route.ts";
import { GET, POST } from "./route.ts";

const db = setUpTestDatabase();
const URL_TOKENS = "http://localhost/api/v1/tokens";

function post(body: string, headers: HeadersInit) {
  return POST(new Request(URL_TOKENS, { method: "POST", body, headers }), routeContext());
}

describe("/api/v1/tokens", () => {
  it("answers 401 in the error shape without credentials", async () => {
    const response = await GET(new Request(URL_TOKENS), routeContext());
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(typeof body.error.message).toBe("string");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers 401 for a wrong basic password and for an unknown email", async () => {
    const user = await createTestUser(db());
    for (const [email, password] of [
      [user.email, "wrong password"],
      ["nobody@example.com", TEST_PASSWORD],
    ] as const) {
      const response = await post('{"name":"x"}', {
        authorization: formatBasicAuthorization(email, password),
      });
      expect(response.status).toBe(401);
      expect((await response.json()).error.message).toBe("Wrong email or password");
    }
  });

  it("answers 401 for a disabled user's correct password", async () => {
    const user = await createTestUser(db(), { disabled: true });
    const response = await post('{"name":"x"}', {
      authorization: formatBasicAuthorization(user.email, TEST_PASSWORD),
    });
    expect(response.status).toBe(401);
  });

  it("answers 400 naming the problem for malformed JSON and for a missing name", async () => {
    const user = await createTestUser(db());
    const authorization = formatBasicAuthorization(user.email, TEST_PASSWORD);

    const malformed = await post('{"name": ', { authorization });
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.json();
    expect(malformedBody.error.code).toBe("INVALID_INPUT");
    expect(malformedBody.error.message).toMatch(/^Malformed JSON in the request body: /);

    const missing = await post("{}", { authorization });
    expect(missing.status).toBe(400);
    const missingBody = await missing.json();
    expect(missingBody.error.message).toContain("name");
    expect(missingBody.error.details.issues).toEqual([
      expect.objectContaining({ path: "name", message: "name is required" }),
    ]);
  });

  it("creates a token with basic auth (201) that then reads the models", async () => {
    const user = await createTestUser(db());
    const created = await post(JSON.stringify({ name: " nightly training " }), {
      authorization: formatBasicAuthorization(user.email, TEST_PASSWORD),
    });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: "nightly training",
      token: expect.stringMatching(/^pdg_/),
    });

    const stored = await db().prisma.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored.tokenHash).not.toContain(body.token);
    expect(body.token.startsWith(stored.prefix)).toBe(true);

    const models = await listModels(
      new Request("http://localhost/api/v1/models", { headers: bearer(body.token) }),
      routeContext(),
    );
    expect(models.status).toBe(200);
    expect(await models.json()).toEqual({ models: expect.any(Array) });
    const used = await db().prisma.apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses to create a token with a token (401)", async () => {
    const user = await createTestUser(db());
    const { token } = await createTestToken(db(), user.id);
    const response = await post('{"name":"x"}', bearer(token));
    expect(response.status).toBe(401);
  });

  it("lists the caller's tokens without secrets", async () => {
    const user = await createTestUser(db());
    const other = await createTestUser(db());
    const { token } = await createTestToken(db(), user.id);
    await createTestToken(db(), other.id);
    const response = await GET(new Request(URL_TOKENS, { headers: bearer(token) }), routeContext());
    expect(response.status).toBe(200);
    const { tokens } = await response.json();
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0]).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"].sort(),
    );
  });

  it("revokes a token, which then answers 401; others' tokens are not found", async () => {
    const owner = await createTestUser(db());
    const viewer = await createTestUser(db(), { role: "VIEWER" });
    const admin = await createTestUser(db(), { role: "ADMIN" });
    const first = await createTestToken(db(), owner.id);
    const second = await createTestToken(db(), owner.id);
    const viewerToken = await createTestToken(db(), viewer.id);
    const adminToken = await createTestToken(db(), admin.id);
    const revoke = (id: string, token: string) =>
      DELETE(
        new Request(`${URL_TOKENS}/${id}`, { method: "DELETE", headers: bearer(token) }),
        routeContext({ id }),
      );

    const byViewer = await revoke(first.id, viewerToken.token);
    expect(byViewer.status).toBe(404);

    const byOwner = await revoke(first.id, first.token);
    expect(byOwner.status).toBe(200);
    expect((await byOwner.json()).revokedAt).toEqual(expect.any(String));
    const afterwards = await GET(
      new Request(URL_TOKENS, { headers: bearer(first.token) }),
      routeContext(),
    );
    expect(afterwards.status).toBe(401);

    const byAdmin = await revoke(second.id, adminToken.token);
    expect(byAdmin.status).toBe(200);
  });

  it("answers 401 for expired and malformed tokens", async () => {
    const user = await createTestUser(db());
    const expired = await createTestToken(db(), user.id, {
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const token of [expired.token, "pdg_short", "not-a-token"]) {
      const response = await GET(
        new Request(URL_TOKENS, { headers: bearer(token) }),
        routeContext(),
      );
      expect(response.status).toBe(401);
    }
  });

  it("accepts a token until it expires and records its use at most once a minute", async () => {
    const user = await createTestUser(db());
    // Two minutes either side of now: a time zone mistake in comparing them would flip one.
    const lastUsedAt = new Date(Date.now() - 30_000);
    const live = await createTestToken(db(), user.id, {
      expiresAt: new Date(Date.now() + 120_000),
    });
    await db().prisma.apiToken.update({ where: { id: live.id }, data: { lastUsedAt } });
    const response = await GET(
      new Request(URL_TOKENS, { headers: bearer(live.token) }),
      routeContext(),
    );
    expect(response.status).toBe(200);
    const recent = await db().prisma.apiToken.findUniqueOrThrow({ where: { id: live.id } });
    expect(recent.lastUsedAt).toEqual(lastUsedAt);

    const stale = new Date(Date.now() - 120_000);
    await db().prisma.apiToken.update({ where: { id: live.id }, data: { lastUsedAt: stale } });
    await GET(new Request(URL_TOKENS, { headers: bearer(live.token) }), routeContext());
    const used = await db().prisma.apiToken.findUniqueOrThrow({ where: { id: live.id } });
    expect(used.lastUsedAt?.getTime()).toBeGreaterThan(stale.getTime() + 60_000);

    await db().prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const disabled = await GET(
      new Request(URL_TOKENS, { headers: bearer(live.token) }),
      routeContext(),
    );
    expect(disabled.status).toBe(401);
  });
});
