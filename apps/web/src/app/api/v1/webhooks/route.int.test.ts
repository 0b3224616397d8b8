import { describe, expect, it } from "vitest";
import { decryptWebhookSecret } from "../../../../features/webhooks/secret-box.ts";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
  TEST_AUTH_SECRET,
} from "../../../../server/testing.ts";
import { GET as listDeliveries } from "./[id]/deliveries/route.ts";
import { DELETE, PATCH } from "./[id]/route.ts";
import { GET, POST } from "./route.ts";

const db = setUpTestDatabase();
const BASE = "http://localhost/api/v1/webhooks";

async function tokenFor(role: "ADMIN" | "ENGINEER") {
  const user = await createTestUser(db(), { role });
  return bearer((await createTestToken(db(), user.id)).token);
}

function send(method: string, url: string, headers: HeadersInit, body?: unknown) {
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  return new Request(url, init);
}

describe("/api/v1/webhooks", () => {
  it("creates a webhook answering a generated secret once, stored encrypted", async () => {
    const admin = await tokenFor("ADMIN");
    const body = { url: "https://example.com/hook", events: ["promotion.requested"] };
    const response = await POST(send("POST", BASE, admin, body), routeContext());
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({ ...body, isEnabled: true });
    expect(created.secret).toMatch(/^whsec_/);

    const row = await db().prisma.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secret).not.toContain(created.secret);
    expect(decryptWebhookSecret(row.secret, TEST_AUTH_SECRET)).toBe(created.secret);

    const listed = await (await GET(send("GET", BASE, admin), routeContext())).json();
    const mine = listed.webhooks.find((hook: { id: string }) => hook.id === created.id);
    expect(mine).toEqual({
      ...body,
      id: created.id,
      isEnabled: true,
      createdAt: created.createdAt,
    });
  });

  it("does not answer a secret the caller gave", async () => {
    const admin = await tokenFor("ADMIN");
    const body = { url: "http://127.0.0.1:9/x", events: [], secret: "a-secret-of-my-own-choice" };
    const response = await POST(send("POST", BASE, admin, body), routeContext());
    expect(response.status).toBe(201);
    expect((await response.json()).secret).toBeUndefined();
  });

  it("answers 400 for a bad url or event and 403 for a non-admin", async () => {
    const admin = await tokenFor("ADMIN");
    for (const body of [
      { url: "ftp://example.com", events: [] },
      { url: "https://example.com", events: ["model.deleted"] },
      { url: "https://example.com", secret: "short" },
    ]) {
      expect((await POST(send("POST", BASE, admin, body), routeContext())).status).toBe(400);
    }
    const engineer = await tokenFor("ENGINEER");
    const body = { url: "https://example.com", events: [] };
    expect((await POST(send("POST", BASE, engineer, body), routeContext())).status).toBe(403);
    expect((await GET(send("GET", BASE, engineer), routeContext())).status).toBe(403);
  });

  it("disables, lists deliveries of, and deletes a webhook", async () => {
    const admin = await tokenFor("ADMIN");
    const body = { url: "https://example.com/hook", events: [] };
    const { id } = await (await POST(send("POST", BASE, admin, body), routeContext())).json();
    await db().prisma.webhookDelivery.create({
      data: { webhookId: id, event: "promotion.requested", payload: {}, lastError: "HTTP 500" },
    });

    const patched = await PATCH(
      send("PATCH", `${BASE}/${id}`, admin, { isEnabled: false }),
      routeContext({ id }),
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).isEnabled).toBe(false);

    const deliveries = await listDeliveries(
      send("GET", `${BASE}/${id}/deliveries?status=PENDING`, admin),
      routeContext({ id }),
    );
    expect(deliveries.status).toBe(200);
    const [delivery] = (await deliveries.json()).deliveries;
    expect(delivery).toMatchObject({
      event: "promotion.requested",
      status: "PENDING",
      attempts: 0,
      lastError: "HTTP 500",
      deliveredAt: null,
    });

    const deleted = await DELETE(send("DELETE", `${BASE}/${id}`, admin), routeContext({ id }));
    expect(deleted.status).toBe(204);
    expect(await db().prisma.webhookDelivery.count({ where: { webhookId: id } })).toBe(0);
    const again = await DELETE(send("DELETE", `${BASE}/${id}`, admin), routeContext({ id }));
    expect(again.status).toBe(404);
    const gone = await listDeliveries(
      send("GET", `${BASE}/${id}/deliveries`, admin),
      routeContext({ id }),
    );
    expect(gone.status).toBe(404);
  });
});
