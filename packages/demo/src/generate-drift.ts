import {
  binSample,
  buildCategoricalProfile,
  buildDriftReport,
  buildNumericProfile,
  type FeatureProfile,
} from "@pedigree/domain";
import { findDriftLevel, type ModelSpec } from "./catalog.ts";
import type { DemoContext } from "./demo-context.ts";
import type { DemoData } from "./demo-data.ts";
import { type FeatureValue, sampleColumns } from "./features.ts";
import type { Era } from "./generate-datasets.ts";
import type { Random } from "./random.ts";
import { addHours } from "./time.ts";

type Deployment = DemoData["deployments"][number] & { id: string };
type Rows = Pick<DemoData, "featureProfiles" | "driftReports">;

/** Rows drawn for a training baseline: enough that its deciles are stable. */
const BASELINE_ROWS = 20_000;

const toProfileRow = (profile: FeatureProfile) => ({
  type: profile.type,
  edges: profile.edges,
  categories: profile.categories,
  counts: profile.counts,
  missingCount: profile.missingCount,
  totalCount: profile.totalCount,
  stats: { ...profile.stats },
});

/** Draws rows spread evenly over `days`, each day as drifted as serving data was that day. */
function sampleDays(model: ModelSpec, random: Random, days: readonly number[], rows: number) {
  const columns = new Map<string, FeatureValue[]>(model.features.map((f) => [f.name, []]));
  for (const day of days) {
    const sample = sampleColumns(
      model.features,
      random.fork(`day:${day}`),
      Math.round(rows / days.length),
      findDriftLevel(model, day),
    );
    for (const [name, values] of sample) (columns.get(name) as FeatureValue[]).push(...values);
  }
  return columns;
}

/**
 * A model's drift data: a baseline profile per feature of each training dataset version that is
 * deployed, a daily window profile per feature of each deployment, and a DriftReport per window,
 * all computed with the domain's drift functions from seeded samples (only profiles are kept).
 */
export function generateDrift(
  context: DemoContext,
  model: ModelSpec,
  deployed: readonly { deployment: Deployment; era: Era; days: number }[],
): Rows {
  const random = context.random.fork(`drift:${model.name}`);
  const rows: Rows = { featureProfiles: [], driftReports: [] };
  const baselines = new Map<string, Map<string, FeatureProfile>>();
  for (const { era } of deployed) {
    if (baselines.has(era.training.id)) continue;
    const columns = sampleDays(
      model,
      random.fork(`baseline:${era.key}`),
      era.trainingDays,
      BASELINE_ROWS,
    );
    const profiles = new Map<string, FeatureProfile>();
    for (const feature of model.features) {
      const values = columns.get(feature.name) as FeatureValue[];
      const profile =
        feature.type === "NUMERIC"
          ? buildNumericProfile(values.map((v) => (typeof v === "number" ? v : null)))
          : buildCategoricalProfile(values.map((v) => (v === null ? null : String(v))));
      profiles.set(feature.name, profile);
      rows.featureProfiles.push({
        id: random.id(),
        kind: "BASELINE",
        feature: feature.name,
        datasetVersionId: era.training.id,
        deploymentId: null,
        windowStart: null,
        windowEnd: null,
        ...toProfileRow(profile),
        createdAt: addHours(era.builtAt, 0.5),
      });
    }
    baselines.set(era.training.id, profiles);
  }
  for (const { deployment, era, days } of deployed) {
    const baseline = baselines.get(era.training.id) as Map<string, FeatureProfile>;
    const stream = random.fork(`windows:${deployment.id}`);
    for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
      const windowStart = context.at(daysAgo);
      const windowEnd = context.at(daysAgo - 1);
      const isWeekend = windowStart.getUTCDay() % 6 === 0;
      const isProduction = deployment.environment === "production";
      const size = isProduction
        ? isWeekend
          ? stream.int(2000, 3000)
          : stream.int(3000, 5000)
        : stream.int(2000, 2600);
      const columns = sampleColumns(
        model.features,
        stream.fork(`day:${daysAgo}`),
        size,
        findDriftLevel(model, daysAgo),
      );
      const pairs = model.features.map((feature) => {
        const reference = baseline.get(feature.name) as FeatureProfile;
        const current = binSample(reference, columns.get(feature.name) as FeatureValue[]);
        rows.featureProfiles.push({
          id: stream.id(),
          kind: "WINDOW",
          feature: feature.name,
          datasetVersionId: null,
          deploymentId: deployment.id,
          windowStart,
          windowEnd,
          ...toProfileRow(current),
          createdAt: addHours(windowEnd, 0.5),
        });
        return { feature: feature.name, reference, current };
      });
      const report = buildDriftReport(pairs);
      if (!report.ok)
        throw new Error(`demo drift of ${report.error.feature}: ${report.error.message}`);
      rows.driftReports.push({
        id: stream.id(),
        deploymentId: deployment.id,
        baselineDatasetVersionId: era.training.id,
        windowStart,
        windowEnd,
        features: report.value.features.map((feature) => ({ ...feature })),
        driftedShare: report.value.driftedShare,
        severity: report.value.severity,
        isTooFewRows: report.value.isTooFewRows,
        computedAt: addHours(windowEnd, stream.between(0.6, 1)),
      });
    }
  }
  return rows;
}
