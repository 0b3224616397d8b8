import "server-only";
import { createHash } from "node:crypto";
import { classifyDatabaseError, type Database, type Prisma } from "@pedigree/db";
import {
  type DatasetRef,
  type Facets,
  type JsonValue,
  type LineageEventParsed,
  mergeRunEvents,
  parseLineageEvent,
  readDatasetVersionFacet,
  readModelVersionFacet,
  readSourceCodeCommit,
  serializeCanonicalJson,
  toDatasetLocation,
} from "@pedigree/domain";
import { AppError } from "../../server/errors.ts";
import { lockKey, upsertDataset, upsertEdge, upsertJob } from "./persistence.ts";
import type { IngestAnswer } from "./types.ts";

type Tx = Prisma.TransactionClient;

/** Unique violations from concurrent writers of one dataset or job: the event is tried again. */
const ATTEMPTS = 3;

/**
 * Ingests one OpenLineage event: stores it as received (once: the same event again changes
 * nothing), then merges it into the job, run, dataset and edge tables, linking inputs to dataset
 * versions by their `version` facet, outputs to model versions (docs/LINEAGE.md), and the run to
 * the commit its `sourceCodeLocation` names.
 */
export async function ingestLineageEvent(db: Database, raw: unknown): Promise<IngestAnswer> {
  const parsed = parseLineageEvent(raw);
  if (!parsed.ok) {
    throw new AppError("INVALID_INPUT", `${parsed.error.field} ${parsed.error.message}`, {
      field: parsed.error.field,
    });
  }
  const event = parsed.value;
  const contentHash = createHash("sha256")
    .update(serializeCanonicalJson(raw as JsonValue))
    .digest("hex");
  for (let attempt = 1; ; attempt += 1) {
    const earlier = await db.prisma.lineageEvent.findUnique({
      where: { contentHash },
      select: { id: true },
    });
    if (earlier) return answerDuplicate(earlier.id, event);
    try {
      return await db.prisma.$transaction((tx) => storeEvent(tx, event, raw, contentHash));
    } catch (error) {
      if (classifyDatabaseError(error) !== "unique_violation" || attempt >= ATTEMPTS) throw error;
    }
  }
}

function emptyLinks(): IngestAnswer["links"] {
  return { job: null, run: null, commit: null, datasetVersions: [], modelVersions: [] };
}

function answerDuplicate(eventId: string, event: LineageEventParsed): IngestAnswer {
  return {
    eventId,
    kind: event.kind,
    isDuplicate: true,
    warnings: [...event.warnings, "this event was already ingested; nothing changed"],
    links: emptyLinks(),
  };
}

async function storeEvent(
  tx: Tx,
  event: LineageEventParsed,
  raw: unknown,
  contentHash: string,
): Promise<IngestAnswer> {
  const warnings = [...event.warnings];
  const links = emptyLinks();
  const job = event.kind === "dataset" ? null : event.job;
  const stored = await tx.lineageEvent.create({
    data: {
      eventType: event.kind === "run" ? event.eventType : null,
      eventTime: event.eventTime,
      olRunId: event.kind === "run" ? event.runId : null,
      jobNamespace: job?.namespace ?? null,
      jobName: job?.name ?? null,
      producer: event.producer,
      schemaUrl: event.schemaUrl,
      payload: raw as Prisma.InputJsonValue,
      contentHash,
    },
    select: { id: true },
  });
  const answer = (): IngestAnswer => ({
    eventId: stored.id,
    kind: event.kind,
    isDuplicate: false,
    warnings,
    links,
  });

  if (event.kind === "dataset") {
    await upsertDataset(tx, event.dataset, event.eventTime);
    return answer();
  }

  const commit = await linkCommit(tx, event.job.facets, warnings);
  if (commit) links.commit = { repo: commit.repo, sha: commit.sha };
  const jobRow = await upsertJob(tx, event.job, event.eventTime, commit?.id ?? null);
  links.job = { namespace: event.job.namespace, name: event.job.name };

  let runId: string | null = null;
  if (event.kind === "run") {
    runId = event.runId;
    const state = await mergeRun(tx, runId, jobRow.id, commit?.id ?? null);
    links.run = { id: runId, state };
  }

  for (const [direction, datasets] of [
    ["INPUT", event.inputs],
    ["OUTPUT", event.outputs],
  ] as const) {
    for (const [index, dataset] of datasets.entries()) {
      const where = `${direction === "INPUT" ? "inputs" : "outputs"}[${index}]`;
      const datasetRow = await upsertDataset(tx, dataset, event.eventTime);
      const version = readDatasetVersionFacet(dataset.facets);
      const datasetVersionId = version ? await findDatasetVersion(tx, version) : null;
      if (version && datasetVersionId) {
        links.datasetVersions.push({
          dataset: `${dataset.namespace}/${dataset.name}`,
          id: version,
        });
      } else if (version && direction === "INPUT") {
        warnings.push(
          `${where}: version ${version} is not a registered dataset version; it is linked when one is registered with that id`,
        );
      }
      const model =
        direction === "OUTPUT" ? await findModelVersion(tx, dataset, where, warnings) : null;
      if (model) {
        links.modelVersions.push({
          dataset: `${dataset.namespace}/${dataset.name}`,
          name: model.name,
          version: model.version,
        });
      }
      await upsertEdge(
        tx,
        {
          jobId: jobRow.id,
          runId,
          datasetId: datasetRow.id,
          direction,
          version,
          datasetVersionId,
          modelVersionId: model?.id ?? null,
          facets: dataset.ioFacets,
        },
        event.eventTime,
      );
    }
  }
  return answer();
}

/** The run's row from all of its stored events, so arrival order and repeats do not matter. */
async function mergeRun(tx: Tx, runId: string, jobId: string, commitId: string | null) {
  await lockKey(tx, `openlineage-run:${runId}`);
  const rows = await tx.lineageEvent.findMany({
    where: { olRunId: runId },
    select: { payload: true },
  });
  const facts = rows.flatMap(({ payload }) => {
    const parsed = parseLineageEvent(payload);
    return parsed.ok && parsed.value.kind === "run" ? [parsed.value] : [];
  });
  const merged = mergeRunEvents(facts);
  const data = {
    state: merged.state,
    startedAt: merged.startedAt,
    endedAt: merged.endedAt,
    facets: merged.facets as Prisma.InputJsonObject,
    parentRunId: merged.parentRunId,
    lastEventAt: merged.lastEventAt,
  };
  await tx.openLineageRun.upsert({
    where: { id: runId },
    create: { id: runId, jobId, commitId, ...data },
    update: commitId ? { ...data, commitId } : data,
  });
  return merged.state;
}

async function linkCommit(tx: Tx, jobFacets: Facets, warnings: string[]) {
  const source = readSourceCodeCommit(jobFacets);
  if (!source) {
    if (jobFacets.sourceCodeLocation) {
      warnings.push("job.facets.sourceCodeLocation: no commit SHA in `version`; no commit linked");
    }
    return null;
  }
  const row = await tx.codeCommit.upsert({
    where: { repo_sha: source },
    create: source,
    update: {},
    select: { id: true },
  });
  return { id: row.id, ...source };
}

async function findDatasetVersion(tx: Tx, version: string): Promise<string | null> {
  const row = await tx.datasetVersion.findUnique({ where: { id: version }, select: { id: true } });
  return row?.id ?? null;
}

/** Every prefix of a location at a "/" boundary, with and without the trailing slash. */
function locationPrefixes(location: string): string[] {
  const prefixes: string[] = [];
  let rest = location.replace(/\/+$/, "");
  while (rest.includes("/") && !rest.endsWith(":/") && !rest.endsWith(":")) {
    prefixes.push(rest, `${rest}/`);
    rest = rest.slice(0, rest.lastIndexOf("/"));
  }
  return prefixes;
}

/**
 * The model version an output is: an explicit `pedigree_modelVersion` facet, else the registered
 * version whose `source` is the output's location or a folder holding it.
 */
async function findModelVersion(tx: Tx, dataset: DatasetRef, where: string, warnings: string[]) {
  const explicit = readModelVersionFacet(dataset.facets);
  if (explicit) {
    const row = await tx.modelVersion.findFirst({
      where: { version: explicit.version, model: { name: explicit.name } },
      select: { id: true },
    });
    if (row) return { id: row.id, ...explicit };
    warnings.push(`${where}: no version ${explicit.version} of a model named ${explicit.name}`);
    return null;
  }
  const location = toDatasetLocation(dataset.namespace, dataset.name);
  const candidates = await tx.modelVersion.findMany({
    where: { source: { in: locationPrefixes(location) } },
    select: { id: true, source: true, version: true, model: { select: { name: true } } },
  });
  // The deepest folder wins: the most specific registration of that artifact.
  const best = candidates.sort((a, b) => b.source.length - a.source.length)[0];
  if (!best) {
    const type = dataset.facets.datasetType?.datasetType;
    if (typeof type === "string" && type.toUpperCase() === "MODEL") {
      warnings.push(`${where}: a MODEL dataset that no registered model version has as its source`);
    }
    return null;
  }
  return { id: best.id, name: best.model.name, version: best.version };
}
