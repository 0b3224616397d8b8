import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("a model page answers what its production version was trained on", async ({ page }) => {
  await signIn(page, "viewer@example.com");
  await page.getByRole("link", { name: "fraud-detection", exact: true }).click();
  const card = page.getByRole("region", { name: /Trained on: v3/ });
  await expect(card).toBeVisible();
  await expect(card.getByRole("list", { name: "Missing lineage" })).toHaveCount(0);
  await expect(card).toContainText(
    /rows · dt=\d{4}-\d{2}-\d{2} … dt=\d{4}-\d{2}-\d{2} \(\d+ partitions\)/,
  );
  await card.getByText("Partitions and checksums").click();
  await expect(card.getByRole("listitem").first()).toContainText("s3://");
  await expect(card.getByText("Code")).toBeVisible();
});
