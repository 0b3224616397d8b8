// For integration tests only: a PostgreSQL cluster of the test's own (initdb in a temp folder, on
// a free port), so that a test can stop and start the server without disturbing any other test.
// As root, the server binaries are run as the `postgres` user (PostgreSQL refuses to run as root).
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface OwnCluster {
  port: number;
  /** A connection URL to a database of this cluster. */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** pg_ctl stop -m fast: active connections are terminated, open transactions rolled back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its folder. */
  destroy(): Promise<void>;
}

/** The folder of initdb and pg_ctl: pg_config's answer, else the newest Debian-style install. */
async function findServerBinaries(): Promise<string> {
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    const dir = stdout.trim();
    if (existsSync(path.join(dir, "initdb"))) return dir;
  } catch {
    // no pg_config on PATH: look where Debian and Ubuntu install the server
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(root, version, "bin");
    if (existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error(
    "own-cluster: initdb was not found (neither `pg_config --bindir` nor /usr/lib/postgresql/*/bin); install the PostgreSQL server binaries to run the fault tests",
  );
}

/** As root, the uid and gid of `postgres`; otherwise the current user runs the server. */
async function findServerUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "own-cluster: running as root needs a `postgres` user to run the server as (PostgreSQL refuses root)",
    );
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function createOwnCluster(): Promise<OwnCluster> {
  const bin = await findServerBinaries();
  const user = await findServerUser();
  const folder = await mkdtemp(path.join(tmpdir(), "pedigree-cluster-"));
  if (user) await chown(folder, user.uid, user.gid);
  const dataDir = path.join(folder, "data");
  const port = await findFreePort();
  const asServerUser = (command: string, args: string[]) =>
    run(path.join(bin, command), args, { ...(user ?? {}), cwd: folder });

  await asServerUser("initdb", [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await asServerUser("pg_ctl", [
      "-D",
      dataDir,
      "-o",
      options,
      "-l",
      path.join(folder, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    await asServerUser("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
  };
  await start();
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      await run(path.join(bin, "createdb"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        name,
      ]);
      return url(name);
    },
    stop: () => stop("fast"),
    start,
    async destroy() {
      await stop("immediate").catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}
