import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../../server/testing.ts";
import { GET } from "./route.ts";

const db = setUpTestDatabase();

describe("GET /api/health", () => {
  it("answers 200 without credentials, with the database's kind and no pending migrations", async () => {
    const response = await GET(new Request("http://localhost/api/health"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: { kind: db().target.kind, ok: true, pendingMigrations: [] },
    });
  });
});
