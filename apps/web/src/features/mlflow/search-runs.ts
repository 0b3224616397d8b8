import "server-only";
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { invalidParameter } from "./errors.ts";
import { readOrderBy } from "./experiments.ts";
import { readMaxResults, readPageToken, toPage } from "./page-token.ts";
import { runInclude, toRunJson } from "./runs.ts";
import { int64, list, viewType } from "./wire.ts";

const ORDERABLE = {
  run_id: "id",
  run_name: "name",
  user_id: "userName",
  status: "status",
  start_time: "startTime",
  created: "startTime",
  end_time: "endTime",
  artifact_uri: "artifactUri",
} as const;

const input = z.object({
  experiment_ids: list(z.string()).optional().default([]),
  filter: z.string().optional(),
  run_view_type: viewType.optional().default("ACTIVE_ONLY"),
  max_results: int64.optional(),
  order_by: list(z.string()).optional().default([]),
  page_token: z.string().optional(),
});

const search = endpoint({ role: "VIEWER", input }, async ({ db, input }) => {
  if (input.filter && input.filter.trim() !== "") {
    throw invalidParameter("Filtered run search is not available on this server yet");
  }
  const limit = readMaxResults(input.max_results, { fallback: 1000, max: 50_000 });
  const offset = readPageToken(input.page_token);
  const stage =
    input.run_view_type === "ALL"
      ? {}
      : ({
          lifecycleStage: input.run_view_type === "DELETED_ONLY" ? "DELETED" : "ACTIVE",
        } as const);
  const order = readOrderBy(input.order_by, ORDERABLE).map(({ field, direction }) => ({
    [field]: direction,
  }));
  const rows = await db.prisma.run.findMany({
    where: { experimentId: { in: input.experiment_ids }, ...stage },
    include: runInclude,
    orderBy: [...order, { startTime: "desc" }, { id: "asc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = toPage(rows, offset, limit);
  return {
    ...(page.items.length > 0 ? { runs: page.items.map(toRunJson) } : {}),
    ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
  };
});

/** runs/search: POST (the Python client) and GET. */
export const searchRunsEndpoint = { GET: search, POST: search };
