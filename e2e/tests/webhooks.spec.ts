import { expect, test } from "@playwright/test";
import { basicAuth, signIn } from "./demo.ts";

// Nothing listens on port 9 (discard): its deliveries fail and are retried, which is fine here.
const HOOK_URL = "http://127.0.0.1:9/hook";

test("an admin subscribes a URL to every event, sees the secret once, disables and deletes it", async ({
  page,
  request,
}) => {
  await signIn(page, "admin@example.com");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  const urlField = page.getByLabel("Payload URL");
  await urlField.fill(HOOK_URL);
  // No event checked: all of them.
  for (const checkbox of await page.getByRole("checkbox").all()) {
    await expect(checkbox).not.toBeChecked();
  }
  await urlField.press("Enter");

  const secret = page.getByLabel("Signing secret");
  await expect(secret).toHaveValue(/^whsec_/);
  const secretValue = await secret.inputValue();
  await expect(page.getByRole("button", { name: "Copy" })).toBeFocused();
  await expect(page.getByText("X-Pedigree-Signature: sha256=")).toBeAttached();

  const row = page.getByRole("row").filter({ hasText: HOOK_URL });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("All events")).toBeVisible();
  await expect(row.getByText("Enabled")).toBeVisible();

  // An engineer asks for a promotion (on a model the other specs leave alone): one delivery.
  const engineer = { authorization: basicAuth("engineer@example.com") };
  const { models } = await (await request.get("/api/v1/models", { headers: engineer })).json();
  const ranking = models.find((model: { name: string }) => model.name === "ranking");
  const asked = await request.post(
    `/api/v1/models/ranking/versions/${ranking.stagingVersion}/promotion-requests`,
    { headers: engineer, data: { targetStage: "PRODUCTION", reason: "webhook e2e" } },
  );
  expect(asked.status()).toBe(201);

  // Its deliveries open below it; nothing listens, so the delivery waits for a retry or failed.
  await row.getByRole("button", { name: `Show deliveries to ${HOOK_URL}` }).click();
  const deliveries = page.getByRole("region", { name: `Recent deliveries to ${HOOK_URL}` });
  const delivery = deliveries.getByRole("row").filter({ hasText: "promotion.requested" });
  await expect(delivery).toHaveCount(1);
  await expect(delivery.getByText(/^(Pending|Failed)$/)).toBeVisible();
  await deliveries.getByLabel("Status").selectOption("DELIVERED");
  await expect(deliveries.getByText("No deliveries with status Delivered.")).toBeVisible();
  await deliveries.getByLabel("Status").selectOption("ALL");
  await expect(delivery).toHaveCount(1);
  await row.getByRole("button", { name: `Hide deliveries to ${HOOK_URL}` }).click();
  await expect(deliveries).toHaveCount(0);

  // Reloading never shows the secret again.
  await page.reload();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await expect(page.getByText(secretValue)).toHaveCount(0);

  await row.getByRole("button", { name: `Disable webhook ${HOOK_URL}` }).click();
  await expect(row.getByText("Disabled")).toBeVisible();
  await expect(row.getByRole("button", { name: `Enable webhook ${HOOK_URL}` })).toBeVisible();

  await row.getByRole("button", { name: `Delete webhook ${HOOK_URL}` }).click();
  await row.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: HOOK_URL })).toHaveCount(0);
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
});

test("a viewer is told that only admins manage webhooks", async ({ page }) => {
  await signIn(page, "viewer@example.com");
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/settings/webhooks");
  await expect(page.getByText("Only admins manage webhooks")).toBeVisible();
  await expect(page.getByLabel("Payload URL")).toHaveCount(0);
});
