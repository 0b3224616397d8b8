import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("the drift page of a model shows PSI per feature for the latest window, and a feature's history", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.goto("/models/fraud-detection");
  await page.getByRole("link", { name: "Drift" }).click();
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
