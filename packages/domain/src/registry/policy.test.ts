import { expect, it } from "vitest";
import { DEFAULT_POLICY, resolvePolicy } from "./policy.ts";
import { canTransition } from "./stage.ts";

it("fills a stored policy with the defaults and ignores what it cannot read", () => {
  expect(resolvePolicy(null)).toEqual(DEFAULT_POLICY);
  const policy = resolvePolicy({
    primaryMetric: { key: "val_loss", direction: "minimize" },
    minImprovement: 0.02,
    requiredApprovals: { PRODUCTION: 3, STAGING: -1 },
  });
  expect(policy.primaryMetric).toEqual({ key: "val_loss", direction: "minimize" });
  expect(policy.minImprovement).toBe(0.02);
  expect(policy.requiredApprovals).toEqual({ STAGING: 0, PRODUCTION: 3, ROLLBACK: 1 });
});

it("allows the stage transitions of the table only", () => {
  expect(canTransition("STAGING", "PRODUCTION")).toBe(true);
  expect(canTransition("ARCHIVED", "PRODUCTION")).toBe(true);
  expect(canTransition("PRODUCTION", "STAGING")).toBe(false);
  expect(canTransition("PRODUCTION", "PRODUCTION")).toBe(false);
});
