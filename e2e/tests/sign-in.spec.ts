import { expect, test } from "@playwright/test";
import { DEMO_MODELS, signIn } from "./demo.ts";

test("a visitor without a session is sent to the sign-in page and back", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill("viewer@example.com");
  await page.getByLabel("Password").fill("pedigree-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a wrong password gets a message on the form", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("viewer@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the home page lists the three demo models with their production versions", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Production" })).toBeVisible();
  for (const name of DEMO_MODELS) {
    const row = table
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row).toHaveCount(1);
    // The production cell shows a version number such as "v3".
    await expect(row.getByRole("cell").first()).toHaveText(/^v\d+$/);
  }
  await expect(page.getByText("viewer@example.com")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "engineer@example.com");
  await page.getByRole("button", { name: /sign out/i }).click();
  // Signing out lands on the sign-in page; after that the session cookie is gone for good.
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Email")).toBeVisible();
});
