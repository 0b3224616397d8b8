// The profile ingest API's shapes (POST /api/v1/profiles/baselines and /windows).
import type { FeatureDrift } from "@pedigree/domain";
import { z } from "zod";

const MAX_FEATURES = 2000;
const MAX_BINS = 10_001;

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const count = z.number().int().nonnegative().max(2_147_483_647);

const quantiles = z.object({ p05: finite, p25: finite, p50: finite, p75: finite, p95: finite });

const stats = z
  .object({
    min: finite.optional(),
    max: finite.optional(),
    mean: finite.optional(),
    std: finite.optional(),
    quantiles: quantiles.optional(),
    distinctCount: count.optional(),
  })
  .default({});

const common = {
  feature: z.string().trim().min(1).max(200),
  counts: z.array(count).min(1).max(MAX_BINS),
  missingCount: count,
  totalCount: count,
  stats,
};

/** One feature's profile as pipelines send it (the CLI's `profile build` writes this shape). */
export const profileInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("numeric"),
    /** The k-1 inner edges of k bins; the outer bins are open-ended. */
    edges: z.array(finite).max(MAX_BINS - 1),
    ...common,
  }),
  z.object({
    type: z.literal("categorical"),
    categories: z.array(z.string().max(500)).min(1).max(MAX_BINS),
    ...common,
  }),
]);

export type ProfileInput = z.output<typeof profileInput>;

const features = z.array(profileInput).min(1).max(MAX_FEATURES);

export const baselineInput = z.object({
  datasetVersionId: z.string().trim().min(1),
  features,
});

export type BaselineInput = z.output<typeof baselineInput>;

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const windowInput = z
  .object({
    deploymentId: z.string().trim().min(1),
    windowStart: instant,
    windowEnd: instant,
    features,
    /** Labelled-outcome metrics of the window: accuracy, f1, auc ... */
    metrics: z.record(z.string().trim().min(1).max(200), finite).optional(),
  })
  .refine((input) => input.windowEnd > input.windowStart, {
    message: "windowEnd must be after windowStart",
    path: ["windowEnd"],
  });

export type WindowInput = z.output<typeof windowInput>;

/** What the window ingest answers (201) and the recompute routes list. */
export interface DriftReportAnswer {
  id: string;
  deploymentId: string;
  baselineDatasetVersionId: string;
  windowStart: string;
  windowEnd: string;
  /** DriftReport.features as stored; scores null where a side is empty. */
  features: FeatureDrift[];
  driftedShare: number;
  severity: "NONE" | "MODERATE" | "SIGNIFICANT";
  isTooFewRows: boolean;
  computedAt: string;
  metrics: Record<string, number>;
}
