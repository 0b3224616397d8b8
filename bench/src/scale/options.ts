// The knobs every scale command reads: PEDIGREE_BENCH_SCALE, PEDIGREE_BENCH_SEED, and for the
// load, PEDIGREE_BENCH_LATENCY_CONNECTIONS (the latency the targets judge: one client's requests
// back to back by default), PEDIGREE_BENCH_CONNECTIONS (the load for throughput and ingest) and
// PEDIGREE_BENCH_SECONDS.

function readNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, not ${text}`);
  return value;
}

export function readScaleOptions() {
  return {
    scale: readNumber("PEDIGREE_BENCH_SCALE", 1),
    seed: readNumber("PEDIGREE_BENCH_SEED", 7),
    latencyConnections: readNumber("PEDIGREE_BENCH_LATENCY_CONNECTIONS", 1),
    connections: readNumber("PEDIGREE_BENCH_CONNECTIONS", 8),
    seconds: readNumber("PEDIGREE_BENCH_SECONDS", 10),
  };
}
