import { describe, expect, it } from "vitest";
import { comparePath, formatRunsQuery, readSortDirection, toggleSort } from "./runs-url.ts";

describe("runs URL state", () => {
  it("leaves empty values out of the query", () => {
    expect(
      formatRunsQuery({ filter: "metrics.acc > 0.9", orderBy: "", columns: "metrics.acc" }),
    ).toBe("filter=metrics.acc+%3E+0.9&columns=metrics.acc");
  });

  it("sorts ascending first, then flips", () => {
    expect(toggleSort("", "metrics.acc")).toBe("metrics.acc ASC");
    expect(toggleSort("metrics.acc ASC", "metrics.acc")).toBe("metrics.acc DESC");
    expect(toggleSort("metrics.acc DESC", "metrics.acc")).toBe("metrics.acc ASC");
    expect(readSortDirection("metrics.acc DESC", "metrics.acc")).toBe("descending");
    expect(readSortDirection("metrics.acc DESC", "params.lr")).toBe("none");
  });

  it("builds a compare link", () => {
    expect(comparePath(["a", "b c"])).toBe("/runs/compare?ids=a,b%20c");
  });
});
