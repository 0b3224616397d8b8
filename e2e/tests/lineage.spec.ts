import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("from a production model's page to its lineage graph, and a partition cluster expanded", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.getByRole("link", { name: "fraud-detection", exact: true }).click();

  // The Trained-on card: dataset version (short hash), partitions as a range, the commit.
  const card = page.getByRole("region", { name: /Trained on: v3/ });
  // The first server render of the model page can be slow on a busy machine.
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.getByRole("list", { name: "Missing lineage" })).toHaveCount(0);
  await expect(card.locator("code").first()).toHaveText(/^[0-9a-f]{12}$/);
  await expect(card).toContainText(
    /dt=\d{4}-\d{2}-\d{2} … dt=\d{4}-\d{2}-\d{2} \((\d+) partitions\)/,
  );
  await expect(card.getByText("Code")).toBeVisible();
  await expect(card.getByRole("button", { name: "Copy SHA" })).toBeVisible();

  // Another version has its own card, selected through the URL.
  await page
    .getByRole("navigation", { name: "Versions" })
    .getByRole("link", { name: /^v1/ })
    .click();
  await expect(page.getByRole("region", { name: /Trained on: v1/ })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Versions" })
    .getByRole("link", { name: /^v3/ })
    .click();
  await expect(page.getByRole("region", { name: /Trained on: v3/ })).toBeVisible();

  // The Reproduce tab renders the manifest: the commit to check out, and a download.
  await page.getByRole("tab", { name: "Reproduce" }).click();
  const reproduce = page.getByRole("region", { name: "Reproduce v3" });
  // The manifest is fetched by the browser: a busy server may take a while.
  await expect(reproduce.locator("pre")).toContainText(/git checkout [0-9a-f]{7,}/, {
    timeout: 20_000,
  });
  await expect(reproduce.getByRole("link", { name: "Download manifest (JSON)" })).toHaveAttribute(
    "href",
    /\/manifest\?download=1$/,
  );
  await page.getByRole("tab", { name: "Trained on" }).click();
  await expect(page.getByRole("region", { name: /Trained on: v3/ })).toBeVisible();

  // The graph, centred on the production version.
  await page.getByRole("link", { name: "Lineage graph of v3" }).click();
  await expect(page).toHaveURL(/\/lineage\?node=modelVersion%3A/);
  const centre = page.locator(".lineage-node-centre");
  await expect(centre).toContainText("fraud-detection v3");
  await expect(centre).toContainText("Production");
  await expect(page.locator(".lineage-node-datasetVersion").first()).toBeVisible();

  // One hop further up, the training partitions arrive as one cluster node.
  await page.getByLabel("Depth").selectOption("3");
  await expect(page).toHaveURL(/depth=3/);
  const cluster = page.locator(".lineage-node-cluster").filter({ hasText: /\d+ partitions, / });
  await expect(cluster).toHaveCount(1);
  const label = (await cluster.locator(".lineage-node-label").textContent()) ?? "";
  const count = Number(/^(\d+) partitions/.exec(label)?.[1]);
  expect(count).toBeGreaterThan(8);
  const before = await page.locator(".lineage-node-partition").count();

  // Clicking the cluster expands it: its partitions are drawn, and the URL keeps it expanded.
  await cluster.click();
  await expect(page).toHaveURL(/expand=cluster/);
  await expect(page.locator(".lineage-node-partition")).toHaveCount(before + count);
  await expect(page.getByRole("complementary", { name: "Node details" })).toContainText(
    "Page 1 of 1",
  );

  // A partition's details link to impact analysis.
  await page.locator(".lineage-node-partition").first().click();
  const details = page.getByRole("complementary", { name: "Node details" });
  await expect(details).toContainText("s3://");
  await expect(details.getByRole("link", { name: "Impact analysis" })).toHaveAttribute(
    "href",
    /\/impact\?partition=s3/,
  );

  // The state survives a reload.
  await page.reload();
  await expect(page.locator(".lineage-node-partition")).toHaveCount(before + count);
});
