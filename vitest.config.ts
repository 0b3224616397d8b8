import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests sit beside the code as *.test.ts; integration tests (a real database) as
// *.int.test.ts, run once on the embedded PGlite and once on the PostgreSQL server.
const integration = [
  "packages/**/src/**/*.int.test.ts",
  "apps/**/src/**/*.int.test.ts",
  // The benchmark's smoke version (bench/src/scale): a tiny data set, one request each.
  "bench/src/**/*.int.test.ts",
];
const ignored = ["**/node_modules/**", "**/.next/**"];

export default defineConfig({
  // `server-only` throws outside React's server bundles; tests run server code directly.
  resolve: {
    alias: { "server-only": fileURLToPath(new URL("./scripts/empty-module.js", import.meta.url)) },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/**/src/**/*.test.ts", "apps/**/src/**/*.test.ts"],
          exclude: [...integration, ...ignored],
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pglite",
          include: integration,
          exclude: ignored,
          env: { PEDIGREE_TEST_DATABASE: "pglite" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-postgres",
          include: integration,
          exclude: ignored,
          env: { PEDIGREE_TEST_DATABASE: "postgres" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
