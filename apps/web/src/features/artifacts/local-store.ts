import "server-only";
import { randomUUID } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { AppError } from "../../server/errors.ts";
import { createHashingStream } from "./hashing-stream.ts";
import type { ArtifactStore, ListedEntry } from "./store.ts";

const isMissing = (error: unknown) =>
  (error as NodeJS.ErrnoException).code === "ENOENT" ||
  (error as NodeJS.ErrnoException).code === "ENOTDIR";

const isInside = (root: string, target: string) =>
  target === root || target.startsWith(`${root}${path.sep}`);

/**
 * Artifacts as files under one folder; an upload lands under a temporary name, then renames.
 * Keys arrive normalised (no "..", not absolute), so `path.resolve` stays under the root; what
 * it cannot see is a symlink planted inside the folder. So before any read, write, listing or
 * delete, the deepest existing part of the target is resolved with realpath and must still be
 * under the root's realpath, and files are opened with O_NOFOLLOW.
 */
export function createLocalStore(root: string): ArtifactStore {
  const base = path.resolve(root);
  let realBase: Promise<string> | undefined;
  const readRealBase = () => {
    realBase ??= mkdir(base, { recursive: true }).then(() => realpath(base));
    return realBase;
  };

  async function resolve(key: string): Promise<string> {
    const target = path.resolve(base, key);
    if (!isInside(base, target)) refuse(key);
    const rootReal = await readRealBase();
    let probe = target;
    for (;;) {
      try {
        if (!isInside(rootReal, await realpath(probe))) refuse(key);
        return target;
      } catch (error) {
        if (!isMissing(error) || probe === base) throw error;
        probe = path.dirname(probe);
      }
    }
  }

  return {
    async put(key, body) {
      const target = await resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const existing = await lstat(target).catch(() => null);
      if (existing?.isDirectory()) {
        throw new AppError("INVALID_INPUT", `Artifact path '${key}' is a directory`);
      }
      const temporary = `${target}.upload-${randomUUID()}`;
      const hashing = createHashingStream();
      try {
        // "wx": a fresh file, never through a link that happens to sit at the temporary name.
        const file = createWriteStream(temporary, { flags: "wx" });
        await body.pipeThrough(hashing.stream).pipeTo(Writable.toWeb(file));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return hashing.result();
    },
    async get(key) {
      const target = await resolve(key);
      const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW).catch(
        (error: NodeJS.ErrnoException) => {
          if (isMissing(error) || error.code === "ELOOP" || error.code === "EISDIR") return null;
          throw error;
        },
      );
      if (!handle) return null;
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      const stream = createReadStream("", { fd: handle, autoClose: true });
      return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, size: info.size };
    },
    async list(prefix) {
      const target = await resolve(prefix);
      try {
        const entries = await readdir(target, { withFileTypes: true });
        const listed: ListedEntry[] = [];
        for (const entry of entries) {
          // Symlinks are neither files nor folders here: never listed, never followed.
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
      // rm removes a link itself, never what it points to.
      await rm(await resolve(key), { recursive: true, force: true });
    },
  };
}

function refuse(key: string): never {
  throw new AppError(
    "INVALID_INPUT",
    `Invalid artifact path '${key}': it leaves the artifact root`,
  );
}
