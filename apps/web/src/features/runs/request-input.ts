import { z } from "zod";

/** Query of the runs list and its CSV export: the page's URL state, as the API reads it. */
export const runListQuery = z.object({
  filter: z.string().max(10_000).optional(),
  /** One order_by item in the filter grammar, e.g. `metrics.acc DESC`. */
  orderBy: z.string().max(1000).optional(),
  /** Comma-separated columns (`metrics.acc,params.lr`); the response keeps only these keys. */
  columns: z.string().max(10_000).optional(),
  page: z.string().max(1000).optional(),
  maxResults: z.coerce.number().int().min(1).max(1000).optional(),
});

export type RunListQuery = z.output<typeof runListQuery>;

const step = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const metricSeriesQuery = z
  .object({
    runIds: z
      .string()
      .min(1)
      .transform((text) => text.split(",").filter(Boolean)),
    key: z.string().min(1).max(250),
    fromStep: step.optional(),
    toStep: step.optional(),
    buckets: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .refine((query) => (query.fromStep === undefined) === (query.toStep === undefined), {
    message: "fromStep and toStep go together",
  });
