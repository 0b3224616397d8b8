import { describe, expect, it } from "vitest";
import { formatImpactCsv, type ImpactReport } from "./impact.ts";

describe("formatImpactCsv", () => {
  it("writes a header and one row per dataset version, model version and deployment", () => {
    const report: ImpactReport = {
      start: { partition: "s3://raw/dt=2026-10-01/" },
      isTruncated: false,
      datasetVersions: [{ id: "abc", name: 'train, "v2"', createdAt: "2026-10-02T00:00:00.000Z" }],
      modelVersions: [
        {
          name: "churn",
          version: 3,
          stage: "PRODUCTION",
          isProduction: true,
          datasetVersionIds: ["abc"],
        },
      ],
      deployments: [
        {
          service: "=cmd()",
          environment: "prod",
          model: "churn",
          version: 3,
          isProduction: true,
          isActive: true,
          startedAt: "2026-10-03T00:00:00.000Z",
          endedAt: null,
        },
      ],
    };
    expect(formatImpactCsv(report).split("\r\n")).toEqual([
      "kind,name,version,stage,production,service,environment,active,started_at,ended_at",
      'dataset_version,"train, ""v2""",abc,,,,,,2026-10-02T00:00:00.000Z,',
      "model_version,churn,3,PRODUCTION,true,,,,,",
      "deployment,churn,3,,true,'=cmd(),prod,true,2026-10-03T00:00:00.000Z,",
      "",
    ]);
  });
});
