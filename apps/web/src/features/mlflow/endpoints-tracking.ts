import "server-only";
import { z } from "zod";
import { logBatch } from "./batch.ts";
import { endpoint, type RouteTable } from "./endpoint.ts";
import {
  createExperiment,
  deleteExperimentTag,
  getExperiment,
  getExperimentByName,
  renameExperiment,
  searchExperiments,
  setExperimentLifecycle,
  setExperimentTag,
  toExperimentJson,
} from "./experiments.ts";
import { logInputs } from "./inputs.ts";
import { getMetricHistory, getMetricHistoryBulkInterval, logMetrics } from "./metrics.ts";
import {
  createRun,
  deleteTag,
  getRun,
  loadActiveRun,
  logParams,
  setRunLifecycle,
  setTags,
  updateRun,
} from "./runs.ts";
import { searchRunsEndpoint } from "./search-runs.ts";
import { double, int64, list, protoEnum, viewType } from "./wire.ts";

const keyValue = z.object({ key: z.string(), value: z.string() });
const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;

/** `run_id`, or the deprecated `run_uuid` that older clients send instead. */
function withRunId<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ...shape, run_id: z.string().optional(), run_uuid: z.string().optional() })
    .transform((fields, context) => {
      const ids = fields as { run_id?: string; run_uuid?: string };
      const runId = ids.run_id || ids.run_uuid;
      if (!runId) {
        context.addIssue({
          code: "invalid_type",
          expected: "string",
          path: ["run_id"],
          input: undefined,
        });
        return z.NEVER;
      }
      return { ...fields, runId };
    });
}

const experimentId = z.object({ experiment_id: z.string().min(1) });
const metric = z.object({
  key: z.string(),
  value: double,
  timestamp: int64,
  step: int64.optional().default(0),
});
const searchExperimentsInput = z.object({
  max_results: int64.optional(),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: list(z.string()).optional().default([]),
  view_type: viewType.optional().default("ACTIVE_ONLY"),
});
const datasetInput = z.object({
  tags: list(keyValue).optional().default([]),
  dataset: z.object({
    name: z.string().min(1),
    digest: z.string().min(1),
    source_type: z.string().min(1),
    source: z.string(),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});

const search = endpoint({ role: "VIEWER", input: searchExperimentsInput }, async ({ db, input }) =>
  searchExperiments(db, {
    viewType: input.view_type,
    filter: input.filter,
    orderBy: input.order_by,
    maxResults: input.max_results,
    pageToken: input.page_token,
  }),
);

const setTag = endpoint(
  { role: "ENGINEER", input: experimentId.extend(keyValue.shape) },
  async ({ db, input }) => {
    await setExperimentTag(db, input.experiment_id, { key: input.key, value: input.value });
    return {};
  },
);

/** Experiments, runs and metrics (mlflow-rest.md §3, §4). */
export const trackingRoutes: RouteTable = {
  "experiments/create": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: z.object({
          name: z.string(),
          artifact_location: z.string().optional(),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, input }) => ({
        experiment_id: await createExperiment(db, {
          name: input.name,
          artifactLocation: input.artifact_location,
          tags: input.tags,
        }),
      }),
    ),
  },
  "experiments/get": {
    GET: endpoint({ role: "VIEWER", input: experimentId }, async ({ db, input }) => ({
      experiment: toExperimentJson(await getExperiment(db, input.experiment_id)),
    })),
  },
  "experiments/get-by-name": {
    GET: endpoint(
      { role: "VIEWER", input: z.object({ experiment_name: z.string().min(1) }) },
      async ({ db, input }) => ({
        experiment: toExperimentJson(await getExperimentByName(db, input.experiment_name)),
      }),
    ),
  },
  "experiments/search": { GET: search, POST: search },
  /** Removed in MLflow 2.0; the npm `mlflow` package still calls it. */
  "experiments/list": {
    GET: endpoint(
      { role: "VIEWER", input: searchExperimentsInput.pick({ view_type: true }) },
      async ({ db, input }) =>
        searchExperiments(db, { viewType: input.view_type, orderBy: [], maxResults: 50_000 }),
    ),
  },
  "experiments/update": {
    POST: endpoint(
      { role: "ENGINEER", input: experimentId.extend({ new_name: z.string() }) },
      async ({ db, input }) => {
        await renameExperiment(db, input.experiment_id, input.new_name);
        return {};
      },
    ),
  },
  "experiments/delete": {
    POST: endpoint({ role: "ENGINEER", input: experimentId }, async ({ db, input }) => {
      await setExperimentLifecycle(db, input.experiment_id, "DELETED");
      return {};
    }),
  },
  "experiments/restore": {
    POST: endpoint({ role: "ENGINEER", input: experimentId }, async ({ db, input }) => {
      await setExperimentLifecycle(db, input.experiment_id, "ACTIVE");
      return {};
    }),
  },
  "experiments/set-experiment-tag": { POST: setTag },
  /** The npm `mlflow` package builds this path without its slash. */
  "experimentsset-experiment-tag": { POST: setTag },
  "experiments/delete-experiment-tag": {
    POST: endpoint(
      { role: "ENGINEER", input: experimentId.extend({ key: z.string() }) },
      async ({ db, input }) => {
        await deleteExperimentTag(db, input.experiment_id, input.key);
        return {};
      },
    ),
  },
  "runs/create": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: z.object({
          experiment_id: z.string().optional(),
          user_id: z.string().optional(),
          run_name: z.string().optional(),
          start_time: int64.optional(),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, principal, input }) => ({
        run: await createRun(db, principal, {
          experimentId: input.experiment_id,
          userId: input.user_id,
          runName: input.run_name,
          startTime: input.start_time,
          tags: input.tags,
        }),
      }),
    ),
  },
  "runs/get": {
    GET: endpoint({ role: "VIEWER", input: withRunId({}) }, async ({ db, input }) => ({
      run: await getRun(db, input.runId),
    })),
  },
  "runs/update": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: withRunId({
          status: protoEnum(RUN_STATUSES).optional(),
          end_time: int64.optional(),
          run_name: z.string().optional(),
        }),
      },
      async ({ db, input }) => ({
        run_info: await updateRun(db, {
          runId: input.runId,
          status: input.status,
          endTime: input.end_time,
          runName: input.run_name,
        }),
      }),
    ),
  },
  "runs/delete": {
    POST: endpoint({ role: "ENGINEER", input: withRunId({}) }, async ({ db, input }) => {
      await setRunLifecycle(db, input.runId, "DELETED");
      return {};
    }),
  },
  "runs/restore": {
    POST: endpoint({ role: "ENGINEER", input: withRunId({}) }, async ({ db, input }) => {
      await setRunLifecycle(db, input.runId, "ACTIVE");
      return {};
    }),
  },
  "runs/log-metric": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: withRunId({ ...metric.shape, model_id: z.string().optional() }),
      },
      async ({ db, input }) => {
        await loadActiveRun(db, input.runId);
        await logMetrics(db.sql, input.runId, [input]);
        return {};
      },
    ),
  },
  "runs/log-parameter": {
    POST: endpoint(
      { role: "ENGINEER", input: withRunId(keyValue.shape) },
      async ({ db, input }) => {
        await loadActiveRun(db, input.runId);
        await logParams(db.sql, input.runId, [input]);
        return {};
      },
    ),
  },
  "runs/set-tag": {
    POST: endpoint(
      { role: "ENGINEER", input: withRunId(keyValue.shape) },
      async ({ db, input }) => {
        await loadActiveRun(db, input.runId);
        await setTags(db.sql, input.runId, [input]);
        return {};
      },
    ),
  },
  "runs/delete-tag": {
    POST: endpoint(
      { role: "ENGINEER", input: withRunId({ key: z.string() }) },
      async ({ db, input }) => {
        await deleteTag(db, input.runId, input.key);
        return {};
      },
    ),
  },
  "runs/log-batch": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: withRunId({
          metrics: list(metric).optional().default([]),
          params: list(keyValue).optional().default([]),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, input }) => {
        await logBatch(db, input.runId, input);
        return {};
      },
    ),
  },
  "runs/log-inputs": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: withRunId({
          datasets: list(datasetInput).optional().default([]),
          models: list(z.object({ model_id: z.string() }))
            .optional()
            .default([]),
        }),
      },
      async ({ db, input }) => {
        await loadActiveRun(db, input.runId);
        await logInputs(db, input.runId, input.datasets);
        return {};
      },
    ),
  },
  "runs/search": searchRunsEndpoint,
  "metrics/get-history": {
    GET: endpoint(
      {
        role: "VIEWER",
        input: withRunId({
          metric_key: z.string().min(1),
          max_results: int64.optional(),
          page_token: z.string().optional(),
        }),
      },
      async ({ db, input }) =>
        getMetricHistory(db, {
          runId: input.runId,
          key: input.metric_key,
          maxResults: input.max_results,
          pageToken: input.page_token,
        }),
    ),
  },
  "metrics/get-history-bulk-interval": {
    GET: endpoint(
      {
        role: "VIEWER",
        input: z.object({
          run_ids: list(z.string()),
          metric_key: z.string().min(1),
          start_step: int64.optional(),
          end_step: int64.optional(),
          max_results: int64.optional(),
        }),
      },
      async ({ db, input }) =>
        getMetricHistoryBulkInterval(db, {
          runIds: input.run_ids,
          key: input.metric_key,
          startStep: input.start_step,
          endStep: input.end_step,
          maxResults: input.max_results,
        }),
    ),
  },
};
