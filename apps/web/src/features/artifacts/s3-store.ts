import "server-only";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createHashingStream } from "./hashing-stream.ts";
import type { ArtifactStore, ListedEntry } from "./store.ts";

export interface S3Settings {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Parts of an upload of unknown length: S3's minimum is 5 MiB; only one part is held at a time. */
const PART_BYTES = 8 * 1024 * 1024;

/** Artifacts in an S3-compatible bucket (AWS, MinIO, R2 ...), under an optional key prefix. */
export function createS3Store(settings: S3Settings): ArtifactStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // The SDK's default since 3.729 sends streamed bodies as aws-chunked with a CRC32 trailer;
    // S3-compatible servers that do not speak it (s3rver, older MinIO and Ceph) store the chunk
    // framing as the file's bytes. Checksums only where an operation requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
  });
  const Bucket = settings.bucket;
  const prefix = settings.prefix.replace(/^\/+|\/+$/g, "");
  const toKey = (key: string) => (prefix ? `${prefix}/${key}` : key);

  async function putInParts(Key: string, body: ReadableStream<Uint8Array>): Promise<void> {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const parts: { ETag: string | undefined; PartNumber: number }[] = [];
    try {
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const PartNumber = parts.length + 1;
        const Body = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        const { ETag } = await client.send(
          new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }),
        );
        parts.push({ ETag, PartNumber });
      };
      for await (const chunk of body) {
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= PART_BYTES) await flush();
      }
      if (pendingBytes > 0 || parts.length === 0) await flush();
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
      throw error;
    }
  }

  return {
    async put(key, body, size) {
      const hashing = createHashingStream();
      const hashed = body.pipeThrough(hashing.stream);
      if (size === null) {
        await putInParts(toKey(key), hashed);
      } else {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: toKey(key),
            Body: Readable.fromWeb(hashed as import("node:stream/web").ReadableStream),
            ContentLength: size,
          }),
        );
      }
      return hashing.result();
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: toKey(key) }));
        if (!answer.Body) return null;
        return { body: answer.Body.transformToWebStream(), size: answer.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async list(folder) {
      const listed: ListedEntry[] = [];
      const Prefix = folder ? `${toKey(folder)}/` : prefix ? `${prefix}/` : "";
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix, Delimiter: "/", ContinuationToken }),
        );
        for (const dir of page.CommonPrefixes ?? []) {
          const name = dir.Prefix?.slice(Prefix.length).replace(/\/$/, "");
          if (name) listed.push({ name, isDir: true });
        }
        for (const object of page.Contents ?? []) {
          const name = object.Key?.slice(Prefix.length);
          if (name) listed.push({ name, isDir: false, size: object.Size ?? 0 });
        }
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return listed.sort((a, b) => a.name.localeCompare(b.name));
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: toKey(key) }));
    },
  };
}
