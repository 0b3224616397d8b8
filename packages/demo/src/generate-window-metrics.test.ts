import { expect, it } from "vitest";
import { MODELS } from "./catalog.ts";
import { generateDemo } from "./generate-demo.ts";

it("sends the primary metric with every production window, worse where more features drift", () => {
  const data = generateDemo({ seed: 7, now: new Date("2026-11-25T00:00:00Z") });
  const byReport = new Map(data.windowMetrics.map((metric) => [metric.reportId, metric]));
  for (const model of MODELS) {
    const version = data.modelVersions.find(
      (v) =>
        v.stage === "PRODUCTION" &&
        data.registeredModels.some((m) => m.id === v.modelId && m.name === model.name),
    );
    const deployment = data.deployments.find(
      (d) => d.versionId === version?.id && d.environment === "production",
    );
    const reports = data.driftReports.filter((r) => r.deploymentId === deployment?.id);
    expect(reports.length).toBeGreaterThan(0);
    const evaluation = data.latestMetrics.find(
      (m) => m.runId === version?.runId && m.key === model.primaryMetric.key,
    )?.value as number;
    const sign = model.primaryMetric.direction === "maximize" ? 1 : -1;
    for (const report of reports) {
      const metric = byReport.get(report.id as string);
      expect(metric?.key).toBe(model.primaryMetric.key);
      // At least 0.6% of the evaluation value worse (1% minus 0.4% of noise), more when drifted.
      const loss = sign * (evaluation - (metric?.value as number));
      expect(loss).toBeGreaterThan(
        Math.abs(evaluation) * (0.006 + 0.08 * report.driftedShare) - 1e-12,
      );
    }
  }
}, 60_000);
