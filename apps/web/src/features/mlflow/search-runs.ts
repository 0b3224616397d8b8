import "server-only";
import type { Database, InputContext } from "@pedigree/db";
import { z } from "zod";
import { searchRuns } from "../runs/search.ts";
import type { RunRecord } from "../runs/types.ts";
import { endpoint } from "./endpoint.ts";
import { datasetVersionSelect, toDatasetInputJson } from "./inputs.ts";
import { toRunInfoJson } from "./runs.ts";
import { formatDouble, int64, list, viewType } from "./wire.ts";

const input = z.object({
  experiment_ids: list(z.string()).optional().default([]),
  filter: z.string().optional(),
  run_view_type: viewType.optional().default("ACTIVE_ONLY"),
  max_results: int64.optional(),
  order_by: list(z.string()).optional().default([]),
  page_token: z.string().optional(),
});

/** The dataset versions a page of runs used, in one query, for MLflow's dataset_inputs. */
async function loadDatasetVersions(db: Database, runs: readonly RunRecord[]) {
  const ids = [...new Set(runs.flatMap((run) => run.inputs.map((i) => i.datasetVersionId)))];
  if (ids.length === 0) return new Map();
  const rows = await db.prisma.datasetVersion.findMany({
    where: { id: { in: ids } },
    select: datasetVersionSelect,
  });
  return new Map(rows.map((row) => [row.id, row]));
}

const CONTEXTS: Record<string, InputContext> = {
  training: "TRAINING",
  validation: "VALIDATION",
  evaluation: "EVALUATION",
};

/**
 * runs/search over the run browser's searchRuns (features/runs: MLflow's filter grammar and
 * order_by, parsed by packages/domain/src/tracking), answered in MLflow's Run shape.
 */
const search = endpoint({ role: "VIEWER", input }, async ({ db, input }) => {
  const page = await searchRuns(db, {
    experimentIds: input.experiment_ids,
    filter: input.filter,
    orderBy: input.order_by,
    maxResults: input.max_results,
    pageToken: input.page_token || undefined,
    viewType: input.run_view_type,
  });
  const versions = await loadDatasetVersions(db, page.runs);
  const runs = page.runs.map((run) => {
    const inputs = run.inputs.flatMap((ref) => {
      const datasetVersion = versions.get(ref.datasetVersionId);
      const context = CONTEXTS[ref.context] ?? "EVALUATION";
      return datasetVersion ? [toDatasetInputJson({ context, datasetVersion })] : [];
    });
    const metrics = run.metrics.map((m) => ({ ...m, value: formatDouble(m.value) }));
    return {
      info: toRunInfoJson({ ...run, name: run.name }),
      data: {
        ...(metrics.length > 0 ? { metrics } : {}),
        ...(run.params.length > 0 ? { params: run.params } : {}),
        ...(run.tags.length > 0 ? { tags: run.tags } : {}),
      },
      inputs: inputs.length > 0 ? { dataset_inputs: inputs } : {},
      outputs: {},
    };
  });
  return {
    ...(runs.length > 0 ? { runs } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
});

/** runs/search: POST (the Python client) and GET. */
export const searchRunsEndpoint = { GET: search, POST: search };
