// A child process of drift.ts, so that each figure's peak RSS is its own:
//   generate <file> <rows> <features>   writes a Parquet file of normal-ish doubles, by row groups
//   window <file> <features>            builds window profiles on fixed edges (one pass)
//   reference <file> <features>         builds reference profiles (exact deciles, several passes)
// It prints one JSON line: { ms (wall), cpuMs (user + system), maxRssMb, passes, rows }.

import { fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { buildProfiles } from "../../apps/cli/src/profiles/build-profiles.ts";

const ROW_GROUP = 100_000;

/** A seeded generator (mulberry32): the same file every run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = (count: number) =>
  Array.from({ length: count }, (_, i) => `f${String(i).padStart(2, "0")}`);

function generate(file: string, rows: number, features: number): void {
  const random = createRandom(42);
  const columns = names(features);
  let writer: ParquetWriter | null = null;
  for (let start = 0; start < rows; start += ROW_GROUP) {
    const size = Math.min(ROW_GROUP, rows - start);
    const columnData = columns.map((name, j) => {
      const data = new Float64Array(size);
      // Sums of uniforms: bell-shaped, each feature on its own scale and offset.
      for (let i = 0; i < size; i++)
        data[i] = (random() + random() + random() - 1.5) * (j + 1) + j * 10;
      return { name, data, type: "DOUBLE" as const, nullable: false };
    });
    writer ??= new ParquetWriter({
      writer: fileWriter(file),
      schema: schemaFromColumnData({ columnData }),
    });
    writer.write({ columnData, rowGroupSize: ROW_GROUP });
  }
  writer?.finish();
}

async function build(file: string, features: number, kind: "window" | "reference") {
  const columns = names(features);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let passes = 0;
  const baseline =
    kind === "window"
      ? {
          kind: "baseline" as const,
          source: "fixed edges",
          rows: 0,
          features: columns.map((feature, j) => ({
            feature,
            type: "numeric" as const,
            edges: Array.from({ length: 9 }, (_, k) => j * 10 + (k - 4) * 0.3 * (j + 1)),
            counts: new Array(10).fill(0),
            missingCount: 0,
            totalCount: 0,
            stats: {},
          })),
        }
      : undefined;
  const document = await buildProfiles({
    input: file,
    features: columns,
    categorical: [],
    baseline,
    onProgress: (pass) => {
      passes = Math.max(passes, pass);
    },
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, cpuMs, maxRssMb, passes, rows: document.rows }));
}

const [mode, file, ...rest] = process.argv.slice(2);
if (!file) throw new Error("usage: drift-parquet.ts generate|window|reference <file> ...");
if (mode === "generate") {
  generate(file, Number(rest[0]), Number(rest[1]));
  console.log("{}");
} else if (mode === "window" || mode === "reference") await build(file, Number(rest[0]), mode);
else throw new Error(`unknown mode ${mode}`);
