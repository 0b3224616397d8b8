import type { NextConfig } from "next";

const config: NextConfig = {
  // PGlite loads its WASM and data files from paths relative to its own package: bundling breaks it.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  // Internal packages are TypeScript source with `.ts` import extensions (no build step).
  transpilePackages: ["@pedigree/db", "@pedigree/domain"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
