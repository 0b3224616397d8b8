import { describe, expect, it } from "vitest";
import { AppError } from "../../server/errors.ts";
import { setUpTestDatabase } from "../../server/testing.ts";
import { searchRuns } from "./search.ts";
import { createExperimentWithRuns } from "./test-fixtures.ts";

const getDb = setUpTestDatabase();

async function seed() {
  return createExperimentWithRuns(getDb(), [
    {
      name: "a",
      startTime: 1000,
      params: { lr: "0.1", model: "lr" },
      tags: { team: "x", "mlflow.user": "ann" },
      metrics: { acc: 0.9, "f1 score": 0.5 },
    },
    {
      name: "b",
      startTime: 2000,
      params: { lr: "0.01", model: "tree" },
      tags: { team: "y" },
      metrics: { acc: 0.7 },
    },
    {
      name: "c",
      startTime: 3000,
      status: "FAILED",
      params: { lr: "0.3" },
      metrics: { acc: Number.NaN, "f1 score": 0.8 },
    },
    { name: "d", startTime: 4000, params: { model: "Tree" }, metrics: { acc: 0.95 } },
    { name: "gone", startTime: 5000, metrics: { acc: 0.99 }, deleted: true },
  ]);
}

async function names(
  input: Omit<Parameters<typeof searchRuns>[1], "experimentIds">,
  experimentId: string,
) {
  const page = await searchRuns(getDb(), { experimentIds: [experimentId], ...input });
  return page.runs.map((run) => run.name);
}

describe("searchRuns", () => {
  it("returns active runs newest first with params, tags and latest metrics", async () => {
    const { experimentId } = await seed();
    const page = await searchRuns(getDb(), { experimentIds: [experimentId] });
    expect(page.runs.map((run) => run.name)).toEqual(["d", "c", "b", "a"]);
    expect(page.nextPageToken).toBeNull();
    const a = page.runs[3];
    expect(a?.params).toEqual([
      { key: "lr", value: "0.1" },
      { key: "model", value: "lr" },
    ]);
    expect(a?.tags.map((tag) => tag.key)).toEqual(["mlflow.user", "team"]);
    expect(a?.metrics).toEqual([
      { key: "acc", value: 0.9, step: 10, timestamp: 1000 },
      { key: "f1 score", value: 0.5, step: 10, timestamp: 1000 },
    ]);
  });

  it("filters on latest metrics, params, tags and attributes", async () => {
    const { experimentId, ids } = await seed();
    expect(await names({ filter: "metrics.acc > 0.8" }, experimentId)).toEqual(["d", "a"]);
    expect(
      await names({ filter: "metrics.`f1 score` >= 0.5 AND metrics.acc < 1e3" }, experimentId),
    ).toEqual(["a"]);
    expect(await names({ filter: "params.model = 'tree'" }, experimentId)).toEqual(["b"]);
    expect(await names({ filter: "params.model ILIKE 'tree'" }, experimentId)).toEqual(["d", "b"]);
    expect(await names({ filter: "params.model LIKE 'T%'" }, experimentId)).toEqual(["d"]);
    expect(await names({ filter: "params.model != 'lr'" }, experimentId)).toEqual(["d", "b"]);
    expect(await names({ filter: "params.model IS NULL" }, experimentId)).toEqual(["c"]);
    expect(await names({ filter: "tags.`mlflow.user` = 'ann'" }, experimentId)).toEqual(["a"]);
    expect(await names({ filter: "tags.team IS NOT NULL" }, experimentId)).toEqual(["b", "a"]);
    expect(await names({ filter: "attributes.status = 'FAILED'" }, experimentId)).toEqual(["c"]);
    expect(
      await names({ filter: "status != 'FAILED' AND run_name LIKE '%'" }, experimentId),
    ).toEqual(["d", "b", "a"]);
    expect(await names({ filter: "start_time >= 2000 AND created < 4000" }, experimentId)).toEqual([
      "c",
      "b",
    ]);
    const runIds = [ids.get("a"), ids.get("b")].map((id) => `'${id}'`).join(", ");
    expect(await names({ filter: `attributes.run_id IN (${runIds})` }, experimentId)).toEqual([
      "b",
      "a",
    ]);
    expect(await names({ filter: `run_id NOT IN (${runIds})` }, experimentId)).toEqual(["d", "c"]);
  });

  it("filters on the datasets a run used", async () => {
    const { experimentId, ids } = await seed();
    const dataset = await getDb().prisma.dataset.create({
      data: { name: `transactions-${experimentId}` },
    });
    const digest = `digest-${experimentId}`;
    await getDb().prisma.datasetVersion.create({
      data: { id: digest, datasetId: dataset.id, rowCount: 10n },
    });
    await getDb().prisma.runInput.create({
      data: { runId: ids.get("b") ?? "", datasetVersionId: digest, context: "TRAINING" },
    });
    expect(await names({ filter: `datasets.name = '${dataset.name}'` }, experimentId)).toEqual([
      "b",
    ]);
    expect(
      await names(
        { filter: `datasets.digest IN ('${digest}') AND dataset.context = 'training'` },
        experimentId,
      ),
    ).toEqual(["b"]);
    expect(await names({ filter: "datasets.context = 'evaluation'" }, experimentId)).toEqual([]);
    const page = await searchRuns(getDb(), {
      experimentIds: [experimentId],
      filter: "datasets.context LIKE 'train%'",
    });
    expect(page.runs[0]?.inputs).toEqual([
      { datasetVersionId: digest, datasetName: dataset.name, context: "training" },
    ]);
  });

  it("sees deleted runs only when asked", async () => {
    const { experimentId } = await seed();
    expect(await names({ viewType: "DELETED_ONLY" }, experimentId)).toEqual(["gone"]);
    expect(await names({ viewType: "ALL", filter: "metrics.acc > 0.96" }, experimentId)).toEqual([
      "gone",
    ]);
  });

  it("sorts by metrics, params and attributes with missing and NaN values last", async () => {
    const { experimentId } = await seed();
    expect(await names({ orderBy: ["metrics.acc DESC"] }, experimentId)).toEqual([
      "d",
      "a",
      "b",
      "c",
    ]);
    expect(await names({ orderBy: ["metrics.acc"] }, experimentId)).toEqual(["b", "a", "d", "c"]);
    expect(await names({ orderBy: ["metrics.`f1 score` DESC"] }, experimentId)).toEqual([
      "c",
      "a",
      "d",
      "b",
    ]);
    expect(await names({ orderBy: ["params.lr ASC"] }, experimentId)).toEqual(["b", "a", "c", "d"]);
    expect(await names({ orderBy: ["attributes.run_name"] }, experimentId)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect(await names({ orderBy: ["params.model DESC", "start_time ASC"] }, experimentId)).toEqual(
      ["b", "a", "d", "c"],
    );
  });

  it("pages with opaque tokens tied to the search", async () => {
    const { experimentId } = await seed();
    const first = await searchRuns(getDb(), {
      experimentIds: [experimentId],
      maxResults: 3,
      orderBy: ["run_name"],
    });
    expect(first.runs.map((run) => run.name)).toEqual(["a", "b", "c"]);
    expect(first.nextPageToken).not.toBeNull();
    const token = first.nextPageToken ?? "";
    const second = await searchRuns(getDb(), {
      experimentIds: [experimentId],
      maxResults: 3,
      orderBy: ["run_name"],
      pageToken: token,
    });
    expect(second.runs.map((run) => run.name)).toEqual(["d"]);
    expect(second.nextPageToken).toBeNull();
    await expect(
      searchRuns(getDb(), {
        experimentIds: [experimentId],
        maxResults: 3,
        orderBy: ["run_name DESC"],
        pageToken: token,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      searchRuns(getDb(), { experimentIds: [experimentId], pageToken: "not-a-token" }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("pages through a metric sort into the runs that lack the metric", async () => {
    const { experimentId } = await seed();
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await searchRuns(getDb(), {
        experimentIds: [experimentId],
        orderBy: ["metrics.`f1 score` DESC"],
        maxResults: 1,
        pageToken,
      });
      seen.push(...page.runs.map((run) => run.name));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen).toEqual(["c", "a", "d", "b"]);
  });

  it("sorts by a metric within the experiments asked for, whatever the others hold", async () => {
    const mine = await createExperimentWithRuns(getDb(), [
      { name: "low", startTime: 1, metrics: { score: 1 } },
      { name: "high", startTime: 2, metrics: { score: 2 } },
      { name: "none", startTime: 3 },
    ]);
    const other = await createExperimentWithRuns(getDb(), [
      { name: "best", startTime: 4, metrics: { score: 9 } },
    ]);
    const [row] = await getDb().sql.query<{ experimentId: string }>(
      `SELECT "experimentId" FROM "LatestMetric" WHERE "runId" = $1`,
      [other.ids.get("best")],
    );
    expect(row?.experimentId).toBe(other.experimentId);
    const names = async (experimentIds: string[]) =>
      (await searchRuns(getDb(), { experimentIds, orderBy: ["metrics.score DESC"] })).runs.map(
        (run) => run.name,
      );
    expect(await names([mine.experimentId])).toEqual(["high", "low", "none"]);
    expect(await names([mine.experimentId, other.experimentId])).toEqual([
      "best",
      "high",
      "low",
      "none",
    ]);
  });

  it("refuses bad filters with the parser's message, and treats quotes in values as data", async () => {
    const { experimentId } = await seed();
    const error = await searchRuns(getDb(), {
      experimentIds: [experimentId],
      filter: "metrics.acc > 'x'",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("position 14"),
    });
    await expect(
      searchRuns(getDb(), { experimentIds: [experimentId], orderBy: ["colour"] }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      searchRuns(getDb(), { experimentIds: [experimentId], maxResults: 0 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await names({ filter: `params.model = 'x'' OR 1=1 --'` }, experimentId)).toEqual([]);
  });
});
