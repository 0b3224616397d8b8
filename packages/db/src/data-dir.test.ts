import path from "node:path";
import { expect, it } from "vitest";
import { findRepoRoot, resolveDataDir } from "./data-dir.ts";

it("puts the embedded database under the repository root unless told otherwise", () => {
  const root = findRepoRoot(import.meta.dirname);
  expect(path.join(root, "pnpm-workspace.yaml")).toMatch(/pnpm-workspace\.yaml$/);
  expect(resolveDataDir(undefined, import.meta.dirname)).toBe(path.join(root, ".data", "pglite"));
  expect(resolveDataDir("  ", import.meta.dirname)).toBe(path.join(root, ".data", "pglite"));
  expect(resolveDataDir("data", "/srv/pedigree")).toBe("/srv/pedigree/data");
  expect(resolveDataDir("/var/lib/pedigree", "/srv")).toBe("/var/lib/pedigree");
});
