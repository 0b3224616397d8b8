import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../server/testing.ts";
import { listModelPage, listModels } from "./service.ts";

const db = setUpTestDatabase();

// 7 plain names, and names with the characters LIKE treats specially.
const PLAIN = ["alpha", "Beta-Fraud", "churn", "delta", "fraud-eu", "FRAUD-us", "gamma"];
const AWKWARD = ["100% sure", "1000 sure", "a_b", "axb", "back\\slash", "backslash"];

async function seed() {
  for (const name of [...PLAIN, ...AWKWARD]) {
    const model = await db().prisma.registeredModel.create({ data: { name } });
    await db().prisma.modelVersion.createMany({
      data: [1, 2, 3].map((version) => ({
        modelId: model.id,
        version,
        source: `s3://models/${name}/${version}`,
        stage: version === 2 ? ("PRODUCTION" as const) : ("NONE" as const),
      })),
    });
  }
}

const names = (page: { models: { name: string }[] }) => page.models.map((m) => m.name);

describe("the home page's list of models", () => {
  it("pages through every model by name, counting them all", async () => {
    await seed();
    const all = names({ models: await listModels(db()) });
    expect(all).toHaveLength(13);

    const first = await listModelPage(db(), { query: "", page: 1 }, 5);
    const second = await listModelPage(db(), { query: "", page: 2 }, 5);
    const last = await listModelPage(db(), { query: "", page: 3 }, 5);
    expect(names(first)).toEqual(all.slice(0, 5));
    expect(names(second)).toEqual(all.slice(5, 10));
    expect(names(last)).toEqual(all.slice(10));
    expect([first.total, second.total, last.total]).toEqual([13, 13, 13]);
    expect(second).toMatchObject({ page: 2, pageSize: 5 });

    // Each model on the page carries its own versions' aggregate.
    for (const model of second.models) {
      expect(model).toMatchObject({ productionVersion: 2, stagingVersion: null, latestVersion: 3 });
    }
  });

  it("returns an empty page past the end, with the total still counted", async () => {
    const past = await listModelPage(db(), { query: "", page: 4 }, 5);
    expect(past.models).toEqual([]);
    expect(past.total).toBe(13);
  });

  it("filters by a case-insensitive part of the name", async () => {
    const page = await listModelPage(db(), { query: "fRaUd", page: 1 });
    expect(names(page).sort()).toEqual(["Beta-Fraud", "FRAUD-us", "fraud-eu"].sort());
    expect(page.total).toBe(3);

    const none = await listModelPage(db(), { query: "no such model", page: 1 });
    expect(none).toMatchObject({ models: [], total: 0 });
  });

  it("takes %, _ and \\ in the query literally", async () => {
    expect(names(await listModelPage(db(), { query: "100%", page: 1 }))).toEqual(["100% sure"]);
    expect(names(await listModelPage(db(), { query: "a_b", page: 1 }))).toEqual(["a_b"]);
    expect(names(await listModelPage(db(), { query: "k\\s", page: 1 }))).toEqual(["back\\slash"]);
    expect((await listModelPage(db(), { query: "%", page: 1 })).total).toBe(1);
    expect((await listModelPage(db(), { query: "_", page: 1 })).total).toBe(1);
  });
});
