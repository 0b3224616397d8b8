import { expect, type Page } from "@playwright/test";

/** The demo accounts (demo data only; see the README). */
export const DEMO_PASSWORD = "pedigree-demo";
export const DEMO_MODELS = ["churn", "fraud-detection", "ranking"];

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByRole("button", { name: /sign out/i })).toBeVisible();
}

export function basicAuth(email: string, password = DEMO_PASSWORD): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;
}
