// Reads the wanted columns of a CSV, JSON lines or Parquet file in batches, with bounded memory
// whatever the file's size: text files line by line, Parquet one row group at a time.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { isQuoteOpen, splitCsvRecord } from "./csv-line.ts";

/** A batch of one column's values: numbers, strings, bigints, booleans or null. */
export type ColumnSink = (column: string, values: ArrayLike<unknown>) => void;

export interface ScanOptions {
  columns: readonly string[];
  /** Columns whose CSV text is read as numbers ("" is missing, text that is no number too). */
  numeric: ReadonlySet<string>;
  onProgress?: (rows: number, bytes: number) => void;
}

export type FileFormat = "csv" | "jsonl" | "parquet";

const BATCH_ROWS = 8192;

export function detectFormat(path: string): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".parquet") return "parquet";
  throw new Error(`${path}: expected a .csv, .jsonl (or .ndjson) or .parquet file`);
}

export async function readFileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Reads the file once, handing each wanted column to `sink` in batches; answers the rows read. */
export async function scanFile(
  path: string,
  options: ScanOptions,
  sink: ColumnSink,
): Promise<number> {
  const format = detectFormat(path);
  if (format === "parquet") return scanParquet(path, options, sink);
  return scanLines(path, format, options, sink);
}

function parseCsvNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  // Text that is no number reads as NaN: missing, counted in missingCount like NaN and ±Infinity.
  return Number(trimmed);
}

class Batches {
  readonly #columns: readonly string[];
  readonly #sink: ColumnSink;
  #buffers: unknown[][];

  constructor(columns: readonly string[], sink: ColumnSink) {
    this.#columns = columns;
    this.#sink = sink;
    this.#buffers = columns.map(() => []);
  }

  push(values: readonly unknown[]): void {
    for (let i = 0; i < values.length; i++) (this.#buffers[i] as unknown[]).push(values[i]);
    if ((this.#buffers[0] as unknown[]).length >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if ((this.#buffers[0] as unknown[]).length === 0) return;
    for (const [i, column] of this.#columns.entries()) {
      this.#sink(column, this.#buffers[i] as unknown[]);
    }
    this.#buffers = this.#columns.map(() => []);
  }
}

async function scanLines(
  path: string,
  format: "csv" | "jsonl",
  options: ScanOptions,
  sink: ColumnSink,
): Promise<number> {
  const stream = createReadStream(path);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const batches = new Batches(options.columns, sink);
  let indices: number[] | null = null;
  let rows = 0;
  let pending = "";
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (format === "jsonl") {
      if (line.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${lineNumber}: not a JSON object`);
      }
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        throw new Error(`${path}:${lineNumber}: not a JSON object`);
      }
      const object = record as Record<string, unknown>;
      batches.push(options.columns.map((column) => object[column] ?? null));
    } else {
      // A quoted field may hold line breaks: the record goes on until its quotes close.
      pending = pending ? `${pending}\n${line}` : line;
      if (isQuoteOpen(pending)) continue;
      const fields = splitCsvRecord(pending);
      pending = "";
      if (!indices) {
        indices = options.columns.map((column) => {
          const index = fields.indexOf(column);
          if (index < 0) throw new Error(`${path}: no column ${column} in the header`);
          return index;
        });
        continue;
      }
      const found = indices;
      batches.push(
        options.columns.map((column, i) => {
          const text = fields[found[i] as number] ?? "";
          if (options.numeric.has(column)) return parseCsvNumber(text);
          return text === "" ? null : text;
        }),
      );
    }
    rows++;
    if ((rows & 1023) === 0) options.onProgress?.(rows, stream.bytesRead);
  }
  batches.flush();
  options.onProgress?.(rows, stream.bytesRead);
  return rows;
}

async function scanParquet(path: string, options: ScanOptions, sink: ColumnSink): Promise<number> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = new Set(parquetSchema(metadata).children.map((child) => child.element.name));
  for (const column of options.columns) {
    if (!names.has(column)) throw new Error(`${path}: no column ${column} in the schema`);
  }
  let rows = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    const groupStart = rows;
    const groupEnd = rows + Number(group.num_rows);
    await parquetRead({
      file,
      metadata,
      compressors,
      columns: [...options.columns],
      rowStart: groupStart,
      rowEnd: groupEnd,
      onChunk: ({ columnName, columnData, rowStart, rowEnd }) => {
        // A chunk may reach past the requested rows: keep only this row group's.
        const from = Math.max(groupStart, rowStart) - rowStart;
        const to = Math.min(groupEnd, rowEnd) - rowStart;
        const values =
          from === 0 && to === columnData.length ? columnData : columnData.slice(from, to);
        sink(columnName, values as ArrayLike<unknown>);
      },
    });
    rows = groupEnd;
    for (const chunk of group.columns) {
      if (options.columns.includes(chunk.meta_data?.path_in_schema[0] ?? "")) {
        bytes += Number(chunk.meta_data?.total_compressed_size ?? 0n);
      }
    }
    options.onProgress?.(rows, bytes);
  }
  return rows;
}

/** The bytes a scan of these columns reads: the file for text, the columns' chunks for Parquet. */
export async function readScanBytes(path: string, columns: readonly string[]): Promise<number> {
  if (detectFormat(path) !== "parquet") return readFileSize(path);
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
  let bytes = 0;
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      if (columns.includes(chunk.meta_data?.path_in_schema[0] ?? "")) {
        bytes += Number(chunk.meta_data?.total_compressed_size ?? 0n);
      }
    }
  }
  return bytes;
}
