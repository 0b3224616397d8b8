// The CLI's only reader of process.env. The same variables as the web app (see .env.example).
import { type DatabaseTarget, resolveDataDir } from "@pedigree/db";

export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL?.trim()) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "embedded", dataDir: resolveDataDir(env.PEDIGREE_DATA_DIR, process.cwd()) };
}
