// pnpm bench soak: issue 8's soak. The scale data set (PEDIGREE_BENCH_SCALE, default 0.01 here)
// in its own database (SOAK_DATABASE_URL, default pedigree_soak), the production server on it,
// the maximum mixed throughput (SOAK_WORKERS closed loops, 8, round the mix for SOAK_PROBE_SECONDS, 30),
// then SOAK_SECONDS (600) at SOAK_FRACTION (0.7) of it, open loop: errors, latency percentiles
// per kind and minute, and the server's RSS each minute. Writes bench/soak-results.md and
// bench/soak.json. SOAK_SKIP_SEED=1 keeps the database as it is.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@pedigree/db";
import { openFreshBenchDatabase } from "../scale/database.ts";
import { seedScale } from "../scale/seed.ts";
import { ensureBuild, REPO_ROOT, startServer } from "../scale/server.ts";
import { createToken, signIn } from "../scale/session.ts";
import { readSubjects } from "../scale/targets.ts";
import { runClosed } from "./closed.ts";
import { connectInspector } from "./heap.ts";
import { buildMix, createIngestRuns, type Kind } from "./mix.ts";
import { runPaced } from "./paced.ts";
import { writeSoakReport } from "./report.ts";
import { describeProcess, findListener, type RssSample, sampleRss } from "./rss.ts";

function readNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be > 0, not ${text}`);
  return value;
}

const scale = readNumber("PEDIGREE_BENCH_SCALE", 0.01);
const seed = readNumber("PEDIGREE_BENCH_SEED", 7);
const soakSeconds = readNumber("SOAK_SECONDS", 600);
const probeSeconds = readNumber("SOAK_PROBE_SECONDS", 30);
const workers = readNumber("SOAK_WORKERS", 8);
const fraction = readNumber("SOAK_FRACTION", 0.7);
const port = readNumber("SOAK_PORT", 3297);
const databaseUrl =
  process.env.SOAK_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/pedigree_soak";
const startedAt = new Date().toISOString();
const loadAtStart = os.loadavg();
const log = (line: string) => console.log(`soak: ${line}`);

/** Three requests of each kind before any clock: first renders, caches, and a check of each. */
async function warmUp(url: string, kinds: readonly Kind[]): Promise<void> {
  for (const kind of kinds)
    for (let n = 1; n <= 3; n += 1) {
      const response = await fetch(`${url}${kind.path}`, {
        method: kind.method,
        headers: kind.headers,
        body: kind.body?.(n),
        redirect: "manual",
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`${kind.name} answered ${response.status}: ${text.slice(0, 300)}`);
    }
}

if (process.env.SOAK_SKIP_SEED !== "1") {
  log(`seeding scale ${scale} (seed ${seed}) into ${databaseUrl.replace(/\/\/[^@]*@/, "//")}`);
  const fresh = await openFreshBenchDatabase(databaseUrl);
  try {
    const summary = await seedScale(fresh, { seed, scale });
    log(`seeded in ${summary.totalSeconds.toFixed(1)} s`);
  } finally {
    await fresh.close();
  }
}
const db = await openDatabase({ kind: "postgres", url: databaseUrl });
const subjects = await readSubjects(db).finally(() => db.close());
ensureBuild(log);
// The server alone runs with the inspector (on localhost), for its heap after a collection.
const inspectPort = port + 1;
const nodeOptions = process.env.NODE_OPTIONS;
process.env.NODE_OPTIONS = `${nodeOptions ?? ""} --inspect=127.0.0.1:${inspectPort}`.trim();
const server = await startServer(databaseUrl, port);
if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
else process.env.NODE_OPTIONS = nodeOptions;
const rss: RssSample[] = [];
try {
  const pid = findListener(port);
  const inspector = await connectInspector(inspectPort);
  const sample = async (atSecond: number): Promise<RssSample> => {
    const rssNow = sampleRss(pid, atSecond);
    return { ...rssNow, heapAfterGcMiB: await inspector.heapAfterGc() };
  };
  const serverName = describeProcess(pid);
  log(`server ${server.url}, pid ${pid} (${serverName})`);
  const auth = { cookie: await signIn(server.url), token: await createToken(server.url) };
  const experiment = subjects.experimentIds[0] as string;
  const ingestRuns = (label: string) =>
    createIngestRuns(server.url, auth.token, experiment, label, 4);
  // Separate runs for the probe and the soak, so that no log-batch repeats a step of a run.
  const probeKinds = buildMix(subjects, auth, await ingestRuns("probe"));
  const soakKinds = buildMix(subjects, auth, await ingestRuns("soak"));
  await warmUp(server.url, probeKinds);
  const probeStart = performance.now();
  rss.push(await sample(-probeSeconds - 1));

  log(`maximum: ${workers} closed loops round the mix, ${probeSeconds} s`);
  const maximum = await runClosed(server.url, probeKinds, workers, probeSeconds);
  for (const [name, k] of Object.entries(maximum.kinds))
    log(`  ${name}: ${k.requests} requests, p50 ${k.p50} / p99 ${k.p99} ms, ${k.errors} failed`);
  for (const [what, count] of Object.entries(maximum.errors)) log(`  error ${count} × ${what}`);
  const maxTotal = maximum.requestsPerSecond;
  // The same proportions as the maximum run: one request of each kind a round.
  const rate = (maxTotal * fraction) / soakKinds.length;
  if (!(rate > 0)) throw new Error("nothing answered in the maximum run: no rate to soak at");
  const rates = Object.fromEntries(soakKinds.map((kind) => [kind.name, rate]));
  const paced = soakKinds.map((kind) => ({ kind, rate }));
  const soakTotal = rate * soakKinds.length;
  // A pause, so the soak starts from a server that has drained the maximum run's queue.
  await new Promise((resolve) => setTimeout(resolve, 5000));

  log(
    `soak: ${soakTotal.toFixed(1)} req/s (${fraction} × ${maxTotal.toFixed(1)}) for ${soakSeconds} s`,
  );
  const soakStart = performance.now();
  const seconds = () => (performance.now() - soakStart) / 1000;
  rss.push(await sample(0));
  const sampler = setInterval(async () => {
    const minute = await sample(seconds());
    rss.push(minute);
    log(`  ${minute.atSecond} s: RSS ${minute.serverMiB} MiB, heap ${minute.heapAfterGcMiB} MiB`);
  }, 60_000);
  const result = await runPaced(server.url, paced, soakSeconds).finally(() =>
    clearInterval(sampler),
  );
  const end = await sample(seconds());
  // The last minute's tick and the end can fall on the same second: the end replaces it.
  if (rss.at(-1)?.atSecond === end.atSecond) rss.pop();
  rss.push(end);
  inspector.close();
  for (const m of result.minutes)
    log(`  minute ${m.minute}: ${m.requests} requests, ${m.errors} errors`);
  for (const [what, count] of Object.entries(result.errors)) log(`  error ${count} × ${what}`);

  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  writeSoakReport(path.join(REPO_ROOT, "bench"), {
    startedAt,
    commit: `${git("rev-parse", "HEAD")}${dirty ? " (with uncommitted changes)" : ""}`,
    machine: `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; Node ${process.version}, ${os.type()} ${os.release()}; client and server on the same machine`,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    dataSet: `scale ${scale} of issue 7's (bench/src/scale/config.ts), seed ${seed}, on PostgreSQL (${new URL(databaseUrl).pathname.slice(1)}), plus what the soak itself ingests`,
    server: `\`next start\` of the production build, pid ${pid}: ${serverName}`,
    probe: { seconds: probeSeconds, workers, ...maximum },
    soak: { seconds: soakSeconds, fraction, rates, totalPerSecond: soakTotal, result },
    rss,
  });
  log(
    `${((performance.now() - probeStart) / 60_000).toFixed(1)} min; bench/soak-results.md and bench/soak.json written`,
  );
} finally {
  await server.stop();
}
