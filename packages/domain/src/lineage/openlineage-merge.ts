import type { Facets, RunState } from "./openlineage-event.ts";

const TERMINAL: ReadonlySet<RunState> = new Set(["COMPLETE", "FAIL", "ABORT"]);

export interface RunEventFacts {
  eventType: RunState;
  eventTime: Date;
  runFacets: Facets;
}

export interface MergedRun {
  state: RunState;
  startedAt: Date | null;
  endedAt: Date | null;
  facets: Facets;
  parentRunId: string | null;
  lastEventAt: Date;
}

/**
 * Folds facets in time order: a facet replaces the one with the same key before it (facets are
 * atomic), `_deleted: true` removes it, nothing else is ever dropped.
 */
export function mergeFacets(layers: readonly Facets[]): Facets {
  const merged: Facets = {};
  for (const layer of layers) {
    for (const [key, facet] of Object.entries(layer)) {
      if (facet._deleted === true) delete merged[key];
      else merged[key] = facet;
    }
  }
  return merged;
}

function byTime(a: RunEventFacts, b: RunEventFacts): number {
  return a.eventTime.getTime() - b.eventTime.getTime();
}

/**
 * A run's state from all of its events, whatever order they arrived in (run-cycle.md: events
 * accumulate, COMPLETE/FAIL/ABORT are terminal, OTHER may come at any time). The result depends
 * on the set of events only, so ingesting one twice changes nothing.
 */
export function mergeRunEvents(events: readonly RunEventFacts[]): MergedRun {
  if (events.length === 0) throw new Error("a run has at least one event");
  const sorted = [...events].sort(byTime);
  const terminal = sorted.filter((e) => TERMINAL.has(e.eventType)).at(-1);
  const lifecycle = sorted.filter((e) => e.eventType !== "OTHER").at(-1);
  const start = sorted.find((e) => e.eventType === "START");
  const facets = mergeFacets(sorted.map((e) => e.runFacets));
  const parent = facets.parent?.run as { runId?: unknown } | undefined;
  return {
    state: terminal?.eventType ?? lifecycle?.eventType ?? "OTHER",
    startedAt: (start ?? sorted[0])?.eventTime ?? null,
    endedAt: terminal?.eventTime ?? null,
    facets,
    parentRunId: typeof parent?.runId === "string" ? parent.runId.toLowerCase() : null,
    lastEventAt: (sorted[sorted.length - 1] as RunEventFacts).eventTime,
  };
}

/** The commit a `sourceCodeLocation` job facet names: a repo and an immutable version (a SHA). */
export function readSourceCodeCommit(jobFacets: Facets): { repo: string; sha: string } | null {
  const location = jobFacets.sourceCodeLocation;
  if (!location) return null;
  const version = location.version;
  const repo = location.repoUrl ?? location.url;
  if (typeof version !== "string" || typeof repo !== "string") return null;
  if (!/^[0-9a-f]{7,64}$/i.test(version)) return null;
  return { repo, sha: version.toLowerCase() };
}

/** The `version` dataset facet's `datasetVersion`, when there is one. */
export function readDatasetVersionFacet(facets: Facets): string | null {
  const value = facets.version?.datasetVersion;
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Whether an output dataset is a model version, by the mapping in docs/LINEAGE.md: an explicit
 * `pedigree_modelVersion: {name, version}` facet, or else the dataset's location
 * (`<namespace>/<name>`) as a registered version's `source` (or a file inside it).
 */
export function readModelVersionFacet(facets: Facets): { name: string; version: number } | null {
  const facet = facets.pedigree_modelVersion;
  if (!facet) return null;
  const version = Number(facet.version);
  if (typeof facet.name !== "string" || !Number.isInteger(version) || version < 1) return null;
  return { name: facet.name, version };
}

/** `s3://bucket` + `key/x` -> `s3://bucket/key/x`; a namespace without a scheme joins with "/". */
export function toDatasetLocation(namespace: string, name: string): string {
  const trimmed = namespace.replace(/\/+$/, "");
  return `${trimmed}/${name.replace(/^\/+/, "")}`;
}
