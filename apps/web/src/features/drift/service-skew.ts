import "server-only";
import type { Database } from "@pedigree/db";
import { parseFeatureDrifts } from "./parse.ts";
import type { DriftSeverity } from "./types.ts";

/** A live deployment's first serving window against its training baseline. */
export interface SkewView {
  deploymentId: string;
  service: string;
  environment: string;
  version: number;
  windowStart: string;
  severity: DriftSeverity;
  isTooFewRows: boolean;
  /** Features with significant drift in that first window, worst first. */
  skewed: { feature: string; psi: number }[];
}

/**
 * Training-serving skew: for each deployment of the model still serving, its first window's
 * report (computed when the window arrived; nothing is recomputed here). Drift that is already
 * there on day one is a difference between training and serving, not a change over time.
 */
export async function getSkewViews(db: Database, model: string): Promise<SkewView[]> {
  const deployments = await db.prisma.deployment.findMany({
    where: { endedAt: null, version: { model: { name: model } }, reports: { some: {} } },
    orderBy: [{ environment: "asc" }, { startedAt: "desc" }],
    select: {
      id: true,
      service: true,
      environment: true,
      version: { select: { version: true } },
      reports: {
        orderBy: [{ windowStart: "asc" }, { windowEnd: "asc" }],
        take: 1,
        select: { windowStart: true, severity: true, isTooFewRows: true, features: true },
      },
    },
  });
  return deployments.flatMap((deployment) => {
    const first = deployment.reports[0];
    if (!first) return [];
    return [
      {
        deploymentId: deployment.id,
        service: deployment.service,
        environment: deployment.environment,
        version: deployment.version.version,
        windowStart: first.windowStart.toISOString(),
        severity: first.severity,
        isTooFewRows: first.isTooFewRows,
        skewed: parseFeatureDrifts(first.features)
          .filter((row) => row.severity === "SIGNIFICANT")
          .map((row) => ({ feature: row.feature, psi: row.psi })),
      },
    ];
  });
}
