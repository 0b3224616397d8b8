import type { ModelSpec } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";

type Report = DemoData["driftReports"][number];

/**
 * The labelled-outcome metric a pipeline sends with each production window: the model's primary
 * metric, a little worse than at evaluation, and worse again as more features drift.
 */
export function generateWindowMetrics(
  context: DemoContext,
  model: ModelSpec,
  productionReports: readonly Report[],
  evaluation: number | null,
): Pick<DemoData, "windowMetrics"> {
  if (evaluation === null) return { windowMetrics: [] };
  const random = context.random.fork(`window-metrics:${model.name}`);
  const worse = model.primaryMetric.direction === "maximize" ? -1 : 1;
  const scale = Math.max(Math.abs(evaluation), 0.01);
  return {
    windowMetrics: productionReports.map((report) => ({
      id: random.id(),
      reportId: report.id as string,
      key: model.primaryMetric.key,
      value:
        evaluation +
        worse * scale * (0.01 + 0.08 * report.driftedShare) +
        scale * random.between(-0.004, 0.004),
    })),
  };
}
