// The maximum mixed throughput: `workers` closed loops (each sends its next request when the last
// one answered), each going round the mix in turn and starting at a different kind, so the mix's
// proportions are fixed (one of each kind a round) and the server is never idle.
import type { Kind } from "./mix.ts";
import { type KindMinute, summarise } from "./paced.ts";
import { sendOnce } from "./request.ts";

export interface ClosedResult {
  /** Requests answered 2xx per second, all kinds together, after the first `RAMP_SECONDS`. */
  requestsPerSecond: number;
  kinds: Record<string, KindMinute>;
  errors: Record<string, number>;
}

/** Left out of the rate: the loops start together, and the first answers take a while. */
const RAMP_SECONDS = 5;

export async function runClosed(
  baseUrl: string,
  kinds: readonly Kind[],
  workers: number,
  seconds: number,
): Promise<ClosedResult> {
  const times = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
  const failed = new Map<string, number>(kinds.map((k) => [k.name, 0]));
  const errors: Record<string, number> = {};
  const started = performance.now();
  const endAt = started + seconds * 1000;
  const countFrom = started + Math.min(RAMP_SECONDS, seconds / 4) * 1000;
  let n = 0;
  let completed = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = worker; performance.now() < endAt; i += 1) {
        const kind = kinds[i % kinds.length] as Kind;
        n += 1;
        const outcome = await sendOnce(baseUrl, kind, n);
        // Only what answered inside the window counts toward the rate.
        if (performance.now() > endAt) break;
        if (outcome.ok) {
          times.get(kind.name)?.push(outcome.ms);
          if (performance.now() >= countFrom) completed += 1;
        } else {
          failed.set(kind.name, (failed.get(kind.name) ?? 0) + 1);
          const key = `${kind.name}: ${outcome.error}`;
          errors[key] = (errors[key] ?? 0) + 1;
        }
      }
    }),
  );
  return {
    requestsPerSecond: (completed * 1000) / (endAt - countFrom),
    kinds: Object.fromEntries(
      kinds.map((k) => [k.name, summarise(times.get(k.name) ?? [], failed.get(k.name) ?? 0)]),
    ),
    errors,
  };
}
