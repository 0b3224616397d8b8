import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./demo.ts";

/** The numbers in a column of the runs table, top to bottom, as rendered. */
async function readColumn(page: Page, header: string): Promise<number[]> {
  const table = page.getByRole("table", { name: /^Runs/ });
  const headers = await table.locator("thead th").allTextContents();
  const index = headers.findIndex((text) => text.replace(/[▲▼]/g, "").trim() === header);
  expect(index, `column ${header} in ${headers.join(" | ")}`).toBeGreaterThan(-1);
  const cells = await table
    .locator(`tbody tr[aria-rowindex] > :nth-child(${index + 1})`)
    .allTextContents();
  return cells.map(Number);
}

test("filter runs by a metric, sort, open a run, compare three runs and see the chart", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Experiments" })).toBeVisible();
  await page.getByRole("link", { name: "fraud-detection", exact: true }).click();
  await expect(page.getByRole("heading", { name: "fraud-detection" })).toBeVisible();

  // A bad filter: the parser's message inline, no table rows.
  const filter = page.getByLabel("Filter runs");
  await filter.fill("metrics.val_auc >> 0.9");
  await filter.press("Enter");
  // (Next's route announcer is an alert too, hence the text filter.)
  const filterError = page.getByRole("alert").filter({ hasText: "Invalid filter" });
  await expect(filterError).toContainText("position 17");

  await filter.fill("metrics.val_auc > 0.9");
  await filter.press("Enter");
  await expect(page).toHaveURL(/filter=metrics.val_auc/);
  await expect(filterError).toHaveCount(0);
  const filtered = await readColumn(page, "metrics.val_auc");
  expect(filtered.length).toBeGreaterThan(2);
  for (const value of filtered) expect(value).toBeGreaterThan(0.9);

  // Sort by the metric: ascending, then descending.
  await page.getByRole("button", { name: "metrics.val_auc" }).click();
  await expect(page).toHaveURL(/orderBy=metrics.val_auc\+ASC/);
  await page.getByRole("button", { name: /metrics.val_auc/ }).click();
  await expect(page).toHaveURL(/orderBy=metrics.val_auc\+DESC/);
  await expect(page.getByRole("columnheader", { name: /metrics.val_auc/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const sorted = await readColumn(page, "metrics.val_auc");
  expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  expect(sorted).toEqual(expect.arrayContaining(filtered));

  // Open the best run.
  const rows = page.getByRole("table", { name: /^Runs/ }).locator("tbody tr[aria-rowindex]");
  const bestName = (await rows.first().getByRole("link").textContent()) ?? "";
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: bestName, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Latest metrics" })).toBeVisible();
  await expect(page.getByRole("row", { name: /val_auc/ })).toBeVisible();
  await page.goBack();

  // Compare the first three runs.
  for (let i = 0; i < 3; i += 1) await rows.nth(i).getByRole("checkbox").check();
  await page.getByRole("link", { name: "Compare 3 runs" }).click();
  await expect(page.getByRole("heading", { name: "Compare 3 runs" })).toBeVisible();
  const chart = page.getByTestId("compare-chart");
  await expect(chart.locator(".recharts-line path.recharts-curve")).toHaveCount(3);
  await expect(page.getByTestId("chart-range")).toContainText("steps 0–");
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByTestId("chart-range")).not.toContainText("steps 0–");
  await expect(chart.locator(".recharts-line path.recharts-curve")).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "Params" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Param vs metric" })).toBeVisible();
});
