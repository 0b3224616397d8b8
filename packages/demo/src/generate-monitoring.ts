import { type Breach, buildBreach, evaluateRule, type MonitorRuleSpec } from "@pedigree/domain";
import type { ModelSpec } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { addHours } from "./time.ts";

type Rows = Pick<DemoData, "monitorRules" | "retrainTriggers">;
type Report = DemoData["driftReports"][number];
type FeatureDriftJson = { feature: string; psi: number | null; missingShareDelta: number };

/**
 * A model's monitor rules and the triggers its production reports fired: the first breach of a
 * rule opens its trigger, later breaches add evidence to it (one open trigger per rule).
 */
export function generateMonitoring(
  context: DemoContext,
  model: ModelSpec,
  modelId: string,
  productionReports: readonly Report[],
  productionVersionId: string,
): Rows {
  const random = context.random.fork(`monitoring:${model.name}`);
  const rows: Rows = { monitorRules: [], retrainTriggers: [] };
  const rules: (MonitorRuleSpec & { name: string })[] = [
    { name: "Any feature past PSI 0.2", kind: "FEATURE_DRIFT", subject: null, threshold: 0.2 },
    ...(model.slug === "fraud"
      ? [
          {
            name: "ip_risk_score goes missing",
            kind: "MISSING_SHARE" as const,
            subject: "ip_risk_score",
            threshold: 5,
          },
        ]
      : []),
  ];
  for (const rule of rules) {
    const id = random.id();
    const createdAt = context.at(200);
    rows.monitorRules.push({
      id,
      modelId,
      name: rule.name,
      kind: rule.kind,
      subject: rule.subject,
      threshold: rule.threshold,
      isEnabled: true,
      createdById: null,
      createdAt,
      updatedAt: createdAt,
    });
    const evidence: Breach[] = [];
    for (const report of productionReports) {
      const observations = evaluateRule(rule, {
        report: {
          features: report.features as FeatureDriftJson[],
          driftedShare: report.driftedShare,
          isTooFewRows: report.isTooFewRows ?? false,
        },
        metrics: {},
      });
      if (!observations.length) continue;
      const breach = {
        at: addHours(report.computedAt as Date, 0.05).toISOString(),
        ruleId: id,
        rule: rule.name,
        kind: rule.kind,
        threshold: rule.threshold,
        deploymentId: report.deploymentId,
        reportId: report.id as string,
        windowStart: new Date(report.windowStart).toISOString(),
        windowEnd: new Date(report.windowEnd).toISOString(),
      };
      evidence.push(buildBreach(breach, observations));
    }
    const [first, last] = [evidence[0], evidence.at(-1)];
    if (!first || !last) continue;
    const triggerId = random.id();
    rows.retrainTriggers.push({
      id: triggerId,
      ruleId: id,
      openRuleId: id,
      reportId: first.reportId,
      deploymentId: first.deploymentId,
      versionId: productionVersionId,
      action: "RETRAIN",
      status: "OPEN",
      evidence: JSON.parse(JSON.stringify(evidence)),
      breachCount: evidence.length,
      lastBreachAt: new Date(last.at),
      rollbackRequestId: null,
      externalRunId: null,
      resolvedAt: null,
      resolvedByVersionId: null,
      dismissedAt: null,
      dismissedById: null,
      dismissReason: null,
      createdAt: new Date(first.at),
    });
  }
  return rows;
}
