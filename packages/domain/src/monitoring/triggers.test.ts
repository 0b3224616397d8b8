import { describe, expect, it } from "vitest";
import { type Breach, chooseAction, decideBreach, isResolvedBy } from "./triggers.ts";

const DAY = 86_400_000;
const now = new Date(Date.UTC(2026, 10, 26));

const breach = (day: number): Breach => ({
  at: now.toISOString(),
  ruleId: "r1",
  rule: "PSI",
  kind: "FEATURE_DRIFT",
  threshold: 0.2,
  deploymentId: "d1",
  reportId: `report-${day}`,
  windowStart: new Date(Date.UTC(2026, 10, day)).toISOString(),
  windowEnd: new Date(Date.UTC(2026, 10, day + 1)).toISOString(),
  observations: [{ subject: "amount", value: 0.3 }],
});

describe("decideBreach", () => {
  it("opens when the rule has no open trigger, appends otherwise, ignores a window seen", () => {
    expect(decideBreach(null, breach(3))).toBe("open");
    expect(decideBreach({ evidence: [breach(3)] }, breach(4))).toBe("append");
    expect(decideBreach({ evidence: [breach(3), breach(4)] }, breach(4))).toBe("ignore");
  });
});

describe("chooseAction", () => {
  const input = { rollbackWindowDays: 7, hasRollbackTarget: true, now };
  it("rolls back a version promoted within the window, retrains otherwise", () => {
    expect(chooseAction({ ...input, promotedAt: new Date(now.getTime() - 2 * DAY) })).toBe(
      "ROLLBACK",
    );
    expect(chooseAction({ ...input, promotedAt: new Date(now.getTime() - 7 * DAY) })).toBe(
      "RETRAIN",
    );
    expect(chooseAction({ ...input, promotedAt: null })).toBe("RETRAIN");
    const recent = new Date(now.getTime() - DAY);
    expect(chooseAction({ ...input, promotedAt: recent, hasRollbackTarget: false })).toBe(
      "RETRAIN",
    );
    expect(chooseAction({ ...input, promotedAt: recent, rollbackWindowDays: 0 })).toBe("RETRAIN");
  });
});

describe("isResolvedBy", () => {
  const trigger = { versionId: "v1", createdAt: now };
  it("is resolved by another version promoted since it opened", () => {
    expect(
      isResolvedBy(trigger, { versionId: "v2", promotedAt: new Date(now.getTime() + 1) }),
    ).toBe(true);
    expect(
      isResolvedBy(trigger, { versionId: "v1", promotedAt: new Date(now.getTime() + 1) }),
    ).toBe(false);
    expect(
      isResolvedBy(trigger, { versionId: "v2", promotedAt: new Date(now.getTime() - 1) }),
    ).toBe(false);
    expect(isResolvedBy(trigger, null)).toBe(false);
  });
});
