// The CLI's only reader of process.env. The same variables as the web app (see .env.example).
import { type DatabaseTarget, resolveDataDir } from "@pedigree/db";

export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL?.trim()) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "embedded", dataDir: resolveDataDir(env.PEDIGREE_DATA_DIR, process.cwd()) };
}

/** The server and API token that pipeline commands (`profile push`) talk to. */
export function resolveServer(env: NodeJS.ProcessEnv = process.env): {
  url: string;
  token: string;
} {
  const url = env.PEDIGREE_URL?.trim();
  const token = env.PEDIGREE_TOKEN?.trim();
  if (!url) throw new Error("PEDIGREE_URL must name the server, such as http://localhost:3000");
  if (!token) throw new Error("PEDIGREE_TOKEN must hold an API token (Settings -> API tokens)");
  return { url: url.replace(/\/+$/, ""), token };
}
