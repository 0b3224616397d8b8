import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("a token is created from the keyboard, shown once, and revoked", async ({ page, request }) => {
  await signIn(page, "engineer@example.com");
  await page.goto("/settings/tokens");
  const nameField = page.getByLabel("Token name");
  await nameField.fill("nightly training");
  await nameField.press("Enter");
  const secret = page.getByLabel("New token");
  await expect(secret).toHaveValue(/^pdg_/);
  const token = await secret.inputValue();

  const works = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(works.status()).toBe(200);

  // Reloading never shows the secret again.
  await page.reload();
  await expect(page.getByLabel("New token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "nightly training" });
  await row.getByRole("button", { name: "Revoke token nightly training" }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row.getByText(/revoked/i)).toBeVisible();

  const refused = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
});
