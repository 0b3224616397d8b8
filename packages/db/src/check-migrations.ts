// `pnpm db:check`: fails when prisma/migrations and prisma/schema.prisma disagree. It introspects
// an in-memory PGlite migrated by our own migrator (prisma.check.config.ts) and diffs that
// datamodel against the schema; on drift it prints the SQL a new migration would need.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const here = path.join(import.meta.dirname, "..");
const schema = path.join(here, "../../prisma/schema.prisma");
const prisma = (args: string[]) =>
  spawnSync("pnpm", ["exec", "prisma", ...args], { cwd: here, encoding: "utf8" });

const pulled = execFileSync(
  "pnpm",
  ["exec", "prisma", "db", "pull", "--config", "prisma.check.config.ts", "--print"],
  { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
// The CLI prints a warning about the datasource url on stdout before the schema.
const start = pulled.search(/^generator /m);
if (start < 0) throw new Error(`prisma db pull printed no schema:\n${pulled}`);
/**
 * Indexes whose INCLUDE columns Prisma cannot express (prisma/prisma#8584): introspection lists
 * them as key columns, so the pulled line is cut back to the keys the schema declares. The
 * migration that made each one says why it covers.
 */
const COVERING_INDEXES: Record<string, string[]> = {
  MetricChunk_runId_key_block_idx: ["runId", "key", "block"],
};
const withoutIncluded = pulled
  .slice(start)
  .replace(/@@index\(\[([^\]]*)\], map: "([^"]+)"\)/g, (line, _columns, name: string) => {
    const keys = COVERING_INDEXES[name];
    return keys ? `@@index([${keys.join(", ")}], map: "${name}")` : line;
  });
const migrated = path.join(mkdtempSync(path.join(tmpdir(), "pedigree-check-")), "migrated.prisma");
writeFileSync(migrated, withoutIncluded);

const args = ["--from-schema-datamodel", migrated, "--to-schema-datamodel", schema];
const diff = prisma(["migrate", "diff", ...args, "--exit-code"]);
if (diff.status === 0) {
  console.log("db:check: prisma/migrations match prisma/schema.prisma");
} else if (diff.status === 2) {
  console.error("db:check: prisma/schema.prisma has changes that no migration applies:");
  console.error(prisma(["migrate", "diff", ...args, "--script"]).stdout);
  process.exit(1);
} else {
  console.error(diff.stdout, diff.stderr);
  process.exit(1);
}
