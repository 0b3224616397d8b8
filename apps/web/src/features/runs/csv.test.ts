import { describe, expect, it } from "vitest";
import { formatColumn, formatSortIdentifier, parseColumnList } from "./columns.ts";
import { formatCsvField, formatRunCsvRow } from "./csv.ts";

describe("formatCsvField", () => {
  it("quotes separators, quotes and line breaks, and defuses formulas", () => {
    expect(formatCsvField("plain")).toBe("plain");
    expect(formatCsvField('a,"b"')).toBe('"a,""b"""');
    expect(formatCsvField("x\ny")).toBe('"x\ny"');
    expect(formatCsvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(formatCsvField(-1.5)).toBe("-1.5");
    expect(formatCsvField(Number.NaN)).toBe("NaN");
    expect(formatCsvField(null)).toBe("");
  });
});

describe("formatRunCsvRow", () => {
  it("writes the attributes then the chosen columns, blank where a run lacks one", () => {
    const run = {
      id: "r1",
      experimentId: "e",
      name: "run, one",
      status: "FINISHED" as const,
      startTime: new Date("2026-01-02T03:04:05.000Z"),
      endTime: null,
      userName: "ann",
      artifactUri: "",
      lifecycleStage: "ACTIVE" as const,
      params: [{ key: "lr", value: "0.1" }],
      tags: [],
      metrics: [{ key: "acc", value: 0.9, step: 1, timestamp: 1 }],
      inputs: [],
    };
    const columns = parseColumnList("metrics.acc,params.lr,tags.team,nonsense");
    expect(columns.map(formatColumn)).toEqual(["metrics.acc", "params.lr", "tags.team"]);
    expect(formatRunCsvRow(run, columns)).toBe(
      'r1,"run, one",FINISHED,2026-01-02T03:04:05.000Z,,ann,0.9,0.1,\r\n',
    );
  });
});

describe("formatSortIdentifier", () => {
  it("backticks keys the grammar cannot read bare", () => {
    expect(formatSortIdentifier({ entity: "metric", key: "acc" })).toBe("metrics.acc");
    expect(formatSortIdentifier({ entity: "metric", key: "f1 score" })).toBe("metrics.`f1 score`");
    expect(formatSortIdentifier({ entity: "tag", key: "mlflow.user" })).toBe("tags.`mlflow.user`");
  });
});
