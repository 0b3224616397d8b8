import "server-only";
import { z } from "zod";
import { byRest, endpoint, type RouteTable } from "./endpoint.ts";
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  LOGGED_MODEL_STATUSES,
  loadLoggedModel,
  logRunOutputs,
  mergeLoggedModelMap,
  searchLoggedModels,
  toLoggedModelJson,
} from "./logged-models.ts";
import { int64, list, protoEnum } from "./wire.ts";

const keyValue = z.object({ key: z.string(), value: z.string() });
const anyInput = z.object({}).passthrough();
const ID = "(m-[0-9a-f]+)";

/** The model id, and the tag key, from the path below `logged-models/`. */
const idOf = (rest: string) => rest.split("/")[0] ?? "";
// The router has decoded each segment once: decoding again would misread a key with a literal %
// (`100%` threw URIError, a 500) and turn `%2F` into a separator.
const tagKeyOf = (rest: string) => rest.split("/").slice(2).join("/");

/** MLflow 3's LoggedModel routes (`log_model`), and runs/outputs (mlflow-rest.md §9). */
export const loggedModelRoutes: RouteTable = {
  "logged-models": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: z.object({
          experiment_id: z.string().min(1),
          name: z.string().optional(),
          model_type: z.string().optional(),
          source_run_id: z.string().optional(),
          params: list(keyValue).optional().default([]),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, principal, input }) => ({
        model: await createLoggedModel(db, principal, {
          experimentId: input.experiment_id,
          name: input.name,
          modelType: input.model_type,
          sourceRunId: input.source_run_id,
          params: input.params,
          tags: input.tags,
        }),
      }),
    ),
  },
  "logged-models/search": {
    POST: endpoint(
      {
        role: "VIEWER",
        input: z.object({
          experiment_ids: list(z.string()).optional().default([]),
          filter: z.string().optional(),
          max_results: int64.optional(),
          page_token: z.string().optional(),
          order_by: list(
            z.object({ field_name: z.string(), ascending: z.boolean().optional() }).passthrough(),
          )
            .optional()
            .default([]),
        }),
      },
      async ({ db, input }) =>
        searchLoggedModels(db, {
          experimentIds: input.experiment_ids,
          filter: input.filter,
          maxResults: input.max_results,
          pageToken: input.page_token,
          orderBy: input.order_by,
        }),
    ),
  },
  "logged-models/*": {
    GET: byRest([
      [
        new RegExp(`^${ID}$`),
        endpoint({ role: "VIEWER", input: anyInput }, async ({ db, rest }) => ({
          model: toLoggedModelJson(await loadLoggedModel(db, idOf(rest))),
        })),
      ],
    ]),
    PATCH: byRest([
      [
        new RegExp(`^${ID}$`),
        endpoint(
          {
            role: "ENGINEER",
            input: z.object({ status: protoEnum(LOGGED_MODEL_STATUSES) }).passthrough(),
          },
          async ({ db, input, rest }) => ({
            model: await finalizeLoggedModel(db, idOf(rest), input.status),
          }),
        ),
      ],
      [
        new RegExp(`^${ID}/tags$`),
        endpoint(
          { role: "ENGINEER", input: z.object({ tags: list(keyValue).optional().default([]) }) },
          async ({ db, input, rest }) => ({
            model: await mergeLoggedModelMap(db, idOf(rest), "tags", input.tags),
          }),
        ),
      ],
    ]),
    POST: byRest([
      [
        new RegExp(`^${ID}/params$`),
        endpoint(
          { role: "ENGINEER", input: z.object({ params: list(keyValue).optional().default([]) }) },
          async ({ db, input, rest }) => {
            await mergeLoggedModelMap(db, idOf(rest), "params", input.params);
            return {};
          },
        ),
      ],
    ]),
    DELETE: byRest([
      [
        new RegExp(`^${ID}$`),
        endpoint({ role: "ENGINEER", input: anyInput }, async ({ db, rest }) => {
          await deleteLoggedModel(db, idOf(rest));
          return {};
        }),
      ],
      [
        new RegExp(`^${ID}/tags/.+$`),
        endpoint({ role: "ENGINEER", input: anyInput }, async ({ db, rest }) => {
          await deleteLoggedModelTag(db, idOf(rest), tagKeyOf(rest));
          return {};
        }),
      ],
    ]),
  },
  "runs/outputs": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: z.object({
          run_id: z.string().min(1),
          models: list(z.object({ model_id: z.string(), step: int64.optional() })),
        }),
      },
      async ({ db, input }) => {
        await logRunOutputs(
          db,
          input.run_id,
          input.models.map((model) => model.model_id),
        );
        return {};
      },
    ),
  },
};
