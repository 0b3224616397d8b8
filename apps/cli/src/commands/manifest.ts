import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { type ReproduceManifest, readChecksumKind } from "@pedigree/domain";
import { checkManifestDatasetVersionIds, computeDvcDirHash } from "@pedigree/domain/server";

type Outcome = "ok" | "mismatch" | "not found" | "not checkable";

export interface PartitionCheck {
  datasetVersionId: string;
  uri: string;
  outcome: Outcome;
  detail: string;
}

export interface ManifestCheck {
  ids: { id: string; computed: string; isMatch: boolean }[];
  partitions: PartitionCheck[];
  /** Any id or checksum that does not match: the command exits 1. */
  hasMismatch: boolean;
}

async function hashFile(file: string, algorithm: "md5" | "sha256"): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function listFiles(directory: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(directory, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relpath = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(directory, relpath)));
    else if (entry.isFile()) files.push(relpath);
  }
  return files;
}

/** DVC's `.dir` hash of a local folder: md5 of each file, then DVC's listing recipe. */
async function hashDvcDirectory(directory: string): Promise<string> {
  const files = await listFiles(directory);
  const entries = await Promise.all(
    files.map(async (relpath) => ({
      relpath,
      md5: await hashFile(path.join(directory, relpath), "md5"),
    })),
  );
  return computeDvcDirHash(entries);
}

/**
 * Where a partition may sit under --data-dir: its path as written (DVC paths), without the
 * scheme (`bucket/key`), without the bucket (`key`), and for lakeFS without repository and ref.
 */
export function localCandidates(uri: string): string[] {
  const trimmed = uri.replace(/\/+$/, "");
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(trimmed);
  if (!scheme) return [trimmed];
  const rest = trimmed.slice(scheme[0].length);
  const parts = rest.split("/");
  const candidates = [rest, parts.slice(1).join("/")];
  if (scheme[0].toLowerCase() === "lakefs://") candidates.push(parts.slice(2).join("/"));
  return candidates.filter((c) => c !== "");
}

async function findLocal(dataDir: string, uri: string) {
  for (const candidate of localCandidates(uri)) {
    const full = path.join(dataDir, candidate);
    const info = await stat(full).catch(() => null);
    if (info) return { full, isDirectory: info.isDirectory() };
  }
  return null;
}

async function checkPartition(
  dataDir: string,
  datasetVersionId: string,
  partition: { uri: string; checksum: string },
): Promise<PartitionCheck> {
  const base = { datasetVersionId, uri: partition.uri };
  const kind = readChecksumKind(partition.checksum);
  if (kind.algorithm === "unknown") {
    return {
      ...base,
      outcome: "not checkable",
      detail: `checksum ${partition.checksum} is not md5, sha256 or a DVC .dir hash`,
    };
  }
  const local = await findLocal(dataDir, partition.uri);
  if (!local) return { ...base, outcome: "not found", detail: `nothing under ${dataDir}` };
  if (local.isDirectory !== (kind.algorithm === "dvc-dir")) {
    return {
      ...base,
      outcome: "not checkable",
      detail: local.isDirectory
        ? "a folder, but the checksum is a file's"
        : "a file, but the checksum is a DVC folder hash",
    };
  }
  const actual =
    kind.algorithm === "dvc-dir"
      ? (await hashDvcDirectory(local.full)).slice(0, 32)
      : await hashFile(local.full, kind.algorithm);
  return actual === kind.digest
    ? { ...base, outcome: "ok", detail: local.full }
    : {
        ...base,
        outcome: "mismatch",
        detail: `${local.full}: expected ${kind.digest}, found ${actual}`,
      };
}

/** Recomputes each dataset version's id from what the manifest lists, and local checksums. */
export async function checkManifest(
  manifest: ReproduceManifest,
  dataDir: string | null,
): Promise<ManifestCheck> {
  const ids = checkManifestDatasetVersionIds(manifest);
  const partitions: PartitionCheck[] = [];
  if (dataDir) {
    for (const version of manifest.datasetVersions) {
      for (const partition of version.partitions) {
        partitions.push(await checkPartition(dataDir, version.id, partition));
      }
    }
  }
  const hasMismatch =
    ids.some((c) => !c.isMatch) || partitions.some((p) => p.outcome === "mismatch");
  return { ids, partitions, hasMismatch };
}

function readManifest(text: string, file: string): ReproduceManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const manifest = value as ReproduceManifest;
  if (!manifest || !Array.isArray(manifest.datasetVersions)) {
    throw new Error(`${file}: not a Pedigree manifest (no datasetVersions)`);
  }
  return manifest;
}

/** `pedigree manifest verify <manifest.json> [--data-dir DIR]`: exit 1 on any mismatch. */
export async function verifyManifest(file: string, dataDir: string | null): Promise<void> {
  const manifest = readManifest(await readFile(file, "utf8"), file);
  const result = await checkManifest(manifest, dataDir);
  for (const id of result.ids) {
    console.log(
      id.isMatch
        ? `ok        dataset version ${id.id.slice(0, 12)}: its partitions, commit and params hash to its id`
        : `MISMATCH  dataset version ${id.id}: the listed content hashes to ${id.computed}`,
    );
  }
  for (const p of result.partitions) {
    const label = p.outcome === "mismatch" ? "MISMATCH" : p.outcome;
    console.log(`${label.padEnd(9)} ${p.uri}  (${p.detail})`);
  }
  const count = (outcome: Outcome) => result.partitions.filter((p) => p.outcome === outcome).length;
  console.log(
    `${manifest.model?.name ?? "?"} v${manifest.model?.version ?? "?"}: ${result.ids.length} dataset versions; ` +
      (dataDir
        ? `partitions ${count("ok")} ok, ${count("mismatch")} mismatched, ${count("not found")} not found, ${count("not checkable")} not checkable`
        : "partitions not checked (no --data-dir)"),
  );
  if (result.hasMismatch) process.exitCode = 1;
}
