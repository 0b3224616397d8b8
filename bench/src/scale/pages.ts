// pnpm bench scale-pages: the home, model, lineage, runs and drift pages of the production build
// against the scale data set, in Debian's Chromium: largest contentful paint (p75 of
// PEDIGREE_BENCH_PAGE_LOADS fresh loads, 5 by default) and the JavaScript transferred on a first
// load (compressed bytes on the wire; resource timing's transferSize, with encodedBodySize).
import { createRequire } from "node:module";
import path from "node:path";
import { openDatabase } from "@pedigree/db";
import { CHROMIUM_LAUNCH_OPTIONS } from "../../../e2e/chromium.ts";
import type { Browser } from "../../../e2e/node_modules/@playwright/test";
import { percentile } from "../stats.ts";
import { benchDatabaseUrl } from "./database.ts";
import { type Figure, figure, printFigures, saveFigures } from "./results.ts";
import { ensureBuild, REPO_ROOT, startServer } from "./server.ts";
import { signIn } from "./session.ts";
import { readSubjects } from "./targets.ts";

// Playwright is the e2e package's dependency; the bench borrows it rather than pin a second copy.
const playwright = createRequire(path.join(REPO_ROOT, "e2e", "package.json"))(
  "@playwright/test",
) as typeof import("../../../e2e/node_modules/@playwright/test");

const loads = Number(process.env.PEDIGREE_BENCH_PAGE_LOADS ?? 5);
const port = Number(process.env.PEDIGREE_BENCH_PORT ?? 3291);

/** Registered before any page script: keeps the latest LCP candidate on window. */
const OBSERVE_LCP = `
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });`;

interface PageLoad {
  lcp: number;
  scriptTransfer: number;
  scriptEncoded: number;
  scripts: number;
}

async function loadPage(browser: Browser, url: string, cookie: string): Promise<PageLoad> {
  const context = await browser.newContext();
  try {
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
      }),
    );
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LCP);
    const response = await page.goto(url, { waitUntil: "networkidle", timeout: 120_000 });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    if (new URL(page.url()).pathname === "/signin") throw new Error(`${url}: not signed in`);
    await page.waitForTimeout(300);
    // A string, evaluated in the page: the bench compiles without the DOM's types.
    return await page.evaluate<PageLoad>(`(() => {
      // Next preloads chunks with <link rel=preload as=script>: count those by their .js path.
      const seen = new Set();
      const scripts = performance.getEntriesByType("resource").filter((entry) => {
        const isScript = entry.initiatorType === "script" || new URL(entry.name).pathname.endsWith(".js");
        if (!isScript || seen.has(entry.name)) return false;
        seen.add(entry.name);
        return true;
      });
      return {
        lcp: window.__lcp,
        scriptTransfer: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
        scriptEncoded: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
        scripts: scripts.length,
      };
    })()`);
  } finally {
    await context.close();
  }
}

const databaseUrl = benchDatabaseUrl();
const db = await openDatabase({ kind: "postgres", url: databaseUrl });
const subjects = await readSubjects(db).finally(() => db.close());
const model = encodeURIComponent(subjects.model);
const pages = [
  { name: "home", path: "/" },
  { name: "model", path: `/models/${model}` },
  { name: "lineage", path: `/lineage?node=modelVersion:${subjects.modelVersionId}` },
  { name: "runs", path: `/experiments/${subjects.experimentIds[0]}` },
  { name: "drift", path: `/models/${model}/drift` },
];

ensureBuild(console.log);
const server = await startServer(databaseUrl, port);
const figures: Figure[] = [];
try {
  const cookie = await signIn(server.url);
  const browser = await playwright.chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    for (const { name, path: pagePath } of pages) {
      const url = `${server.url}${pagePath}`;
      await loadPage(browser, url, cookie); // warms the server's caches, not the browser's
      const results: PageLoad[] = [];
      for (let i = 0; i < loads; i += 1) results.push(await loadPage(browser, url, cookie));
      const lcps = results.map((r) => r.lcp).sort((a, b) => a - b);
      const first = results[0] as PageLoad;
      figures.push(
        figure(`LCP, ${name} page (p75 of ${loads})`, percentile(lcps, 75), "ms", { atMost: 1000 }),
        figure(
          `JavaScript transferred, ${name} page (${first.scripts} scripts, compressed)`,
          first.scriptTransfer / 1024,
          "KB",
          name === "model" ? { atMost: 300 } : undefined,
        ),
      );
      console.log(
        `  ${name}: LCP p75 ${percentile(lcps, 75).toFixed(0)} ms, JS ${(first.scriptTransfer / 1024).toFixed(1)} KB on the wire (${(first.scriptEncoded / 1024).toFixed(1)} KB bodies, ${first.scripts} scripts)`,
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
printFigures(figures);
console.log(`scale-pages: figures in ${saveFigures("pages", figures)}`);
