import { z } from "zod";

/** GET /api/v1/impact: exactly one start, and the answer's format. */
export const impactQuery = z
  .object({
    partition: z.string().trim().min(1).max(2000).optional(),
    datasetVersion: z.string().trim().min(1).max(200).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .refine((q) => (q.partition === undefined) !== (q.datasetVersion === undefined), {
    message: "give exactly one of partition=<uri> or datasetVersion=<id>",
  });

export type ImpactQuery = z.output<typeof impactQuery>;

export function toImpactStart(query: { partition?: string; datasetVersion?: string }) {
  return query.partition !== undefined
    ? { partition: query.partition }
    : { datasetVersion: query.datasetVersion ?? "" };
}
