import "server-only";
import { z } from "zod";
import { deleteAlias, setAlias } from "../registry/service-aliases.ts";
import { endpoint, type RouteTable } from "./endpoint.ts";
import { notFound } from "./errors.ts";
import { findLoggedModelForSource } from "./logged-models.ts";
import {
  createModelVersion,
  deleteModelVersion,
  deleteVersionTag,
  searchModelVersions,
  setVersionTag,
  transitionStage,
  updateModelVersion,
} from "./model-versions.ts";
import {
  createRegisteredModel,
  deleteModelTag,
  deleteRegisteredModel,
  loadModel,
  loadVersion,
  pickLatestPerStage,
  readDownloadUri,
  readStage,
  searchRegisteredModels,
  setModelTag,
  toModelVersionJson,
  toRegisteredModelJson,
  updateRegisteredModel,
} from "./registry.ts";
import { bool, int64, list } from "./wire.ts";

const keyValue = z.object({ key: z.string(), value: z.string() });
const named = z.object({ name: z.string().min(1) });
const versionNumber = int64.pipe(z.number().int().positive());
const versioned = named.extend({ version: versionNumber });
const searchInput = z.object({
  filter: z.string().optional(),
  max_results: int64.optional(),
  order_by: list(z.string()).optional().default([]),
  page_token: z.string().optional(),
});

const latestVersions = endpoint(
  { role: "VIEWER", input: named.extend({ stages: list(z.string()).optional().default([]) }) },
  async ({ db, input }) => {
    const model = await loadModel(db, input.name);
    const versions = pickLatestPerStage(model.versions, input.stages.map(readStage));
    return versions.length > 0 ? { model_versions: versions.map(toModelVersionJson) } : {};
  },
);

const searchModels = endpoint({ role: "VIEWER", input: searchInput }, async ({ db, input }) =>
  searchRegisteredModels(db, {
    filter: input.filter,
    orderBy: input.order_by,
    maxResults: input.max_results,
    pageToken: input.page_token,
  }),
);

const searchVersions = endpoint({ role: "VIEWER", input: searchInput }, async ({ db, input }) =>
  searchModelVersions(db, {
    filter: input.filter,
    orderBy: input.order_by,
    maxResults: input.max_results,
    pageToken: input.page_token,
  }),
);

/** Registered models and model versions (mlflow-rest.md §6). */
export const registryRoutes: RouteTable = {
  "registered-models/create": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: named.extend({
          description: z.string().optional(),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, input }) => ({
        registered_model: await createRegisteredModel(db, input),
      }),
    ),
  },
  "registered-models/get": {
    GET: endpoint({ role: "VIEWER", input: named }, async ({ db, input }) => ({
      registered_model: toRegisteredModelJson(await loadModel(db, input.name)),
    })),
  },
  "registered-models/search": { GET: searchModels, POST: searchModels },
  "registered-models/update": {
    PATCH: endpoint(
      { role: "ENGINEER", input: named.extend({ description: z.string().optional() }) },
      async ({ db, input }) => ({
        registered_model: await updateRegisteredModel(db, input.name, {
          description: input.description,
        }),
      }),
    ),
  },
  "registered-models/rename": {
    POST: endpoint(
      { role: "ENGINEER", input: named.extend({ new_name: z.string().min(1) }) },
      async ({ db, input }) => ({
        registered_model: await updateRegisteredModel(db, input.name, { newName: input.new_name }),
      }),
    ),
  },
  "registered-models/delete": {
    DELETE: endpoint({ role: "ADMIN", input: named }, async ({ db, input }) => {
      await deleteRegisteredModel(db, input.name);
      return {};
    }),
  },
  "registered-models/set-tag": {
    POST: endpoint(
      { role: "ENGINEER", input: named.extend(keyValue.shape) },
      async ({ db, input }) => {
        await setModelTag(db, input.name, { key: input.key, value: input.value });
        return {};
      },
    ),
  },
  "registered-models/delete-tag": {
    DELETE: endpoint(
      { role: "ENGINEER", input: named.extend({ key: z.string() }) },
      async ({ db, input }) => {
        await deleteModelTag(db, input.name, input.key);
        return {};
      },
    ),
  },
  "registered-models/alias": {
    POST: endpoint(
      { role: "ENGINEER", input: versioned.extend({ alias: z.string() }) },
      async ({ db, principal, input }) => {
        await setAlias(db, principal, {
          model: input.name,
          alias: input.alias,
          version: input.version,
        });
        return {};
      },
    ),
    DELETE: endpoint(
      { role: "ENGINEER", input: named.extend({ alias: z.string() }) },
      async ({ db, principal, input }) => {
        await deleteAlias(db, principal, { model: input.name, alias: input.alias });
        return {};
      },
    ),
    GET: endpoint(
      { role: "VIEWER", input: named.extend({ alias: z.string() }) },
      async ({ db, input }) => {
        const model = await loadModel(db, input.name);
        const alias = input.alias.toLowerCase();
        if (alias === "latest") {
          const newest = [...model.versions].sort((a, b) => b.version - a.version)[0];
          if (!newest) throw notFound(`Registered model ${input.name} has no versions`);
          return { model_version: toModelVersionJson(newest) };
        }
        const found = model.aliases.find((a) => a.alias === alias);
        if (!found) throw notFound(`Registered model alias ${input.alias} not found.`);
        return {
          model_version: toModelVersionJson(
            await loadVersion(db, input.name, found.version.version),
          ),
        };
      },
    ),
  },
  "registered-models/get-latest-versions": { GET: latestVersions, POST: latestVersions },
  "model-versions/create": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: named.extend({
          source: z.string(),
          run_id: z.string().optional(),
          run_link: z.string().optional(),
          description: z.string().optional(),
          model_id: z.string().optional(),
          tags: list(keyValue).optional().default([]),
        }),
      },
      async ({ db, principal, input }) => ({
        model_version: await createModelVersion(db, principal, {
          name: input.name,
          source: input.source,
          runId: input.run_id,
          modelId: input.model_id,
          description: input.description,
          tags: input.tags,
        }),
      }),
    ),
  },
  "model-versions/get": {
    GET: endpoint({ role: "VIEWER", input: versioned }, async ({ db, input }) => ({
      model_version: toModelVersionJson(await loadVersion(db, input.name, input.version)),
    })),
  },
  "model-versions/update": {
    PATCH: endpoint(
      { role: "ENGINEER", input: versioned.extend({ description: z.string().optional() }) },
      async ({ db, input }) => ({
        model_version: await updateModelVersion(db, input.name, input.version, input.description),
      }),
    ),
  },
  "model-versions/delete": {
    DELETE: endpoint({ role: "ADMIN", input: versioned }, async ({ db, input }) => {
      await deleteModelVersion(db, input.name, input.version);
      return {};
    }),
  },
  "model-versions/search": { GET: searchVersions, POST: searchVersions },
  "model-versions/set-tag": {
    POST: endpoint(
      { role: "ENGINEER", input: versioned.extend(keyValue.shape) },
      async ({ db, input }) => {
        await setVersionTag(db, input.name, input.version, { key: input.key, value: input.value });
        return {};
      },
    ),
  },
  "model-versions/delete-tag": {
    DELETE: endpoint(
      { role: "ENGINEER", input: versioned.extend({ key: z.string() }) },
      async ({ db, input }) => {
        await deleteVersionTag(db, input.name, input.version, input.key);
        return {};
      },
    ),
  },
  "model-versions/transition-stage": {
    POST: endpoint(
      {
        role: "ENGINEER",
        input: versioned.extend({
          stage: z.string(),
          archive_existing_versions: bool.optional().default(false),
        }),
      },
      async ({ db, principal, input }) => ({
        model_version: await transitionStage(db, principal, {
          name: input.name,
          version: input.version,
          stage: readStage(input.stage),
          archiveExistingVersions: input.archive_existing_versions,
        }),
      }),
    ),
  },
  "model-versions/get-download-uri": {
    GET: endpoint({ role: "VIEWER", input: versioned }, async ({ db, input }) => {
      const version = await loadVersion(db, input.name, input.version);
      const logged = await findLoggedModelForSource(db, version.source, undefined);
      return { artifact_uri: logged?.artifactUri ?? readDownloadUri(version) };
    }),
  },
};
