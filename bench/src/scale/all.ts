// pnpm bench (or pnpm bench all): scale-seed, scale-http and scale-pages in turn, then
// bench/RESULTS.md and bench/results.json with every figure beside its target, the machine and
// the commit. PEDIGREE_BENCH_SKIP_SEED=1 measures the database as it is.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readScaleOptions } from "./options.ts";
import { type Figure, loadFigures, SCALE_DIR } from "./results.ts";
import { REPO_ROOT } from "./server.ts";

const BENCH = path.join(REPO_ROOT, "bench");
const started = Date.now();
const loadAtStart = os.loadavg();

function step(script: string): void {
  const start = Date.now();
  const result = spawnSync(
    path.join(REPO_ROOT, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", path.join("src", "scale", script)],
    { cwd: BENCH, stdio: "inherit", env: process.env },
  );
  console.log(`bench all: ${script} took ${((Date.now() - start) / 1000).toFixed(0)} s`);
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status})`);
}

// PEDIGREE_BENCH_REPORT_ONLY=1: no measuring, the tables from the figures already in bench/.scale.
const reportOnly = process.env.PEDIGREE_BENCH_REPORT_ONLY === "1";
if (!reportOnly) {
  if (process.env.PEDIGREE_BENCH_SKIP_SEED !== "1") step("scale-seed.ts");
  step("scale-http.ts");
  // The pages are measured in Debian's Chromium, which the test command installs the same way.
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "ensure-chromium.sh")], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  step("pages.ts");
}

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
const commit = `${git("rev-parse", "HEAD")}${dirty ? " (with uncommitted changes)" : ""}`;
const loadAtEnd = os.loadavg();
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, load average ${loadAtStart[0]?.toFixed(1)} at the start and ${loadAtEnd[0]?.toFixed(1)} at the end; Node ${process.version}, ${os.type()} ${os.release()}`;
const { scale, latencyConnections, connections, seconds } = readScaleOptions();
const parts = ["seed", "http", "pages"].filter(
  (part) =>
    (part !== "seed" || process.env.PEDIGREE_BENCH_SKIP_SEED !== "1") &&
    (!reportOnly || existsSync(path.join(SCALE_DIR, `${part}.json`))),
);
const results: Figure[] = parts.flatMap((part) => loadFigures(part));
const minutes = ((Date.now() - started) / 60_000).toFixed(1);

writeFileSync(
  path.join(BENCH, "results.json"),
  `${JSON.stringify({ commit, machine, scale, latencyConnections, connections, seconds, results }, null, 2)}\n`,
);
const cell = (f: Figure) =>
  f.note ? `failed: ${f.note}` : `${f.value.toLocaleString("en-US")} ${f.unit}`;
const verdict = (f: Figure) => (f.met === null ? "" : f.met ? "met" : "**not met**");
// The figures with a target first (the issue's table), then the rest in the order measured.
const ordered = [...results.filter((f) => f.target), ...results.filter((f) => !f.target)];
const rows = ordered.map(
  (f) =>
    `| ${f.name} | ${cell(f)} | ${f.target ? `${f.target.replace(/\d{4,}/, (n) => Number(n).toLocaleString("en-US"))} ${f.unit}` : ""} | ${verdict(f)} |`,
);
writeFileSync(
  path.join(BENCH, "RESULTS.md"),
  `# Benchmark results

Written by \`pnpm bench\` (bench/src/scale/all.ts) on ${new Date(started).toISOString().slice(0, 16)} UTC;
${reportOnly ? "from the figures saved by the steps' last runs (bench/.scale)." : `the whole run took ${minutes} min.`} Do not edit by hand: run it again.

- **Commit:** ${commit}
- **Machine:** ${machine}
- **Data set:** scale ${scale} of issue 7's (bench/src/scale/config.ts), seed ${readScaleOptions().seed}, on PostgreSQL
- **Load:** autocannon for ${seconds} s per request and load, client and server on the same machine.
  Latencies judged by the targets: ${latencyConnections} connection${latencyConnections === 1 ? " (one client's requests back to back: what a user waits)" : "s"};
  then again at ${connections} connections for throughput and the latency under that load (on 2 cores
  shared with the load generator and PostgreSQL that is mostly queueing). Ingest at ${connections} connections.
  Latencies are each response's time, percentiles by nearest rank. Pages: Chromium (Debian), LCP as the p75
  of fresh loads, JavaScript as the compressed bytes of the first load (resource timing's transferSize).
- **Soak (issue 8):** \`pnpm bench soak\` writes its own page, [soak-results.md](soak-results.md).

| figure | value | target | |
| --- | --- | --- | --- |
${rows.join("\n")}
`,
);
console.log(`bench all: ${minutes} min; bench/RESULTS.md and bench/results.json written`);
