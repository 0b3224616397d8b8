// Takes docs/screenshot.png from a running dashboard with the demo data:
//   pnpm exec tsx e2e/scripts/readme-screenshot.ts http://localhost:3000
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../chromium.ts";

const base = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
await page.goto(`${base}/signin`);
await page.getByLabel("Email").fill("approver1@example.com");
await page.getByLabel("Password").fill("pedigree-demo");
await page.getByLabel("Password").press("Enter");
await page.getByRole("table").waitFor();
await page.screenshot({
  path: path.join(import.meta.dirname, "..", "..", "docs", "screenshot.png"),
});
await browser.close();
