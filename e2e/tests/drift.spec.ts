import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./demo.ts";

const RED = "#b42318";

/** The PSI bars' right ends and the x of the 0.2 line, in page pixels. */
async function readBarGeometry(page: Page) {
  const chart = page.getByRole("img", { name: /^PSI per feature/ });
  await expect(chart.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  return chart.evaluate((root, red) => {
    // The 0.2 line is the dashed line in the significant colour (the bars are paths).
    const line = root.querySelector(`line[stroke="${red}"]`);
    if (!line) throw new Error("no 0.2 line");
    const lineX = line.getBoundingClientRect().left;
    const bars = [...root.querySelectorAll(".recharts-bar-rectangle path")].map((bar) => {
      const box = bar.getBoundingClientRect();
      return { fill: bar.getAttribute("fill"), right: box.right, top: box.top, height: box.height };
    });
    return { lineX, bars };
  }, RED);
}

test("the drift page of a model shows PSI per feature for the latest window, and a feature's history", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.goto("/models/fraud-detection");
  await page.getByRole("link", { name: "Drift", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Drift of fraud-detection" })).toBeVisible();
  await expect(page.getByText("fraud-scoring-api · production · v3").first()).toBeVisible();
  // In the demo, merchant_category drifts past PSI 0.2 in the last week.
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "merchant_category" }) });
  await expect(row).toContainText("Significant");
  await row.getByRole("link", { name: "merchant_category" }).click();
  await expect(page).toHaveURL(/feature=merchant_category/);
  await expect(
    page.getByRole("heading", { name: "PSI of merchant_category over time" }),
  ).toBeVisible();
});

test("drifted features are red bars past the 0.2 line; clicking one shows its overlay and its PSI over time", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.goto("/models/fraud-detection/drift");
  const { lineX, bars } = await readBarGeometry(page);
  const red = bars.filter((bar) => bar.fill === RED);
  expect(red.length).toBeGreaterThan(0);
  // Red bars (significant: PSI > 0.2) end past the 0.2 line; every other bar ends before it.
  for (const bar of red) expect(bar.right).toBeGreaterThan(lineX);
  for (const bar of bars.filter((b) => b.fill !== RED))
    expect(bar.right).toBeLessThanOrEqual(lineX + 1);

  // The worst feature is the top bar: click it.
  const chart = page.getByRole("img", { name: /^PSI per feature/ });
  const label = (await chart.getAttribute("aria-label")) ?? "";
  const worst = /^PSI per feature: (\S+) /.exec(label)?.[1];
  expect(worst).toBeTruthy();
  await chart.locator(".recharts-bar-rectangle path").first().click();
  await expect(page).toHaveURL(new RegExp(`feature=${worst}`));

  const overlayHeading = page.getByRole("heading", {
    name: `Histogram of ${worst}: training vs the window`,
  });
  await expect(overlayHeading).toBeVisible();
  const overlay = page.getByRole("img", {
    name: new RegExp(`^Histogram of ${worst}, training vs window`),
  });
  await expect(overlay).toBeVisible();
  // Two series (training, window), one bar per bin each, and the sample sizes under the chart.
  await expect(overlay.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByText(/Training: n = [\d,]+ \(\d[\d,]* missing\)/)).toBeVisible();

  await expect(page.getByRole("heading", { name: `PSI of ${worst} over time` })).toBeVisible();
  const trend = page.getByRole("img", { name: new RegExp(`^PSI of ${worst} over \\d+ windows`) });
  await expect(trend.locator(".recharts-line-curve")).toBeVisible();
  // The 0.1 and 0.2 threshold lines.
  await expect(trend.locator(`line[stroke="${RED}"]`)).toHaveCount(1);
  await expect(trend.locator('line[stroke="#d97706"]')).toHaveCount(1);

  // The definitions are in the product, beside the charts.
  await page.getByText("How drift is computed here").click();
  await expect(page.getByText(/a share of exactly 0 becomes 0\.0001/)).toBeVisible();
});

test("the model page flags training-serving skew from the first serving window", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.goto("/models/fraud-detection");
  const card = page.getByRole("region", { name: "Training-serving skew" });
  await expect(card).toBeVisible();
  await expect(card.getByRole("link").first()).toHaveAttribute("href", /\/drift\?deployment=/);
});
