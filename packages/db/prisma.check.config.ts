// Configuration for `pnpm db:check`: the CLI's datasource is an in-memory PGlite with every
// migration applied by our own migrator, so a diff against the schema shows any drift between
// prisma/migrations and prisma/schema.prisma. (Prisma's --from-migrations cannot run here: its
// shadow-database step sends multi-statement scripts that PGlite refuses to prepare.)
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";
import { applyMigrations, readMigrations } from "./src/migrate.ts";
import { createPgliteRunner } from "./src/sql-runner.ts";

const root = path.join(import.meta.dirname, "../..");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "prisma/schema.prisma"),
  adapter: async () => {
    const client = new PGlite();
    await applyMigrations(
      createPgliteRunner(client),
      readMigrations(path.join(root, "prisma/migrations")),
    );
    return new PrismaPGlite(client);
  },
});
