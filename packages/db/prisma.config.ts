// The Prisma CLI's configuration. The JavaScript schema engine talks through a driver adapter, so
// no native engine is downloaded (see docs/ARCHITECTURE.md). Migrations are authored against an
// in-memory PGlite; the app applies them itself (src/migrate.ts).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "../../prisma/schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "../../prisma/migrations") },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
