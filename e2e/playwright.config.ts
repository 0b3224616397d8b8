import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./chromium.ts";

// The production build on a fresh embedded database seeded with the demo, driven in Debian's
// Chromium (Playwright cannot download its own browser here).
const port = Number(process.env.PEDIGREE_E2E_PORT ?? 3210);
const dataDir = mkdtempSync(path.join(tmpdir(), "pedigree-e2e-"));

export default defineConfig({
  testDir: "tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node ../scripts/start.mjs",
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    env: { PORT: String(port), PEDIGREE_DATA_DIR: path.join(dataDir, "pglite") },
  },
});
