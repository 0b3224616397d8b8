// The CLI's only reader of process.env. The same variables as the web app (see .env.example).
import { existsSync } from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "@pedigree/db";

function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`pnpm-workspace.yaml not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  const dataDir =
    env.PEDIGREE_DATA_DIR ?? path.join(findRepoRoot(import.meta.dirname), ".data", "pglite");
  return { kind: "embedded", dataDir: path.resolve(dataDir) };
}
