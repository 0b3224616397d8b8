import { createHash } from "node:crypto";
import type { StoredObject } from "./store.ts";

/** A pass-through stream that counts and hashes what flows through it. */
export function createHashingStream(): {
  stream: TransformStream<Uint8Array, Uint8Array>;
  result: () => StoredObject;
} {
  const hash = createHash("sha256");
  let size = 0;
  let digest: string | null = null;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      size += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return {
    stream,
    result: () => {
      digest ??= hash.digest("hex");
      return { size, sha256: digest };
    },
  };
}
