import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { AppError } from "../../server/errors.ts";
import { createHashingStream } from "./hashing-stream.ts";
import type { ArtifactStore, ListedEntry } from "./store.ts";

const isMissing = (error: unknown) =>
  (error as NodeJS.ErrnoException).code === "ENOENT" ||
  (error as NodeJS.ErrnoException).code === "ENOTDIR";

/** Artifacts as files under one folder; an upload lands under a temporary name, then renames. */
export function createLocalStore(root: string): ArtifactStore {
  const base = path.resolve(root);
  const resolve = (key: string) => {
    const target = path.resolve(base, key);
    if (target !== base && !target.startsWith(`${base}${path.sep}`)) {
      throw new AppError("INVALID_INPUT", `Invalid artifact path '${key}'`);
    }
    return target;
  };
  return {
    async put(key, body) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const existing = await stat(target).catch(() => null);
      if (existing?.isDirectory()) {
        throw new AppError("INVALID_INPUT", `Artifact path '${key}' is a directory`);
      }
      const temporary = `${target}.upload-${randomUUID()}`;
      const hashing = createHashingStream();
      try {
        await body.pipeThrough(hashing.stream).pipeTo(Writable.toWeb(createWriteStream(temporary)));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return hashing.result();
    },
    async get(key) {
      const target = resolve(key);
      const info = await stat(target).catch(() => null);
      if (!info?.isFile()) return null;
      const body = Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>;
      return { body, size: info.size };
    },
    async list(prefix) {
      const target = resolve(prefix);
      try {
        const entries = await readdir(target, { withFileTypes: true });
        const listed: ListedEntry[] = [];
        for (const entry of entries) {
          if (entry.name.includes(".upload-")) continue;
          if (entry.isDirectory()) listed.push({ name: entry.name, isDir: true });
          else if (entry.isFile()) {
            const info = await stat(path.join(target, entry.name));
            listed.push({ name: entry.name, isDir: false, size: info.size });
          }
        }
        return listed.sort((a, b) => a.name.localeCompare(b.name));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    async delete(key) {
      await rm(resolve(key), { recursive: true, force: true });
    },
  };
}
