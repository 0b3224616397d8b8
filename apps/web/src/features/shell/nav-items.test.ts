import { describe, expect, it } from "vitest";
import { isNavItemActive } from "./nav-items.ts";

describe("isNavItemActive", () => {
  const models = { href: "/", label: "Models", alsoActiveUnder: ["/models/"] };
  const runs = { href: "/runs", label: "Runs" };

  it("marks the home item only on the home page and its own prefixes", () => {
    expect(isNavItemActive(models, "/")).toBe(true);
    expect(isNavItemActive(models, "/models/churn")).toBe(true);
    expect(isNavItemActive(models, "/runs")).toBe(false);
    expect(isNavItemActive(runs, "/runs/42")).toBe(true);
    expect(isNavItemActive(runs, "/")).toBe(false);
  });
});
