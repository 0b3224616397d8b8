import { compareSamples } from "@pedigree/domain";
import { z } from "zod";
import { AppError } from "../../../../../server/errors.ts";
import { defineRoute } from "../../../../../server/route/define-route.ts";

// Raw samples are scored in memory: the cap keeps one request's work bounded.
const MAX_VALUES = 1_000_000;
const sample = <T extends z.ZodType>(item: T) => z.array(item.nullable()).min(1).max(MAX_VALUES);
const counts = z.array(z.number().int().nonnegative()).min(1).max(10_000);

const body = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("numeric"),
    reference: sample(z.number()),
    current: sample(z.number()),
  }),
  z.object({
    type: z.literal("categorical"),
    reference: sample(z.string()),
    current: sample(z.string()),
  }),
  z.object({
    type: z.literal("histogram"),
    edges: z.array(z.number()).max(10_000).optional(),
    categories: z.array(z.string()).max(10_000).optional(),
    referenceCounts: counts,
    currentCounts: counts,
  }),
]);

/**
 * PSI, KL both ways, JS distance and severity for ad-hoc input (pipelines, notebooks), computed
 * by the same domain functions as stored drift reports. Definitions: docs/DRIFT.md.
 */
export const POST = defineRoute({ route: "POST /api/v1/drift/compare", body }, async ({ body }) => {
  const result = compareSamples(body);
  if (!result.ok) {
    throw new AppError("INVALID_INPUT", `Bins do not line up: ${result.error.message}`, {
      reason: result.error.code,
    });
  }
  return result.value;
});
