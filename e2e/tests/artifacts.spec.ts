import { expect, test } from "@playwright/test";
import { basicAuth, signIn } from "./demo.ts";

/** A 2x2 red PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=",
  "base64",
);
const NOTES =
  '<script>window.__pwned = true</script>\n<img src=x onerror="window.__pwned = true">\n';

test("artifacts uploaded through MLflow are previewed on the run page: text as text, PNG as an image", async ({
  page,
  request,
}) => {
  const engineer = { authorization: basicAuth("engineer@example.com") };
  const experiment = await request.post("/api/2.0/mlflow/experiments/create", {
    headers: engineer,
    data: { name: `e2e-artifacts-${Date.now()}` },
  });
  expect(experiment.status()).toBe(200);
  const experimentId = (await experiment.json()).experiment_id as string;
  const run = await request.post("/api/2.0/mlflow/runs/create", {
    headers: engineer,
    data: { experiment_id: experimentId, run_name: "with-artifacts" },
  });
  const runId = (await run.json()).run.info.run_id as string;
  const base = `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts`;
  for (const [name, body] of [
    ["notes.txt", NOTES],
    ["plots/loss.png", PNG],
  ] as const) {
    const put = await request.put(`${base}/${name}`, { headers: engineer, data: body });
    expect(put.status(), name).toBe(200);
  }

  await signIn(page, "viewer@example.com");
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("heading", { name: "with-artifacts", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Artifacts" });
  await expect(table.getByRole("rowheader", { name: "notes.txt" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Download plots/loss.png" })).toHaveAttribute(
    "href",
    `/api/v1/runs/${runId}/artifacts/plots/loss.png?download=1`,
  );

  // Text, opened from the keyboard: shown as text, nothing in it runs.
  const textButton = table.getByRole("button", { name: "Preview notes.txt" });
  await textButton.focus();
  await page.keyboard.press("Enter");
  await expect(table.getByRole("button", { name: "Hide notes.txt" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  const text = page.getByRole("figure", { name: "Preview of notes.txt" });
  await expect(text).toContainText("<script>window.__pwned = true</script>");
  expect(await page.evaluate(() => "__pwned" in globalThis)).toBe(false);

  // The PNG, as an image served with its own type by our route.
  await table.getByRole("button", { name: "Preview plots/loss.png" }).click();
  const image = page.getByRole("img", { name: "Preview of plots/loss.png" });
  await expect(image).toBeVisible();
  expect(
    await image.evaluate((element) => (element as { naturalWidth: number }).naturalWidth),
  ).toBe(2);
});
