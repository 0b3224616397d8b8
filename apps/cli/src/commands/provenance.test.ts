import { describe, expect, it } from "vitest";
import { formatProvenance } from "./provenance.ts";

describe("formatProvenance", () => {
  it("prints the run, commit, params and each dataset version's partition range", () => {
    const text = formatProvenance(
      {
        modelVersion: { name: "churn", version: 3, stage: "PRODUCTION" },
        run: { id: "r1", name: "nightly" },
        datasetVersions: [
          {
            id: "a".repeat(64),
            name: "churn-train",
            context: "training",
            rowCount: 1500,
            partitions: [
              { uri: "s3://raw/dt=2/", checksum: "c2", rowCount: 500, partitionKey: "dt=2" },
              { uri: "s3://raw/dt=1/", checksum: "c1", rowCount: 1000, partitionKey: "dt=1" },
            ],
          },
        ],
        commit: {
          sha: "b".repeat(40),
          repo: "github.com/acme/churn",
          message: "Add tenure\n\nbody",
        },
        params: { eta: "0.1" },
        missing: [],
      },
      true,
    );
    expect(text.split("\n")).toEqual([
      "churn v3 (production)",
      "  run       nightly (r1)",
      `  commit    github.com/acme/churn @ bbbbbbbbbbbb "Add tenure"`,
      "  params    eta=0.1",
      "  training  churn-train aaaaaaaaaaaa · 1,500 rows · 2 partitions dt=1 … dt=2",
      "              s3://raw/dt=2/  c2  500 rows",
      "              s3://raw/dt=1/  c1  1,000 rows",
    ]);
  });

  it("says what is missing", () => {
    const text = formatProvenance(
      {
        modelVersion: { name: "fraud", version: 6, stage: "NONE" },
        run: null,
        datasetVersions: [],
        commit: null,
        params: {},
        missing: ["run", "datasetVersion", "commit"],
      },
      false,
    );
    expect(text).toContain("  run       MISSING");
    expect(text).toContain("  data      MISSING: no dataset version");
    expect(text).toContain(
      "  MISSING   run, datasetVersion, commit: this version fails the lineage gate",
    );
  });
});
