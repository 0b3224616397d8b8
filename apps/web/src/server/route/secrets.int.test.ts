// Secrets never leave (issue 8): an API token, a webhook's signing secret, a retraining target's
// credential and a user's password are created through the API, then every GET route the app
// serves is read; no answer and no log line may hold a secret or what is stored for it, and
// what is stored is a hash or a ciphertext, never the secret.
import { randomBytes } from "node:crypto";
import { hashApiToken, hashPassword } from "@pedigree/domain/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "../../features/registry/test-fixtures.ts";
import { createTestUser, routeContext, setUpTestDatabase } from "../testing.ts";
import { ROUTE_ACCESS, type RouteKey } from "./permissions.ts";
import { loadServedHandlers, type ServedHandler } from "./testing-routes.ts";

const db = setUpTestDatabase();
const PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const WEBHOOK_SECRET = `whsec-${randomBytes(16).toString("hex")}`;
const CREDENTIAL = `airflow-${randomBytes(16).toString("hex")}`;

let handlers = new Map<string, ServedHandler>();
const logged: string[] = [];
const answers: string[] = [];

// Every level logged, every line kept (the logger writes JSON lines to stdout and stderr).
beforeAll(() => {
  vi.stubEnv("PEDIGREE_LOG_LEVEL", "debug");
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  }
});
afterAll(() => {
  vi.restoreAllMocks();
});

function handlerOf(key: RouteKey): ServedHandler {
  const handler = handlers.get(key);
  if (!handler) throw new Error(`no route serves ${key}`);
  return handler;
}

/** Calls a route's real handler; keeps the answer's text. */
async function call(
  key: RouteKey,
  headers: Record<string, string>,
  values: Record<string, string> = {},
  body?: object,
) {
  const [method = "GET", pattern = ""] = key.split(" ");
  const params: Record<string, string | string[]> = {};
  const path = pattern
    .replace(/\[\.\.\.(\w+)\]/g, (_, name: string) => {
      params[name] = ["missing"];
      return "missing";
    })
    .replace(/\[(\w+)\]/g, (_, name: string) => {
      const value = values[name] ?? "missing";
      params[name] = value;
      return encodeURIComponent(value);
    })
    .replace(/\/\*$/, "/missing");
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: body ? { ...headers, "content-type": "application/json" } : headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  const response = await handlerOf(key)(request, routeContext(params as Record<string, string>));
  const text = await response.text();
  answers.push(`${key} ${response.status} ${text}`);
  const isJson = response.headers.get("content-type")?.includes("json") ?? false;
  return { status: response.status, json: isJson && text ? JSON.parse(text) : null };
}

describe("secrets", () => {
  it("are never answered by a GET route nor logged, and are stored hashed or encrypted", async () => {
    ({ handlers } = await loadServedHandlers());
    const admin = await createTestUser(db(), { role: "ADMIN" });
    await db().prisma.user.update({
      where: { id: admin.id },
      data: { passwordHash: hashPassword(PASSWORD, randomBytes(16)) },
    });
    const basic = {
      authorization: `Basic ${Buffer.from(`${admin.email}:${PASSWORD}`).toString("base64")}`,
    };
    const wrongPassword = {
      authorization: `Basic ${Buffer.from(`${admin.email}:${PASSWORD}x`).toString("base64")}`,
    };
    expect((await call("GET /api/v1/tokens", wrongPassword)).status).toBe(401);

    const created = await call("POST /api/v1/tokens", basic, {}, { name: "pipeline" });
    expect(created.status).toBe(201);
    const token: string = created.json.token;
    const auth = { authorization: `Bearer ${token}` };
    const webhook = await call(
      "POST /api/v1/webhooks",
      auth,
      {},
      { url: "https://hooks.example.org/pedigree", secret: WEBHOOK_SECRET },
    );
    expect(webhook.status).toBe(201);
    const model = await createModel(db(), [{ stage: "PRODUCTION", accuracy: 0.8 }]);
    const target = await call(
      "PUT /api/v1/models/[name]/monitor-rules/target",
      auth,
      { name: model.name },
      {
        kind: "AIRFLOW",
        url: "https://airflow.example.org",
        dagId: "retrain",
        auth: "BEARER",
        credential: CREDENTIAL,
      },
    );
    expect(target.status).toBe(200);
    const rule = await call(
      "POST /api/v1/models/[name]/monitor-rules",
      auth,
      { name: model.name },
      { name: "drift", kind: "DATASET_DRIFT", threshold: 0.2 },
    );
    expect(rule.status).toBeLessThan(300);

    // Stored: a SHA-256 of the token, scrypt for the password, ciphertexts for the others.
    const [tokenRow, userRow, webhookRow, targetRow] = await Promise.all([
      db().prisma.apiToken.findUniqueOrThrow({ where: { id: created.json.id } }),
      db().prisma.user.findUniqueOrThrow({ where: { id: admin.id } }),
      db().prisma.webhook.findUniqueOrThrow({ where: { id: webhook.json.id } }),
      db().prisma.retrainTarget.findUniqueOrThrow({ where: { modelId: model.id } }),
    ]);
    expect(tokenRow.tokenHash).toBe(hashApiToken(token));
    expect(userRow.passwordHash).toMatch(/^scrypt\$/);
    expect(webhookRow.secret).not.toContain(WEBHOOK_SECRET);
    expect(targetRow.credential).not.toBeNull();
    expect(targetRow.credential).not.toContain(CREDENTIAL);

    // Every GET the app serves, with real names and ids where the path takes them.
    const values = {
      name: model.name,
      version: "1",
      alias: "champion",
      id: webhook.json.id,
    };
    const ids: Partial<Record<string, string>> = {
      "GET /api/v1/monitor-rules/[id]": rule.json.id ?? rule.json.rule?.id,
    };
    const gets = (Object.keys(ROUTE_ACCESS) as RouteKey[]).filter(
      (key) => key.startsWith("GET ") && !key.includes("[...nextauth]"),
    );
    for (const key of gets) {
      await call(key, auth, { ...values, id: ids[key] ?? values.id });
    }
    expect(answers.length).toBeGreaterThan(gets.length);
    expect(answers.some((line) => line.startsWith("GET /api/v1/webhooks 200"))).toBe(true);
    expect(answers.some((line) => line.includes(model.name))).toBe(true);

    const secrets = {
      token,
      tokenHash: tokenRow.tokenHash,
      password: PASSWORD,
      passwordHash: userRow.passwordHash,
      passwordKey: userRow.passwordHash.split("$").at(-1) ?? "",
      webhookSecret: WEBHOOK_SECRET,
      webhookCiphertext: webhookRow.secret,
      credential: CREDENTIAL,
      credentialCiphertext: targetRow.credential ?? "",
    };
    // The webhook's secret is answered once, when it is created; the token once, likewise.
    const afterCreation = answers.filter((line) => !line.startsWith("POST "));
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(15);
      expect(
        afterCreation.filter((line) => line.includes(secret)),
        name,
      ).toEqual([]);
      expect(
        logged.filter((line) => line.includes(secret)),
        name,
      ).toEqual([]);
    }
    expect(logged.some((line) => line.includes('"message":"request"'))).toBe(true);
  });
});
