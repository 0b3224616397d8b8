import { describe, expect, it } from "vitest";
import {
  bearer,
  createTestToken,
  createTestUser,
  routeContext,
  setUpTestDatabase,
} from "../../../../../server/testing.ts";
import { POST } from "./route.ts";

const db = setUpTestDatabase();

async function compare(body: unknown, token?: string) {
  const request = new Request("http://localhost/api/v1/drift/compare", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, routeContext());
  return { status: response.status, json: await response.json() };
}

describe("POST /api/v1/drift/compare", () => {
  it("scores a histogram for any signed-in user, and refuses anonymous callers", async () => {
    const user = await createTestUser(db(), { role: "VIEWER" });
    const { token } = await createTestToken(db(), user.id);
    const body = {
      type: "histogram",
      edges: [0],
      referenceCounts: [50, 50],
      currentCounts: [25, 75],
    };
    const answer = await compare(body, token);
    expect(answer.status).toBe(200);
    expect(answer.json.psi).toBeCloseTo(0.2746530721670274, 9);
    expect(answer.json).toMatchObject({
      severity: "SIGNIFICANT",
      reference: { n: 100, missing: 0 },
    });
    expect((await compare(body)).status).toBe(401);
  });

  it("answers 400 naming the problem for input it cannot score", async () => {
    const user = await createTestUser(db(), { role: "VIEWER" });
    const { token } = await createTestToken(db(), user.id);
    const misaligned = await compare(
      { type: "histogram", edges: [0, 1], referenceCounts: [1, 2], currentCounts: [1, 2] },
      token,
    );
    expect(misaligned.status).toBe(400);
    expect(misaligned.json.error.message).toMatch(/expected 3 counts/);
    const wrongType = await compare({ type: "numeric", reference: ["a"], current: [1] }, token);
    expect(wrongType.status).toBe(400);
    expect((await compare({ type: "kde" }, token)).status).toBe(400);
    expect((await compare("{", token)).status).toBe(400);
  });
});
