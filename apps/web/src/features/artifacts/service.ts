import "server-only";
import path from "node:path";
import type { Database } from "@pedigree/db";
import { getEnv } from "../../env.ts";
import { AppError } from "../../server/errors.ts";
import { normalizeArtifactPath, readRunArtifactPath } from "./artifact-path.ts";
import { createLocalStore } from "./local-store.ts";
import { createS3Store } from "./s3-store.ts";
import type { ArtifactStore, ListedEntry } from "./store.ts";

let cached: { signature: string; store: ArtifactStore } | undefined;

/** The configured store: the S3 bucket when one is set, else the artifacts folder. */
export function getArtifactStore(): ArtifactStore {
  const env = getEnv();
  const folder =
    env.PEDIGREE_ARTIFACTS_DIR ?? path.join(path.dirname(env.PEDIGREE_DATA_DIR), "artifacts");
  const signature = `${env.PEDIGREE_ARTIFACTS_S3_BUCKET ?? ""}|${folder}`;
  if (cached?.signature === signature) return cached.store;
  const store = env.PEDIGREE_ARTIFACTS_S3_BUCKET
    ? createS3Store({
        bucket: env.PEDIGREE_ARTIFACTS_S3_BUCKET,
        prefix: env.PEDIGREE_ARTIFACTS_S3_PREFIX ?? "",
        region: env.PEDIGREE_ARTIFACTS_S3_REGION,
        endpoint: env.PEDIGREE_ARTIFACTS_S3_ENDPOINT,
        forcePathStyle: env.PEDIGREE_ARTIFACTS_S3_FORCE_PATH_STYLE === "true",
        accessKeyId: env.PEDIGREE_ARTIFACTS_S3_ACCESS_KEY_ID,
        secretAccessKey: env.PEDIGREE_ARTIFACTS_S3_SECRET_ACCESS_KEY,
      })
    : createLocalStore(folder);
  cached = { signature, store };
  return store;
}

/**
 * Stores one file at a proxied artifact path. A file under a run (`<exp>/<run>/artifacts/...`)
 * is recorded in the Artifact table with its size and SHA-256; others (logged models) are stored
 * only.
 */
export async function uploadArtifact(
  db: Database,
  rawPath: string,
  body: ReadableStream<Uint8Array> | null,
  size: number | null,
): Promise<void> {
  const key = normalizeArtifactPath(rawPath);
  if (key === "") throw new AppError("INVALID_INPUT", "An artifact path is required");
  const owner = readRunArtifactPath(key);
  const run = owner
    ? await db.prisma.run.findFirst({
        where: { id: owner.runId, experimentId: owner.experimentId },
        select: { id: true, lifecycleStage: true },
      })
    : null;
  if (run && run.lifecycleStage !== "ACTIVE") {
    throw new AppError("INVALID_INPUT", `The run ${run.id} must be in the 'active' state`);
  }
  const stored = await getArtifactStore().put(key, body ?? new Blob([]).stream(), size);
  if (!run || !owner) return;
  const record = { size: BigInt(stored.size), sha256: stored.sha256, createdAt: new Date() };
  await db.prisma.artifact.upsert({
    where: { runId_path: { runId: run.id, path: owner.path } },
    create: { runId: run.id, path: owner.path, ...record },
    update: record,
  });
}

export async function downloadArtifact(rawPath: string) {
  const key = normalizeArtifactPath(rawPath);
  const found = key === "" ? null : await getArtifactStore().get(key);
  if (!found) throw new AppError("NOT_FOUND", `No artifact at '${key}'`);
  return { ...found, name: path.posix.basename(key) };
}

export async function listArtifacts(rawPath: string): Promise<ListedEntry[]> {
  return getArtifactStore().list(normalizeArtifactPath(rawPath));
}

export async function deleteArtifact(db: Database, rawPath: string): Promise<void> {
  const key = normalizeArtifactPath(rawPath);
  if (key === "") throw new AppError("INVALID_INPUT", "An artifact path is required");
  await getArtifactStore().delete(key);
  const owner = readRunArtifactPath(key);
  if (owner)
    await db.prisma.artifact.deleteMany({ where: { runId: owner.runId, path: owner.path } });
}

/** The store key of a run's artifact folder, when its artifact URI is one we serve. */
export function readProxiedRoot(artifactUri: string): string | null {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(artifactUri);
  return match ? normalizeArtifactPath(match[1] ?? "") : null;
}
