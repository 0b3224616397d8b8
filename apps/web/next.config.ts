import type { NextConfig } from "next";

const config: NextConfig = {
  // PGlite loads its WASM and data files from paths relative to its own package: bundling breaks it.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  // Internal packages are TypeScript source with `.ts` import extensions (no build step).
  transpilePackages: ["@pedigree/db", "@pedigree/domain"],
  // Types are checked by `turbo typecheck` (next typegen && tsc), which npm test runs before the
  // build; checking them again inside every build doubles the slowest step on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
