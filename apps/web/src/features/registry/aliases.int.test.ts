import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, PUT } from "../../app/api/v1/models/[name]/aliases/[alias]/route.ts";
import { routeContext, setUpTestDatabase } from "../../server/testing.ts";
import { createActor, createModel } from "./test-fixtures.ts";

const db = setUpTestDatabase();

let engineer: Awaited<ReturnType<typeof createActor>>;
let viewer: Awaited<ReturnType<typeof createActor>>;
beforeAll(async () => {
  engineer = await createActor(db(), "ENGINEER");
  viewer = await createActor(db(), "VIEWER");
});

function send(
  method: "PUT" | "DELETE",
  token: string,
  name: string,
  alias: string,
  body?: unknown,
) {
  const request = new Request(`http://localhost/api/v1/models/${name}/aliases/${alias}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (method === "PUT" ? PUT : DELETE)(request, routeContext({ name, alias }));
}

describe("aliases beside stages", () => {
  it("sets, moves and deletes an alias, each with an audit event", async () => {
    const model = await createModel(db(), [
      { stage: "PRODUCTION", accuracy: 0.8 },
      { stage: "STAGING", accuracy: 0.82 },
    ]);
    const set = await send("PUT", engineer.token, model.name, "Champion", { version: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ alias: "champion", version: 1 });
    expect((await send("PUT", engineer.token, model.name, "champion", { version: 2 })).status).toBe(
      200,
    );
    const alias = await db().prisma.modelAlias.findFirstOrThrow({ where: { alias: "champion" } });
    expect(alias.versionId).toBe(model.versions[1]?.id);

    expect((await send("DELETE", engineer.token, model.name, "champion")).status).toBe(204);
    expect(await db().prisma.modelAlias.count({ where: { alias: "champion" } })).toBe(0);
    const actions = await db().prisma.auditEvent.findMany({
      where: { action: { startsWith: "model_version.alias" }, actorId: engineer.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "model_version.alias_set",
      "model_version.alias_set",
      "model_version.alias_deleted",
    ]);
  });

  it("answers 400 for a reserved name, 404 for unknown targets and 403 for a viewer", async () => {
    const model = await createModel(db(), [{ stage: "STAGING", accuracy: 0.8 }]);
    const reserved = await send("PUT", engineer.token, model.name, "latest", { version: 1 });
    expect(reserved.status).toBe(400);
    expect((await reserved.json()).error.details.reason).toBe("INVALID_ALIAS");
    expect((await send("PUT", engineer.token, model.name, "shadow", { version: 9 })).status).toBe(
      404,
    );
    expect(
      (await send("PUT", engineer.token, "no-such-model", "shadow", { version: 1 })).status,
    ).toBe(404);
    expect((await send("DELETE", engineer.token, model.name, "shadow")).status).toBe(404);
    expect((await send("PUT", viewer.token, model.name, "shadow", { version: 1 })).status).toBe(
      403,
    );
  });
});
