import { parse as parseYaml } from "yaml";
import type { JsonValue } from "./canonical-json.ts";
import type { DatasetVersionInput, PartitionInput } from "./dataset-version-registration.ts";

/** One `outs[]` or `deps[]` entry of a .dvc file or dvc.lock (dvc/schema.py). */
export interface DvcEntry {
  path: string;
  /** DVC's content hash as written: `md5`, else `etag`, else `checksum` (a `.dir` suffix: a directory). */
  hash: string | null;
  /** Which field the hash came from; `md5-dos2unix` is DVC 2.x's md5 (no `hash: md5` line). */
  hashKind: "md5" | "md5-dos2unix" | "etag" | "checksum" | null;
  size: number | null;
  nfiles: number | null;
  isDirectory: boolean;
  /** An import's source: `repo: {url, rev, rev_lock}`. */
  repo: { url: string; rev: string | null; revLock: string | null } | null;
}

export interface DvcStage {
  name: string;
  cmd: string | null;
  deps: DvcEntry[];
  /** `params: {file: {key: value}}`; keys are dotted (`train.n_est`) or nested maps. */
  params: Record<string, Record<string, JsonValue>>;
  outs: DvcEntry[];
}

export type DvcResult<T> = { ok: true; value: T } | { ok: false; error: string };

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readEntry(raw: unknown, where: string): DvcResult<DvcEntry> {
  if (typeof raw === "string") raw = { path: raw };
  if (!isMapping(raw) || typeof raw.path !== "string") {
    return { ok: false, error: `${where}: needs a path` };
  }
  const text = (key: string) =>
    typeof raw[key] === "string" || typeof raw[key] === "number" ? String(raw[key]) : null;
  const number = (key: string) => (typeof raw[key] === "number" ? (raw[key] as number) : null);
  const md5 = text("md5");
  const etag = text("etag");
  const checksum = text("checksum");
  const hash = md5 ?? etag ?? checksum;
  const hashKind = md5
    ? raw.hash === "md5"
      ? "md5"
      : "md5-dos2unix"
    : etag
      ? "etag"
      : checksum
        ? "checksum"
        : null;
  const repo = isMapping(raw.repo)
    ? {
        url: String(raw.repo.url ?? ""),
        rev: typeof raw.repo.rev === "string" ? raw.repo.rev : null,
        revLock: typeof raw.repo.rev_lock === "string" ? raw.repo.rev_lock : null,
      }
    : null;
  return {
    ok: true,
    value: {
      path: raw.path,
      hash,
      hashKind,
      size: number("size"),
      nfiles: number("nfiles"),
      isDirectory: hash?.endsWith(".dir") ?? false,
      repo,
    },
  };
}

function readEntries(raw: unknown, where: string): DvcResult<DvcEntry[]> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return { ok: false, error: `${where}: must be a list` };
  const entries: DvcEntry[] = [];
  for (const [index, item] of raw.entries()) {
    const entry = readEntry(item, `${where}[${index}]`);
    if (!entry.ok) return entry;
    entries.push(entry.value);
  }
  return { ok: true, value: entries };
}

function readYaml(text: string): DvcResult<unknown> {
  try {
    return { ok: true, value: parseYaml(text) };
  } catch (error) {
    return { ok: false, error: `not YAML: ${error instanceof Error ? error.message : error}` };
  }
}

/** A `.dvc` file (`dvc add` or `dvc import`): one stage named after the file. */
export function parseDvcFile(text: string, name: string): DvcResult<DvcStage> {
  const doc = readYaml(text);
  if (!doc.ok) return doc;
  if (!isMapping(doc.value)) return { ok: false, error: "a .dvc file is a YAML mapping" };
  const outs = readEntries(doc.value.outs, "outs");
  if (!outs.ok) return outs;
  if (outs.value.length === 0)
    return { ok: false, error: "outs: a .dvc file tracks at least one output" };
  const deps = readEntries(doc.value.deps, "deps");
  if (!deps.ok) return deps;
  return { ok: true, value: { name, cmd: null, deps: deps.value, params: {}, outs: outs.value } };
}

/** A `dvc.lock` (schema '2.0'): its stages in file order (`foreach` stages as `name@key`). */
export function parseDvcLock(text: string): DvcResult<DvcStage[]> {
  const doc = readYaml(text);
  if (!doc.ok) return doc;
  if (!isMapping(doc.value)) return { ok: false, error: "dvc.lock is a YAML mapping" };
  if (doc.value.schema !== "2.0") {
    return {
      ok: false,
      error: `schema: only '2.0' is known, found ${JSON.stringify(doc.value.schema)}`,
    };
  }
  if (!isMapping(doc.value.stages)) return { ok: false, error: "stages: must be a mapping" };
  const stages: DvcStage[] = [];
  for (const [name, raw] of Object.entries(doc.value.stages)) {
    if (!isMapping(raw)) return { ok: false, error: `stages.${name}: must be a mapping` };
    const deps = readEntries(raw.deps, `stages.${name}.deps`);
    if (!deps.ok) return deps;
    const outs = readEntries(raw.outs, `stages.${name}.outs`);
    if (!outs.ok) return outs;
    const cmd = Array.isArray(raw.cmd) ? raw.cmd.map(String).join(" && ") : raw.cmd;
    const params: DvcStage["params"] = {};
    if (isMapping(raw.params)) {
      for (const [file, values] of Object.entries(raw.params)) {
        if (isMapping(values)) params[file] = values as Record<string, JsonValue>;
      }
    }
    stages.push({
      name,
      cmd: typeof cmd === "string" ? cmd : null,
      deps: deps.value,
      params,
      outs: outs.value,
    });
  }
  return { ok: true, value: stages };
}

function toPartition(entry: DvcEntry, prefix: string): PartitionInput {
  return {
    uri: prefix ? `${prefix}/${entry.path}` : entry.path,
    checksum: entry.hash,
    bytes: entry.size,
    rowCount: null,
  };
}

function describeEntry(entry: DvcEntry): JsonValue {
  return {
    path: entry.path,
    hash: entry.hash,
    hashKind: entry.hashKind,
    size: entry.size,
    nfiles: entry.nfiles,
    repo: entry.repo
      ? { url: entry.repo.url, rev: entry.repo.rev, revLock: entry.repo.revLock }
      : null,
  };
}

export interface DvcImportOptions {
  dataset: string;
  /** Rows are not in DVC's files; the pipeline says how many. */
  rowCount: number;
  commit: { repo: string; sha: string } | null;
  /** The folder of the .dvc file relative to the repository root ("" at the root). */
  directory?: string;
}

/**
 * A dataset version from a DVC stage: its outputs are the partitions (checksum = DVC's hash,
 * `.dir` for a directory; bytes = size); its params (a `params.yaml` key as is, another file's as
 * `file:key`) and, under `dvc`, the stage, command, deps and per-output file counts go into the
 * params, so that the id changes when any of them does.
 */
export function buildDvcDatasetVersion(
  stage: DvcStage,
  options: DvcImportOptions,
): DvcResult<DatasetVersionInput> {
  const missing = stage.outs.find((out) => !out.hash);
  if (missing) return { ok: false, error: `${missing.path}: no md5, etag or checksum recorded` };
  const params: Record<string, JsonValue> = {};
  for (const [file, values] of Object.entries(stage.params)) {
    for (const [key, value] of Object.entries(values)) {
      params[file === "params.yaml" ? key : `${file}:${key}`] = value;
    }
  }
  params.dvc = {
    stage: stage.name,
    cmd: stage.cmd,
    deps: stage.deps.map(describeEntry),
    outs: stage.outs.map(describeEntry),
  };
  return {
    ok: true,
    value: {
      dataset: options.dataset,
      partitions: stage.outs.map((out) => toPartition(out, options.directory ?? "")),
      commit: options.commit,
      params,
      rowCount: options.rowCount,
      sourceUri: options.commit ? `${options.commit.repo}@${options.commit.sha}` : null,
    },
  };
}
