import { readFileSync } from "node:fs";
import path from "node:path";
import { findRepoRoot } from "@pedigree/db";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLE_NAMES, parseEnv } from "./env.ts";

const SECRET = "s".repeat(32);

describe("parseEnv", () => {
  it("defaults to the embedded database under the repository root", () => {
    const env = parseEnv({ PEDIGREE_AUTH_SECRET: SECRET }, import.meta.dirname);
    const root = findRepoRoot(import.meta.dirname);
    expect(env.PEDIGREE_DATA_DIR).toBe(path.join(root, ".data", "pglite"));
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.PEDIGREE_LOG_LEVEL).toBe("info");
  });

  it("treats empty values as unset and resolves a relative data folder", () => {
    const env = parseEnv(
      { PEDIGREE_AUTH_SECRET: SECRET, DATABASE_URL: "", PEDIGREE_DATA_DIR: "data", PORT: "3100" },
      "/srv/pedigree",
    );
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PEDIGREE_DATA_DIR).toBe("/srv/pedigree/data");
    expect(env.PORT).toBe(3100);
  });

  it("names every problem at once", () => {
    expect(() =>
      parseEnv({ PEDIGREE_AUTH_SECRET: "short", DATABASE_URL: "mysql://x", PORT: "http" }, "/"),
    ).toThrow(/PEDIGREE_AUTH_SECRET[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PEDIGREE_AUTH_SECRET/);
    expect(() => parseEnv({}, "/")).toThrow(/PEDIGREE_AUTH_SECRET: is required/);
  });
});

describe(".env.example", () => {
  it("lists every variable that env.ts reads", () => {
    const file = path.join(findRepoRoot(import.meta.dirname), ".env.example");
    const listed = new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .map((line) => /^\s*#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
        .filter((name) => name !== undefined),
    );
    expect(ENV_VARIABLE_NAMES.filter((name) => !listed.has(name))).toEqual([]);
  });
});
