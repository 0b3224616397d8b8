import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  buildDvcDatasetVersion,
  type DatasetVersionInput,
  type DvcStage,
  parseDvcFile,
  parseDvcLock,
} from "@pedigree/domain";
import { resolveServer } from "../env.ts";
import { callApi } from "../http/api-client.ts";

interface RegisteredVersion {
  id: string;
  dataset: string;
  rowCount: number;
  partitions: unknown[];
}

async function register(input: DatasetVersionInput): Promise<void> {
  const { status, body } = await callApi<RegisteredVersion>(
    resolveServer(),
    "POST",
    "/api/v1/dataset-versions",
    input,
  );
  const what = status === 201 ? "registered" : "already registered (same content)";
  console.log(
    `${what}: ${body.dataset} ${body.id} · ${body.rowCount.toLocaleString("en-US")} rows · ${body.partitions.length} partitions`,
  );
}

/** `pedigree dataset register --file version.json`: the JSON is the API's body as is. */
export async function registerFile(file: string): Promise<void> {
  let input: DatasetVersionInput;
  try {
    input = JSON.parse(await readFile(file, "utf8")) as DatasetVersionInput;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  await register(input);
}

export interface ImportDvcOptions {
  dataset: string;
  rows: number;
  stage: string | null;
  commit: { repo: string; sha: string } | null;
  isDryRun: boolean;
}

/** The stages a file describes: a .dvc file is one, dvc.lock has one per pipeline stage. */
function readStages(file: string, text: string): DvcStage[] {
  const parsed =
    path.basename(file) === "dvc.lock"
      ? parseDvcLock(text)
      : parseDvcFile(text, path.basename(file));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return Array.isArray(parsed.value) ? parsed.value : [parsed.value];
}

/**
 * `pedigree dataset import-dvc <file> --dataset <name> --rows N [--stage S] [--commit SHA --repo URL]`:
 * each chosen stage's outputs become one dataset version (named `<dataset>` for a single stage,
 * `<dataset>:<stage>` when a dvc.lock gives several). Paths are taken relative to the current
 * folder, which should be the repository's root.
 */
export async function importDvc(file: string, options: ImportDvcOptions): Promise<void> {
  const stages = readStages(file, await readFile(file, "utf8"));
  const chosen = options.stage
    ? stages.filter((stage) => stage.name === options.stage)
    : stages.filter((stage) => stage.outs.length > 0);
  if (chosen.length === 0) {
    throw new Error(
      options.stage
        ? `${file}: no stage named ${options.stage} (stages: ${stages.map((s) => s.name).join(", ")})`
        : `${file}: no stage with outputs`,
    );
  }
  const directory = path
    .relative(process.cwd(), path.dirname(path.resolve(file)))
    .split(path.sep)
    .join("/");
  for (const stage of chosen) {
    const built = buildDvcDatasetVersion(stage, {
      dataset: chosen.length === 1 ? options.dataset : `${options.dataset}:${stage.name}`,
      rowCount: options.rows,
      commit: options.commit,
      directory,
    });
    if (!built.ok) throw new Error(`${file}: stage ${stage.name}: ${built.error}`);
    if (options.isDryRun) console.log(JSON.stringify(built.value, null, 2));
    else await register(built.value);
  }
}
