import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./demo.ts";

// Issue 3's story on fraud-detection: v3 is in production; v4 (@challenger, Staging) passes every
// gate (v5, also in Staging, is the demo's weak candidate that fails the evaluation gate).
const MODEL_PATH = "/models/fraud-detection";

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

async function openModelAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await page.goto(MODEL_PATH);
  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();
}

function versionRow(page: Page, version: number) {
  return page
    .getByRole("table", { name: "Versions" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: `v${version}`, exact: true }) });
}

async function approve(page: Page, requestTitle: string, comment: string): Promise<void> {
  const request = page.getByRole("region", { name: requestTitle });
  await request.getByLabel("Decision comment").fill(comment);
  await request.getByRole("button", { name: "Approve" }).click();
  // Decided: the comment field goes (the request is done, or waits for someone else).
  await expect(request.getByLabel("Decision comment")).toHaveCount(0);
}

test("an engineer's promotion needs two other approvers; a rollback names its services", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openModelAs(page, "engineer@example.com");
  await expect(versionRow(page, 3)).toContainText("Production");

  // The engineer asks for Production, from the keyboard.
  await page.getByLabel("Version", { exact: true }).selectOption("4");
  await page.getByLabel("Target stage").selectOption("PRODUCTION");
  await page.getByLabel("Reason for the promotion").fill("v4 beats production on val_auc");
  await page.getByRole("button", { name: "Request promotion" }).click();
  const created = page.getByRole("status").filter({ hasText: "Request for v4 to Production" });
  await expect(created).toContainText("Pending");
  await expect(created.getByRole("list", { name: "Gate results" })).toContainText("Evaluation");

  // The requester may not decide: the buttons are disabled and say why.
  const request = page.getByRole("region", { name: "Promote v4 to Production" });
  await expect(request).toContainText("0 of 2");
  await expect(request.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(request.getByText("You requested this change")).toBeVisible();
  await signOut(page);

  await openModelAs(page, "approver1@example.com");
  await approve(page, "Promote v4 to Production", "Gates pass; metrics reviewed.");
  await expect(
    page.getByRole("region", { name: "Promote v4 to Production" }).getByText("1 of 2"),
  ).toBeVisible();
  await signOut(page);

  await openModelAs(page, "approver2@example.com");
  await approve(page, "Promote v4 to Production", "Approved for release.");
  await expect(page.getByRole("region", { name: "Promote v4 to Production" })).toHaveCount(0);
  await expect(versionRow(page, 4)).toContainText("Production");
  await expect(versionRow(page, 3)).toContainText("Archived");
  const timeline = page.getByRole("list", { name: "Stage changes" });
  const promoted = timeline.getByRole("listitem").filter({ hasText: "v4: Staging → Production" });
  await expect(promoted).toContainText(/Eli Engineer|Priya Approver|Omar Approver/);
  await expect(
    timeline.getByRole("listitem").filter({ hasText: "v3: Production → Archived" }),
  ).toHaveCount(1);
  await signOut(page);

  // The engineer rolls back: the confirmation names v3 and the services serving v4.
  await openModelAs(page, "engineer@example.com");
  await page.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back fraud-detection?" });
  await expect(dialog).toContainText("Restores v3 to Production and archives v4");
  await expect(dialog.getByRole("list", { name: "Affected services" })).toContainText(
    "fraud-scoring-api",
  );
  await dialog.getByLabel("Reason for the rollback").fill("False positives doubled after v4");
  await dialog.getByRole("button", { name: "Confirm rollback" }).click();
  await expect(dialog).toBeHidden();
  const rollback = page.getByRole("region", { name: "Roll back to v3" });
  await expect(rollback).toContainText("0 of 2");
  await signOut(page);

  await openModelAs(page, "approver1@example.com");
  await approve(page, "Roll back to v3", "Confirmed on the dashboard.");
  await signOut(page);
  await openModelAs(page, "approver2@example.com");
  await approve(page, "Roll back to v3", "Agreed.");
  // The second approval carries the rollback out: lineage and data quality still hold for v3,
  // and a rollback is neither compared with v4 nor held back by drift.
  await expect(page.getByRole("region", { name: "Roll back to v3" })).toHaveCount(0);
  await expect(versionRow(page, 3)).toContainText("Production");
  await expect(versionRow(page, 4)).toContainText("Archived");

  // "Which version was in production on ...?" answers from a shareable URL.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Which version was in production on").fill(today);
  await expect(page).toHaveURL(new RegExp(`\\?at=${today}`));
  await expect(page.getByText(`At the end of ${today} (UTC), v3 was in production.`)).toBeVisible();
});

test("a viewer sees the open request and its gates but may not act, and is told why", async ({
  page,
}) => {
  // churn's v4 waits for its second approval (demo data).
  await signIn(page, "viewer@example.com");
  await page.goto("/models/churn");
  const request = page.getByRole("region", { name: "Promote v4 to Production" });
  await expect(request).toContainText("1 of 2");
  await expect(request.getByRole("list", { name: "Gate results" })).toContainText("Passed");
  await expect(request.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(request.getByRole("button", { name: "Reject" })).toBeDisabled();
  await expect(request.getByText("Only the approver role or above")).toBeVisible();
  await expect(page.getByRole("button", { name: "Request promotion" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await expect(page.getByText("Only engineers and above may request a promotion.")).toBeVisible();
});
