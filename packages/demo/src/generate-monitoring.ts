import type { ModelSpec } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { addHours } from "./time.ts";

type Rows = Pick<DemoData, "monitorRules" | "retrainTriggers">;
type Report = DemoData["driftReports"][number];
type FeatureDriftJson = { feature: string; psi: number | null; missingShareDelta: number };

/**
 * A model's monitor rules and the triggers its production reports fired: the first breach is
 * sent to the orchestrator, later ones within the cooldown are suppressed.
 */
export function generateMonitoring(
  context: DemoContext,
  model: ModelSpec,
  modelId: string,
  productionReports: readonly Report[],
): Rows {
  const random = context.random.fork(`monitoring:${model.name}`);
  const rows: Rows = { monitorRules: [], retrainTriggers: [] };
  const rules: {
    name: string;
    kind: "FEATURE_DRIFT" | "MISSING_SHARE";
    subject: string | null;
    threshold: number;
  }[] = [
    { name: "Any feature past PSI 0.2", kind: "FEATURE_DRIFT", subject: null, threshold: 0.2 },
    ...(model.slug === "fraud"
      ? [
          {
            name: "ip_risk_score goes missing",
            kind: "MISSING_SHARE" as const,
            subject: "ip_risk_score",
            threshold: 0.05,
          },
        ]
      : []),
  ];
  for (const rule of rules) {
    const id = random.id();
    const cooldownMinutes = 7 * 24 * 60;
    rows.monitorRules.push({
      id,
      modelId,
      name: rule.name,
      kind: rule.kind,
      subject: rule.subject,
      threshold: rule.threshold,
      action: {
        type: "airflow",
        baseUrl: "http://airflow.internal:8080",
        dagId: `${model.slug}_retrain`,
      },
      secret: null,
      isEnabled: true,
      cooldownMinutes,
      createdAt: context.at(200),
    });
    let lastSent: number | null = null;
    for (const report of productionReports) {
      if (report.isTooFewRows) continue;
      const features = report.features as FeatureDriftJson[];
      const observed = features
        .filter((f) => rule.subject === null || f.feature === rule.subject)
        .map((f) => ({
          feature: f.feature,
          value: rule.kind === "FEATURE_DRIFT" ? (f.psi ?? 0) : f.missingShareDelta,
        }))
        .sort((a, b) => b.value - a.value)[0];
      if (!observed || observed.value <= rule.threshold) continue;
      const at = addHours(report.computedAt as Date, 0.05);
      const isCooling = lastSent !== null && at.getTime() - lastSent < cooldownMinutes * 60_000;
      if (!isCooling) lastSent = at.getTime();
      rows.retrainTriggers.push({
        id: random.id(),
        ruleId: id,
        reportId: report.id as string,
        status: isCooling ? "SUPPRESSED" : "SENT",
        reason: {
          rule: rule.name,
          feature: observed.feature,
          observed: observed.value,
          threshold: rule.threshold,
        },
        attempts: isCooling ? 0 : 1,
        nextAttemptAt: at,
        lastError: null,
        externalRunId: isCooling ? null : `pedigree__${at.toISOString()}`,
        createdAt: at,
        sentAt: isCooling ? null : addHours(at, 0.01),
      });
    }
  }
  return rows;
}
