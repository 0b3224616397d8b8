// The production build, served by `next start` against the bench database. The build runs
// (under the shared build lock) every time through turbo, which replays its cache when nothing
// changed: a build left from an older commit is never measured.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";

export const REPO_ROOT = path.join(import.meta.dirname, "..", "..", "..");
const WEB = path.join(REPO_ROOT, "apps", "web");
const BIN = path.join(REPO_ROOT, "node_modules", ".bin");
const BUILD_LOCK = "/tmp/pedigree-build.lock";

export function ensureBuild(log: (line: string) => void): void {
  log("building apps/web (turbo; cached when unchanged; flock /tmp/pedigree-build.lock)");
  const result = spawnSync(
    "flock",
    [
      BUILD_LOCK,
      path.join(BIN, "turbo"),
      "run",
      "build",
      "--filter=@pedigree/web",
      "--output-logs=errors-only",
    ],
    { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  if (result.status !== 0) throw new Error("the production build failed");
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${url}/api/health within ${seconds} s`);
}

/** `next start` on `port` against `databaseUrl`; stop() ends that process group only. */
export async function startServer(databaseUrl: string, port: number): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  // A shared hold on the build lock while serving: a rebuild (which takes it exclusively) would
  // replace .next under the running server; it waits until the measurement ends instead.
  const next = path.join(WEB, "node_modules", ".bin", "next");
  const child = spawn("flock", ["-s", BUILD_LOCK, next, "start", "-p", String(port)], {
    cwd: WEB,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NEXTAUTH_URL: url,
      PEDIGREE_AUTH_SECRET: "pedigree-bench-secret-that-is-32-characters-or-more",
      PEDIGREE_LOG_LEVEL: "error",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  try {
    // Long enough to wait out a build that holds the lock.
    await waitForHealth(url, child, 900);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
