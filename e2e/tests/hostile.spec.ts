import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, signIn } from "./demo.ts";

// Hostile strings stored through the real API (MLflow routes for runs and the registry,
// /api/v1/dataset-versions for datasets and commits) must render as text on every page that shows
// them: no script runs, and no link gets a javascript: URL.
const XSS = {
  script: "<script>window.__xss=1</script>",
  img: '<img src=x onerror="window.__xss=1">',
  js: "javascript:window.__xss=1",
  svg: '"><svg onload="window.__xss=1">',
} as const;

const suffix = Date.now().toString(36);
const MODEL = `xss-model-${suffix}`;

interface Stored {
  experimentId: string;
  runIds: [string, string];
  datasetVersionId: string;
}

async function mlflow(request: APIRequestContext, path: string, data: object) {
  const response = await request.post(`/api/2.0/mlflow/${path}`, {
    headers: { authorization: basicAuth("engineer@example.com") },
    data,
  });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return response.json();
}

async function store(request: APIRequestContext): Promise<Stored> {
  const experiment = await mlflow(request, "experiments/create", {
    name: `xss ${suffix} ${XSS.script}`,
  });
  const experimentId = experiment.experiment_id as string;
  const runIds: string[] = [];
  for (const name of [XSS.img, XSS.svg]) {
    const run = await mlflow(request, "runs/create", {
      experiment_id: experimentId,
      run_name: name,
      start_time: Date.now(),
    });
    const runId = run.run.info.run_id as string;
    runIds.push(runId);
    await mlflow(request, "runs/log-batch", {
      run_id: runId,
      params: [
        { key: "hostile", value: XSS.svg },
        { key: "url", value: XSS.js },
      ],
      tags: [
        { key: "note", value: XSS.script },
        { key: "link", value: XSS.js },
        { key: "mlflow.note.content", value: XSS.img },
        { key: "mlflow.source.name", value: XSS.js },
        { key: "mlflow.source.git.repoURL", value: XSS.js },
        { key: "mlflow.source.git.commit", value: "0123456789abcdef0123456789abcdef01234567" },
      ],
      metrics: [{ key: "acc", value: 0.5, timestamp: Date.now(), step: 0 }],
    });
    await mlflow(request, "runs/log-inputs", {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: {
            name: `ds ${suffix} ${XSS.img}`,
            digest: "d1",
            source_type: "s3",
            source: JSON.stringify({ uri: XSS.js }),
          },
        },
      ],
    });
  }
  const registered = await request.post("/api/v1/dataset-versions", {
    headers: { authorization: basicAuth("engineer@example.com") },
    data: {
      dataset: `ds2 ${suffix} ${XSS.script}`,
      partitions: [{ uri: XSS.js, checksum: "abc" }],
      commit: {
        repo: XSS.js,
        sha: "abcdef1",
        message: `${XSS.script} ${XSS.img}`,
        author: XSS.svg,
      },
      params: { hostile: XSS.svg },
      rowCount: 1,
      sourceUri: XSS.js,
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const datasetVersionId = (await registered.json()).id as string;
  await mlflow(request, "registered-models/create", { name: MODEL, description: XSS.script });
  for (const runId of runIds) {
    await mlflow(request, "model-versions/create", {
      name: MODEL,
      source: XSS.js,
      run_id: runId,
      description: XSS.img,
      tags: [{ key: "hostile", value: XSS.svg }],
    });
  }
  return { experimentId, runIds: runIds as [string, string], datasetVersionId };
}

/** No script ran, no dialog opened, and no link or form points at a javascript: URL. */
async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // A string, evaluated in the page (this package type-checks without the DOM library).
  const scriptUrls = await page.evaluate(`
    [...document.querySelectorAll("[href], [src], [action], [formaction]")]
      .flatMap((element) =>
        ["href", "src", "action", "formaction"].map((name) => element.getAttribute(name) ?? ""))
      .filter((value) => /^\\s*javascript:/i.test(value))
  `);
  expect(scriptUrls).toEqual([]);
  // Markup in the data would have made these elements; the app itself renders none with them.
  expect(await page.locator("img[onerror], svg[onload]").count()).toBe(0);
}

test("hostile names, tags, params, commit messages and dataset names render as text", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const stored = await store(request);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, "viewer@example.com");

  const [run1, run2] = stored.runIds;
  const pages: [string, string[]][] = [
    ["/experiments", [XSS.script]],
    [`/experiments/${stored.experimentId}`, [XSS.img, XSS.svg]],
    [`/runs/${run1}`, [XSS.img, XSS.svg, XSS.script, XSS.js]],
    [`/runs/compare?ids=${run1},${run2}`, [XSS.img, XSS.svg]],
    [`/models/${MODEL}`, [XSS.img]],
    [`/models/${MODEL}/compare?a=1&b=2`, []],
    [`/lineage?node=${encodeURIComponent(`datasetVersion:${stored.datasetVersionId}`)}`, []],
    [`/lineage?node=${encodeURIComponent(`run:${run1}`)}`, []],
    [`/impact?partition=${encodeURIComponent(XSS.js)}`, []],
  ];
  for (const [url, texts] of pages) {
    await test.step(url, async () => {
      const response = await page.goto(url);
      expect(response?.status(), url).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      for (const text of texts) await expect(page.locator("main")).toContainText(text);
      await expectInert(page, dialogs);
    });
  }
});

test("the probes see a payload that runs and a javascript: link (so the test above can fail)", async ({
  page,
}) => {
  const dialogs: string[] = [];
  await page.setContent(`<main>${XSS.img}<a href="${XSS.js}">x</a></main>`);
  await expect.poll(() => page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBe(1);
  const failure = await expectInert(page, dialogs).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure).not.toBeNull();
});
