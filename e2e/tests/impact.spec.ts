import { expect, test } from "@playwright/test";
import { basicAuth, signIn } from "./demo.ts";

test("impact analysis from a demo partition lists the production model that was trained on it", async ({
  page,
  request,
}) => {
  // A raw partition behind fraud-detection's production version, as its Trained-on card shows.
  const provenance = await request.get("/api/v1/models/fraud-detection/versions/3/provenance", {
    headers: { authorization: basicAuth("viewer@example.com") },
  });
  expect(provenance.status()).toBe(200);
  const { modelVersion, datasetVersions } = await provenance.json();
  expect(modelVersion.stage).toBe("PRODUCTION");
  const training = datasetVersions.find((d: { context: string }) => d.context === "training");
  const partition: string = training.partitions[0].uri;
  expect(partition).toMatch(/^s3:\/\//);

  await signIn(page, "viewer@example.com");
  await page.getByRole("link", { name: "Impact", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Impact analysis" })).toBeVisible();
  await page.getByLabel("Start from", { exact: true }).selectOption("partition");
  await page.getByLabel("Partition uri", { exact: true }).fill(partition);
  await page.getByRole("button", { name: "Analyse" }).click();
  await expect(page).toHaveURL(new RegExp(`/impact\\?partition=${encodeURIComponent(partition)}`));

  const models = page.getByRole("table", { name: "Affected model versions", exact: true });
  const production = models
    .getByRole("row")
    .filter({ hasText: "fraud-detection" })
    .filter({ hasText: "Production" });
  await expect(production).toHaveCount(1);
  await expect(production).toContainText("v3");
  await expect(page.getByText(/\d+ production model versions? affected/)).toBeVisible();
  const deployments = page.getByRole("table", {
    name: "Deployments of affected model versions",
    exact: true,
  });
  await expect(
    deployments.getByRole("row").filter({ hasText: "fraud-scoring-api" }).first(),
  ).toContainText("active");
  await expect(
    page.getByRole("table", { name: "Affected dataset versions", exact: true }),
  ).toContainText(training.id.slice(0, 12));

  // The same answer as a CSV file.
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).toContain("format=csv");
  const csv = await page.request.get(href ?? "");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("model_version,fraud-detection,3,PRODUCTION,true");

  // An unknown partition is said on the page, not an error page.
  await page.goto(`/impact?partition=${encodeURIComponent("s3://nowhere/dt=1/")}`);
  await expect(page.getByText("No raw partition with uri s3://nowhere/dt=1/")).toBeVisible();
});
