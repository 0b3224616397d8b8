// `npm start` / `pnpm start`: installs what is missing, builds if the sources changed, seeds the
// demo into an empty embedded database, then serves the dashboard. Plain Node with no
// dependencies, because it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");
const PNPM = "pnpm@12.4.2";

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`start: \`${command} ${args.join(" ")}\` failed`);
    process.exit(result.status ?? 1);
  }
}

function isInstallCurrent() {
  const marker = path.join(root, "node_modules", ".modules.yaml");
  return (
    existsSync(marker) &&
    statSync(marker).mtimeMs >= statSync(path.join(root, "pnpm-lock.yaml")).mtimeMs
  );
}

// The session secret signs sign-in cookies. Without one given, make one and keep it beside the
// data, so that sessions survive a restart.
function readAuthSecret(dataDir) {
  if (process.env.PEDIGREE_AUTH_SECRET) return process.env.PEDIGREE_AUTH_SECRET;
  const file = path.join(path.dirname(dataDir), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

if (!isInstallCurrent()) run("npx", ["-y", PNPM, "install", "--frozen-lockfile"]);
const pnpm = path.join(root, "node_modules", ".bin", "pnpm");

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(process.env.PEDIGREE_DATA_DIR ?? path.join(root, ".data", "pglite"));
const env = {
  ...process.env,
  PORT: port,
  PEDIGREE_DATA_DIR: dataDir,
  PEDIGREE_AUTH_SECRET: readAuthSecret(dataDir),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  TURBO_TELEMETRY_DISABLED: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

// Turbo rebuilds only when an input changed since the last build.
run(
  pnpm,
  ["exec", "turbo", "run", "build", "--filter=@pedigree/web", "--output-logs=errors-only"],
  env,
);

// The embedded database migrates itself; it gets the demo when it is empty (PEDIGREE_DEMO=0: never).
// A PostgreSQL server is migrated and seeded by the operator (see the README).
if (!env.DATABASE_URL && env.PEDIGREE_DEMO !== "0") {
  run(pnpm, ["--silent", "pedigree", "demo", "seed", "--if-empty"], env);
}

console.log(`Pedigree: http://localhost:${port}`);
const server = spawnSync(pnpm, ["--filter", "@pedigree/web", "exec", "next", "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env,
});
process.exit(server.status ?? 0);
