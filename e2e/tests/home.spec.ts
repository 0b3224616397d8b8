import { expect, test } from "@playwright/test";
import { DEMO_MODELS, signIn } from "./demo.ts";

test("searching the home page filters the models and keeps the query in the URL", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  const table = page.getByRole("table");
  await expect(
    page.getByText(`Showing 1–${DEMO_MODELS.length} of ${DEMO_MODELS.length} models`),
  ).toBeVisible();

  // Any part of the name, in any case; Enter submits.
  const search = page.getByLabel("Find a model by name");
  await search.fill("FRAUD");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/\?q=FRAUD$/);
  await expect(table.getByRole("link", { name: "fraud-detection", exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "churn", exact: true })).toHaveCount(0);
  await expect(table.getByRole("link", { name: "ranking", exact: true })).toHaveCount(0);
  await expect(page.getByText("Showing 1–1 of 1 model matching “FRAUD”")).toBeVisible();
  await expect(search).toHaveValue("FRAUD");

  // The URL alone reproduces a search; one that finds nothing says so, not "no models yet".
  await page.goto("/?q=no-such-model");
  await expect(
    page.getByRole("heading", { name: "No model matches “no-such-model”" }),
  ).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByRole("link", { name: "show all models" }).click();
  await expect(page).toHaveURL(/\/$/);
  for (const name of DEMO_MODELS) {
    await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
  }
});

test("a malformed page number shows the first page; one past the end says so", async ({ page }) => {
  await signIn(page, "viewer@example.com");
  const response = await page.goto("/?page=abc");
  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole("table").getByRole("link", { name: "churn", exact: true }),
  ).toBeVisible();

  await page.goto("/?q=churn&page=7");
  await expect(page.getByRole("heading", { name: "There is no page 7" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page).toHaveURL(/\/\?q=churn$/);
  await expect(
    page.getByRole("table").getByRole("link", { name: "churn", exact: true }),
  ).toBeVisible();
});
