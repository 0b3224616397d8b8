/** Where artifact bytes live: a local folder or an S3-compatible bucket. Keys are normalised. */
export interface ArtifactStore {
  /** Streams `body` to `key` (replacing it), hashing on the way; never holds it whole. */
  put(key: string, body: ReadableStream<Uint8Array>, size: number | null): Promise<StoredObject>;
  /** null when there is no such file. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /** The direct children of a folder; [] for a file or nothing. */
  list(prefix: string): Promise<ListedEntry[]>;
  delete(key: string): Promise<void>;
}

export interface StoredObject {
  size: number;
  sha256: string;
}

export interface ListedEntry {
  name: string;
  isDir: boolean;
  size?: number;
}
