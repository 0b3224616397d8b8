import { defineConfig } from "vitest/config";

// Unit tests sit beside the code as *.test.ts; integration tests (a real database) as
// *.int.test.ts, run once on the embedded PGlite and once on the PostgreSQL server.
const integration = ["packages/**/src/**/*.int.test.ts", "apps/**/src/**/*.int.test.ts"];
const ignored = ["**/node_modules/**", "**/.next/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/**/src/**/*.test.ts", "apps/**/src/**/*.test.ts"],
          exclude: [...integration, ...ignored],
        },
      },
      {
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
