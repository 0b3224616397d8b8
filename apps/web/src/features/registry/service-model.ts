import "server-only";
import type { Database } from "@pedigree/db";
import { computeImprovement, type PromotionPolicy, resolvePolicy } from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { listModelDeployments } from "../deployments/service.ts";
import { evaluateGatesByVersion } from "./facts.ts";
import { requestInclude, toRequestView } from "./request-view.ts";
import type { ModelDetailView, ModelVersionView } from "./types.ts";

const finite = (value: number | null | undefined): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

type VersionRow = NonNullable<Awaited<ReturnType<typeof loadModel>>>["versions"][number];

function loadModel(db: Database, name: string) {
  return db.prisma.registeredModel.findUnique({
    where: { name },
    include: {
      versions: {
        orderBy: { version: "desc" },
        include: {
          aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
          run: {
            select: {
              id: true,
              name: true,
              latestMetrics: { select: { key: true, value: true } },
            },
          },
        },
      },
    },
  });
}

function readMetrics(version: VersionRow): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const metric of version.run?.latestMetrics ?? []) metrics[metric.key] = finite(metric.value);
  return metrics;
}

function readPrimaryMetric(
  policy: PromotionPolicy,
  metrics: Record<string, number | null>,
  productionMetrics: Record<string, number | null> | null,
  isProduction: boolean,
): ModelVersionView["primaryMetric"] {
  const metric = policy.primaryMetric;
  if (!metric) return null;
  const value = metrics[metric.key] ?? null;
  const base = productionMetrics?.[metric.key] ?? null;
  const change =
    value === null || base === null || isProduction
      ? null
      : finite(computeImprovement(value, base, metric.direction));
  return { key: metric.key, value, changeVsProduction: change };
}

/** A model with its versions (metrics, gate summary), open requests and deployments. */
export async function getModelDetailView(db: Database, name: string): Promise<ModelDetailView> {
  const model = await loadModel(db, name);
  if (!model) throw new AppError("NOT_FOUND", `No registered model named ${name}`);
  const policy = resolvePolicy(model.policy);
  const production = model.versions.find((version) => version.stage === "PRODUCTION") ?? null;
  const productionMetrics = production ? readMetrics(production) : null;
  // Every version's gates in one batch: a fixed number of queries however many versions.
  const [gateSummaries, openRequests, deployments] = await Promise.all([
    evaluateGatesByVersion(db.prisma, {
      versionIds: model.versions.flatMap((v) => (v.id === production?.id ? [] : [v.id])),
      target: "PRODUCTION",
      policy,
      productionId: production?.id ?? null,
      kind: "PROMOTION",
    }),
    db.prisma.promotionRequest.findMany({
      where: { status: "PENDING", version: { modelId: model.id } },
      orderBy: { createdAt: "desc" },
      include: requestInclude,
    }),
    listModelDeployments(db, model.name),
  ]);
  const versions = model.versions.map((version): ModelVersionView => {
    const isProduction = version.id === production?.id;
    const metrics = readMetrics(version);
    return {
      version: version.version,
      stage: version.stage,
      aliases: version.aliases.map((alias) => alias.alias),
      runId: version.run?.id ?? null,
      runName: version.run?.name ?? null,
      createdAt: version.createdAt.toISOString(),
      stageChangedAt: version.stageChangedAt.toISOString(),
      metrics,
      primaryMetric: readPrimaryMetric(policy, metrics, productionMetrics, isProduction),
      gateSummary: isProduction ? [] : (gateSummaries.get(version.id) ?? []),
    };
  });
  return {
    name: model.name,
    description: model.description,
    policy,
    versions,
    openRequests: openRequests.map(toRequestView),
    deployments,
  };
}
