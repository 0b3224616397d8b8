import { expect, it } from "vitest";
import { hasRole } from "./roles.ts";

it("orders roles from viewer to admin", () => {
  expect(hasRole("ADMIN", "APPROVER")).toBe(true);
  expect(hasRole("APPROVER", "ENGINEER")).toBe(true);
  expect(hasRole("ENGINEER", "APPROVER")).toBe(false);
  expect(hasRole("VIEWER", "VIEWER")).toBe(true);
});
