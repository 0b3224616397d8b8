import { describe, expect, it } from "vitest";
import { parseSimpleFilter } from "./simple-filter.ts";

describe("parseSimpleFilter", () => {
  it("reads attributes and backticked tag keys joined by AND", () => {
    expect(
      parseSimpleFilter("name LIKE 'test-%' and tags.`mlflow.prompt.is_prompt` != 'true'", [
        "name",
      ]),
    ).toEqual([
      { entity: "attribute", key: "name", op: "LIKE", value: "test-%" },
      { entity: "tag", key: "mlflow.prompt.is_prompt", op: "!=", value: "true" },
    ]);
  });

  it("accepts double quotes and prefixes", () => {
    expect(parseSimpleFilter(`attributes.name = "a b" AND tag."team" ILIKE 'x'`, ["name"])).toEqual(
      [
        { entity: "attribute", key: "name", op: "=", value: "a b" },
        { entity: "tag", key: "team", op: "ILIKE", value: "x" },
      ],
    );
  });

  it("is empty for an empty filter", () => {
    expect(parseSimpleFilter("  ", ["name"])).toEqual([]);
  });

  it.each([
    "name = 'a' OR name = 'b'",
    "creation_time > 5",
    "tags.x IS NULL",
    "name = 'a' AND",
    "owner = 'x'",
  ])("refuses %s", (filter) => {
    expect(() => parseSimpleFilter(filter, ["name"])).toThrow(/Invalid/);
  });
});
