import "server-only";
import type { Database } from "@pedigree/db";
import { alignProfiles, computeShares, type FeatureProfile } from "@pedigree/domain";
import type { MetricSeriesView, OverlayView } from "./types.ts";

const profileColumns = {
  type: true,
  edges: true,
  categories: true,
  counts: true,
  missingCount: true,
  totalCount: true,
} as const;

const formatEdge = (edge: number) =>
  Number.isFinite(edge) ? Number(edge.toPrecision(4)).toString() : edge > 0 ? "+∞" : "−∞";

/** Left-closed, as the bins are: [e(k), e(k+1)). */
function labelNumericBins(edges: readonly number[]): string[] {
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
  return bounds
    .slice(0, -1)
    .map((low, i) => `[${formatEdge(low)}, ${formatEdge(bounds[i + 1] as number)})`);
}

const toProfile = (row: Omit<FeatureProfile, "stats">): FeatureProfile => ({ ...row, stats: {} });

/**
 * A feature's training histogram against one window's, both read from their stored profiles
 * and put on the same bins by the domain (never from raw rows); null when either is missing.
 */
export async function loadOverlay(
  db: Database,
  query: {
    baselineDatasetVersionId: string;
    deploymentId: string;
    windowStart: Date;
    feature: string;
  },
): Promise<OverlayView | null> {
  const [reference, current] = await Promise.all([
    db.prisma.featureProfile.findFirst({
      where: {
        kind: "BASELINE",
        datasetVersionId: query.baselineDatasetVersionId,
        feature: query.feature,
      },
      select: profileColumns,
    }),
    db.prisma.featureProfile.findFirst({
      where: {
        kind: "WINDOW",
        deploymentId: query.deploymentId,
        windowStart: query.windowStart,
        feature: query.feature,
      },
      select: profileColumns,
    }),
  ]);
  if (!reference || !current) return null;
  const aligned = alignProfiles(toProfile(reference), toProfile(current));
  if (!aligned.ok) return null;
  const labels =
    reference.type === "NUMERIC" ? labelNumericBins(reference.edges) : aligned.value.labels;
  const p = computeShares(aligned.value.reference);
  const q = computeShares(aligned.value.current);
  const n = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);
  return {
    feature: query.feature,
    windowStart: query.windowStart.toISOString(),
    bins: labels.map((label, i) => ({
      label,
      referenceCount: aligned.value.reference[i] as number,
      currentCount: aligned.value.current[i] as number,
      referenceShare: p[i] as number,
      currentShare: q[i] as number,
    })),
    reference: { n: n(aligned.value.reference), missing: reference.missingCount },
    current: { n: n(aligned.value.current), missing: current.missingCount },
  };
}

interface ReportMetrics {
  windowStart: Date;
  isTooFewRows: boolean;
  metrics: { key: string; value: number }[];
}

/**
 * The window metrics of a deployment over time (oldest first), each with the value its version's
 * training run logged for the same key: what the model promised against what it delivers.
 */
export async function loadPerformance(
  db: Database,
  deploymentId: string,
  reports: readonly ReportMetrics[],
): Promise<MetricSeriesView[]> {
  const keys = [
    ...new Set(reports.flatMap((report) => report.metrics.map((metric) => metric.key))),
  ].sort();
  if (keys.length === 0) return [];
  const deployment = await db.prisma.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      version: {
        select: {
          model: { select: { policy: true } },
          run: {
            select: {
              latestMetrics: { where: { key: { in: keys } }, select: { key: true, value: true } },
            },
          },
        },
      },
    },
  });
  const logged = new Map(
    deployment?.version.run?.latestMetrics.map((metric) => [metric.key, metric.value]) ?? [],
  );
  const policy = deployment?.version.model.policy as
    | { primaryMetric?: { key?: unknown } }
    | null
    | undefined;
  const primary = typeof policy?.primaryMetric?.key === "string" ? policy.primaryMetric.key : null;
  const ordered = [...reports].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
  return keys.map((key) => ({
    key,
    points: ordered.map((report) => ({
      windowStart: report.windowStart.toISOString(),
      value: report.metrics.find((metric) => metric.key === key)?.value ?? null,
      isTooFewRows: report.isTooFewRows,
    })),
    evaluation: logged.get(key) ?? null,
    isPrimary: key === primary,
  }));
}
