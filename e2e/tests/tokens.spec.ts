import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("a token is created from the keyboard, shown once, and revoked", async ({ page, request }) => {
  await signIn(page, "engineer@example.com");
  await page.goto("/settings/tokens");
  const nameField = page.getByLabel(/name/i);
  await nameField.fill("nightly training");
  await nameField.press("Enter");
  const secret = page.getByText(/^pdg_/);
  await expect(secret).toBeVisible();
  const token = (await secret.textContent())?.trim() ?? "";

  const works = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(works.status()).toBe(200);

  // Reloading never shows the secret again.
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "nightly training" });
  await row.getByRole("button", { name: /revoke/i }).click();
  await expect(row.getByText(/revoked/i)).toBeVisible();

  const refused = await request.get("/api/v1/models", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
});
