import { existsSync } from "node:fs";
import path from "node:path";

/** The workspace root (where pnpm-workspace.yaml is); `start` itself when there is none. */
export function findRepoRoot(start: string): string {
  // Turbopack would otherwise trace the whole project for this runtime lookup.
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/**
 * The embedded database's folder: PEDIGREE_DATA_DIR (relative to `cwd`; blank means unset), or
 * `.data/pglite` under the repository root. The app and the CLI both resolve it here.
 */
export function resolveDataDir(dataDir: string | undefined, cwd: string): string {
  const chosen = dataDir?.trim() ? dataDir : path.join(findRepoRoot(cwd), ".data", "pglite");
  return path.resolve(cwd, chosen);
}
