import { expect, test } from "@playwright/test";
import { signIn } from "./demo.ts";

test("a model's retrain trigger is listed with its evidence, and its page links the loop", async ({
  page,
}) => {
  await signIn(page, "viewer@example.com");
  await page.goto("/models/fraud-detection");
  await page.getByRole("link", { name: "Monitoring" }).click();
  await expect(page.getByRole("heading", { name: "Monitoring of fraud-detection" })).toBeVisible();

  // The demo's production windows breach "Any feature past PSI 0.2": one open trigger, with
  // every later breach appended to it rather than a trigger per window.
  const triggers = page.getByRole("table", { name: "Retrain triggers" });
  const row = triggers.getByRole("row").filter({ hasText: "Any feature past PSI 0.2" });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("OPEN")).toBeVisible();
  await expect(row).toContainText("PSI of any feature > 0.2");
  await expect(row).toContainText(/window \d{4}-\d{2}-\d{2}/);
  // A viewer sees the rules but cannot change them.
  await expect(page.getByRole("button", { name: "Add rule" })).toHaveCount(0);

  await row.getByRole("link", { name: "Any feature past PSI 0.2" }).click();
  await expect(page).toHaveURL(/\/triggers\//);
  await expect(page.getByRole("heading", { name: /Any feature past PSI 0\.2/ })).toBeVisible();
  const evidence = page.getByRole("table", { name: "Evidence" });
  await expect(
    evidence.getByRole("row").filter({ hasText: "merchant_category" }).first(),
  ).toBeVisible();
  const loop = page.getByRole("list", { name: "Retraining loop" });
  await expect(loop).toContainText("Retraining run");
  await expect(loop).toContainText("pedigree.trigger_id=");
  await expect(loop).toContainText("Promotion");
});

test("an engineer adds a rule from the keyboard, with a validation message first, and sets a target", async ({
  page,
}) => {
  await signIn(page, "engineer@example.com");
  await page.goto("/models/churn/monitoring");
  const form = page.getByRole("form", { name: "New monitor rule" });
  await form.getByLabel("Name").fill("Share drifted e2e");
  await form.getByLabel("Condition").selectOption("DATASET_DRIFT");
  const threshold = form.getByLabel(/Threshold/);
  await threshold.fill("1.5");
  await threshold.press("Enter");
  await expect(form.getByRole("alert")).toHaveText("The share must be in (0, 1]");
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await threshold.fill("0.3");
  await threshold.press("Enter");
  const rules = page.getByRole("table", { name: "Monitor rules" });
  const rule = rules.getByRole("row").filter({ hasText: "Share drifted e2e" });
  await expect(rule).toContainText("share of drifted features >= 0.3");
  await expect(rule).toContainText("Enabled");
  await rule.getByRole("button", { name: "Disable Share drifted e2e" }).click();
  await expect(rule).toContainText("Disabled");

  const target = page.getByRole("form", { name: "Retraining target" });
  await target.getByLabel("Airflow base URL").fill("http://airflow.internal:8080");
  await target.getByLabel("DAG id").fill("churn_retrain");
  await target.getByLabel("Auth").selectOption("BEARER");
  await target.getByLabel("Token from").selectOption("env");
  await target.getByLabel("Variable name").fill("AIRFLOW_TOKEN");
  await target.getByRole("button", { name: "Save target" }).click();
  await expect(target.getByRole("alert")).toContainText("PEDIGREE_RETRAIN_");
  await target.getByLabel("Variable name").fill("PEDIGREE_RETRAIN_AIRFLOW_TOKEN");
  await target.getByRole("button", { name: "Save target" }).click();
  await expect(target.getByRole("status")).toHaveText("Target saved.");
  await page.reload();
  await expect(
    page.getByRole("form", { name: "Retraining target" }).getByLabel("DAG id"),
  ).toHaveValue("churn_retrain");
});
