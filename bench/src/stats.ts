import { readdirSync, readFileSync } from "node:fs";

/** Percentiles of measured durations, by nearest rank (no interpolation between samples). */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) throw new Error("no samples");
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1] as number;
}

/** Times `work` `count` times after `warmup` untimed calls; answers p50, p99 and the mean in ms. */
export async function measure(
  work: () => Promise<unknown>,
  { count, warmup = 10 }: { count: number; warmup?: number },
): Promise<{ p50: number; p99: number; mean: number; count: number }> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, s) => sum + s, 0) / samples.length;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean, count };
}

/**
 * CPU seconds used so far by every PostgreSQL process on this machine (/proc, Linux): with the
 * process's own process.cpuUsage(), what a piece of work costs whatever else the machine runs.
 */
export function readPostgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) continue;
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}
