import { expect, it } from "vitest";
import { validateAliasName } from "./alias.ts";

it("accepts alias names and refuses reserved or malformed ones", () => {
  expect(validateAliasName("Champion")).toEqual({ ok: true, value: "champion" });
  expect(validateAliasName("shadow_2").ok).toBe(true);
  for (const bad of ["latest", "V3", "2fast", "", "a b", "x".repeat(65)]) {
    const result = validateAliasName(bad);
    expect(result.ok ? "ok" : result.error.code).toBe("INVALID_ALIAS");
  }
});
