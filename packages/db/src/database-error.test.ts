import { expect, it } from "vitest";
import { classifyDatabaseError } from "./database-error.ts";

it("reads the SQLSTATE wherever the driver put it", () => {
  expect(classifyDatabaseError({ code: "P2002" })).toBe("unique_violation");
  expect(classifyDatabaseError({ cause: { kind: "postgres", code: "23505" } })).toBe(
    "unique_violation",
  );
  expect(classifyDatabaseError({ code: "23001" })).toBe("restrict_violation");
  expect(classifyDatabaseError({ code: "ECONNREFUSED" })).toBe("unavailable");
  expect(classifyDatabaseError({ code: "08006" })).toBe("unavailable");
  expect(classifyDatabaseError(new Error("boom"))).toBeNull();
  expect(classifyDatabaseError(null)).toBeNull();
});
