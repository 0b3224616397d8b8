import "server-only";
import type { Database, Prisma } from "@pedigree/db";
import {
  buildDriftReport,
  checkBaseline,
  type DriftReportContent,
  matchWindow,
  type NamedProfile,
  readProfileJson,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { evaluateMonitorRules } from "../monitoring/evaluate.ts";
import type { BaselineInput, DriftReportAnswer, ProfileInput, WindowInput } from "./types.ts";

type Tx = Prisma.TransactionClient;

function toNamedProfile(input: ProfileInput): NamedProfile {
  return { feature: input.feature, ...readProfileJson(input) };
}

interface ProfileRow {
  feature: string;
  type: "NUMERIC" | "CATEGORICAL";
  edges: number[];
  categories: string[];
  counts: number[];
  missingCount: number;
  totalCount: number;
  stats: Prisma.JsonValue;
}

const profileColumns = {
  feature: true,
  type: true,
  edges: true,
  categories: true,
  counts: true,
  missingCount: true,
  totalCount: true,
  stats: true,
} as const;

function fromRow(row: ProfileRow): NamedProfile {
  const stats =
    row.stats && typeof row.stats === "object" && !Array.isArray(row.stats) ? row.stats : {};
  return { ...row, stats: stats as NamedProfile["stats"] };
}

function toColumns(profile: NamedProfile) {
  return {
    feature: profile.feature,
    type: profile.type,
    edges: profile.edges,
    categories: profile.categories,
    counts: profile.counts,
    missingCount: profile.missingCount,
    totalCount: profile.totalCount,
    stats: profile.stats as Prisma.InputJsonObject,
  };
}

function refuse(error: { feature: string; message: string; code: string }): never {
  throw new AppError("INVALID_INPUT", error.message, {
    reason: error.code,
    feature: error.feature,
  });
}

/** Stores a training dataset version's baseline: one profile per feature, written once. */
export async function ingestBaseline(
  db: Database,
  input: BaselineInput,
): Promise<{ datasetVersionId: string; features: string[] }> {
  const profiles = input.features.map(toNamedProfile);
  const checked = checkBaseline(profiles);
  if (!checked.ok) refuse(checked.error);
  const version = await db.prisma.datasetVersion.findUnique({
    where: { id: input.datasetVersionId },
    select: { id: true },
  });
  if (!version) throw new AppError("NOT_FOUND", `No dataset version ${input.datasetVersionId}`);
  await db.prisma.$transaction(async (tx) => {
    const existing = await tx.featureProfile.count({
      where: { kind: "BASELINE", datasetVersionId: version.id },
    });
    if (existing > 0) {
      throw new AppError("CONFLICT", `Dataset version ${version.id} already has a baseline`);
    }
    await tx.featureProfile.createMany({
      data: profiles.map((profile) => ({
        ...toColumns(profile),
        kind: "BASELINE" as const,
        datasetVersionId: version.id,
      })),
    });
  });
  return { datasetVersionId: version.id, features: profiles.map((profile) => profile.feature) };
}

/**
 * The training baseline a deployment's windows are compared with: the baseline of its version's
 * training dataset version (the first, by id, when the run trained on several that have one).
 */
async function loadBaseline(
  tx: Tx,
  deploymentId: string,
): Promise<{ datasetVersionId: string; profiles: NamedProfile[] }> {
  const deployment = await tx.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      version: {
        select: {
          version: true,
          model: { select: { name: true } },
          run: {
            select: {
              inputs: { where: { context: "TRAINING" }, select: { datasetVersionId: true } },
            },
          },
        },
      },
    },
  });
  if (!deployment) throw new AppError("NOT_FOUND", `No deployment ${deploymentId}`);
  const ids = deployment.version.run?.inputs.map((input) => input.datasetVersionId) ?? [];
  const first = await tx.featureProfile.findFirst({
    where: { kind: "BASELINE", datasetVersionId: { in: ids } },
    orderBy: { datasetVersionId: "asc" },
    select: { datasetVersionId: true },
  });
  if (!first?.datasetVersionId) {
    const { model, version } = deployment.version;
    throw new AppError(
      "INVALID_INPUT",
      `Version ${version} of ${model.name} has no training dataset version with a baseline profile`,
      { reason: "NO_BASELINE" },
    );
  }
  const rows = await tx.featureProfile.findMany({
    where: { kind: "BASELINE", datasetVersionId: first.datasetVersionId },
    orderBy: { feature: "asc" },
    select: profileColumns,
  });
  return { datasetVersionId: first.datasetVersionId, profiles: rows.map(fromRow) };
}

function scoreWindow(baseline: NamedProfile[], window: NamedProfile[]): DriftReportContent {
  const pairs = matchWindow(baseline, window);
  if (!pairs.ok) refuse(pairs.error);
  const report = buildDriftReport(pairs.value);
  // matchWindow has already checked types and edges, which is all buildDriftReport refuses.
  if (!report.ok) refuse(report.error);
  return report.value;
}

const reportColumns = {
  id: true,
  deploymentId: true,
  baselineDatasetVersionId: true,
  windowStart: true,
  windowEnd: true,
  features: true,
  driftedShare: true,
  severity: true,
  isTooFewRows: true,
  computedAt: true,
  metrics: { select: { key: true, value: true }, orderBy: { key: "asc" } },
} as const;

type ReportRow = Prisma.DriftReportGetPayload<{ select: typeof reportColumns }>;

function toAnswer(row: ReportRow): DriftReportAnswer {
  return {
    id: row.id,
    deploymentId: row.deploymentId,
    baselineDatasetVersionId: row.baselineDatasetVersionId,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    features: row.features as unknown as DriftReportAnswer["features"],
    driftedShare: row.driftedShare,
    severity: row.severity,
    isTooFewRows: row.isTooFewRows,
    computedAt: row.computedAt.toISOString(),
    metrics: Object.fromEntries(row.metrics.map((metric) => [metric.key, metric.value])),
  };
}

const reportData = (content: DriftReportContent, computedAt: Date) => ({
  features: content.features as unknown as Prisma.InputJsonArray,
  driftedShare: content.driftedShare,
  severity: content.severity,
  isTooFewRows: content.isTooFewRows,
  computedAt,
});

/**
 * Stores a serving window's profiles, computes its drift report against the training baseline,
 * stores the report and the window's metrics, and evaluates the model's monitor rules: all in
 * one transaction, so a window is never stored without its report, nor a report without its
 * rules having seen it. A window that does not line up with the baseline is refused, naming the
 * feature.
 */
export async function ingestWindow(
  db: Database,
  input: WindowInput,
  now: Date,
): Promise<DriftReportAnswer> {
  const window = input.features.map(toNamedProfile);
  return db.prisma.$transaction(async (tx) => {
    const baseline = await loadBaseline(tx, input.deploymentId);
    const content = scoreWindow(baseline.profiles, window);
    const duplicate = await tx.driftReport.findFirst({
      where: { deploymentId: input.deploymentId, windowStart: input.windowStart },
      select: { id: true },
    });
    if (duplicate) {
      throw new AppError(
        "CONFLICT",
        `Deployment ${input.deploymentId} already has a window starting ${input.windowStart.toISOString()}`,
      );
    }
    await tx.featureProfile.createMany({
      data: window.map((profile) => ({
        ...toColumns(profile),
        kind: "WINDOW" as const,
        deploymentId: input.deploymentId,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
      })),
    });
    const report = await tx.driftReport.create({
      data: {
        deploymentId: input.deploymentId,
        baselineDatasetVersionId: baseline.datasetVersionId,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        ...reportData(content, now),
        metrics: {
          create: Object.entries(input.metrics ?? {}).map(([key, value]) => ({ key, value })),
        },
      },
      select: { id: true },
    });
    await evaluateMonitorRules(tx, {
      deploymentId: input.deploymentId,
      reportId: report.id,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      now,
    });
    return toAnswer(
      await tx.driftReport.findUniqueOrThrow({ where: { id: report.id }, select: reportColumns }),
    );
  });
}

/**
 * Recomputes the stored reports of a deployment (or of its one window starting at
 * `windowStart`) from the stored profiles, in place: metrics and triggers stay attached.
 * Monitor rules are not evaluated again: a recompute is not a new window.
 */
export async function recomputeReports(
  db: Database,
  deploymentId: string,
  options: { windowStart?: Date | undefined },
  now: Date,
): Promise<DriftReportAnswer[]> {
  return db.prisma.$transaction(async (tx) => {
    const baseline = await loadBaseline(tx, deploymentId);
    const reports = await tx.driftReport.findMany({
      where: { deploymentId, ...(options.windowStart ? { windowStart: options.windowStart } : {}) },
      orderBy: { windowStart: "asc" },
      select: { id: true, windowStart: true },
    });
    if (options.windowStart && reports.length === 0) {
      throw new AppError(
        "NOT_FOUND",
        `Deployment ${deploymentId} has no window starting ${options.windowStart.toISOString()}`,
      );
    }
    const answers: DriftReportAnswer[] = [];
    for (const report of reports) {
      const rows = await tx.featureProfile.findMany({
        where: { kind: "WINDOW", deploymentId, windowStart: report.windowStart },
        orderBy: { feature: "asc" },
        select: profileColumns,
      });
      const content = scoreWindow(baseline.profiles, rows.map(fromRow));
      const updated = await tx.driftReport.update({
        where: { id: report.id },
        data: { baselineDatasetVersionId: baseline.datasetVersionId, ...reportData(content, now) },
        select: reportColumns,
      });
      answers.push(toAnswer(updated));
    }
    return answers;
  });
}
