// An open-loop load at fixed rates: each kind's requests leave on a schedule (one every
// 1/rate s), whether or not the earlier ones have answered, so a slow server meets the same
// arrivals instead of fewer (no coordinated omission). Each answer lands in the minute of its
// scheduled start, with its latency (send to last byte) or its error.
import { percentile } from "../stats.ts";
import type { Kind } from "./mix.ts";
import { sendOnce } from "./request.ts";

export interface PacedKind {
  kind: Kind;
  /** Requests per second. */
  rate: number;
}

export interface KindMinute {
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface Minute {
  minute: number;
  requests: number;
  errors: number;
  /** The latest a request left after its scheduled time (the client's own lag), in ms. */
  maxSendLagMs: number;
  kinds: Record<string, KindMinute>;
}

export interface PacedResult {
  minutes: Minute[];
  /** Each distinct error ("kind: 500 ..." or "kind: socket error ...") and how often it came. */
  errors: Record<string, number>;
  /** Whole-run percentiles per kind. */
  overall: Record<string, KindMinute>;
}

interface Bucket {
  times: Map<string, number[]>;
  errors: Map<string, number>;
  maxLag: number;
}

/** More requests in flight than this means the server has stopped keeping up: counted as errors. */
const MAX_IN_FLIGHT = 512;

export function summarise(times: number[], errors: number): KindMinute {
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? Number(percentile(times, p).toFixed(1)) : null);
  return { requests: times.length + errors, errors, p50: at(50), p95: at(95), p99: at(99) };
}

export async function runPaced(
  baseUrl: string,
  paced: readonly PacedKind[],
  seconds: number,
): Promise<PacedResult> {
  const minuteCount = Math.ceil(seconds / 60);
  const buckets: Bucket[] = Array.from({ length: minuteCount }, () => ({
    times: new Map(paced.map((p) => [p.kind.name, []])),
    errors: new Map(paced.map((p) => [p.kind.name, 0])),
    maxLag: 0,
  }));
  const all = new Map<string, number[]>(paced.map((p) => [p.kind.name, []]));
  const distinctErrors: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now();
  const endAt = t0 + seconds * 1000;

  function fail(bucket: Bucket, kind: Kind, what: string): void {
    bucket.errors.set(kind.name, (bucket.errors.get(kind.name) ?? 0) + 1);
    const key = `${kind.name}: ${what}`;
    distinctErrors[key] = (distinctErrors[key] ?? 0) + 1;
  }

  async function send(kind: Kind, n: number, scheduled: number): Promise<void> {
    const bucket = buckets[Math.floor((scheduled - t0) / 60_000)] as Bucket;
    bucket.maxLag = Math.max(bucket.maxLag, performance.now() - scheduled);
    if (inFlight.size > MAX_IN_FLIGHT) return fail(bucket, kind, `over ${MAX_IN_FLIGHT} in flight`);
    const outcome = await sendOnce(baseUrl, kind, n);
    if (!outcome.ok) return fail(bucket, kind, outcome.error);
    bucket.times.get(kind.name)?.push(outcome.ms);
    all.get(kind.name)?.push(outcome.ms);
  }

  // One schedule per kind; a late timer sends every request that fell due meanwhile.
  await Promise.all(
    paced.map(
      ({ kind, rate }) =>
        new Promise<void>((resolve) => {
          const interval = 1000 / rate;
          let n = 0;
          const tick = () => {
            const now = performance.now();
            for (let due = t0 + n * interval; due <= now && due < endAt; due = t0 + n * interval) {
              n += 1;
              const request = send(kind, n, due);
              inFlight.add(request);
              void request.finally(() => inFlight.delete(request));
            }
            const next = t0 + n * interval;
            if (next >= endAt) resolve();
            else setTimeout(tick, Math.max(0, next - performance.now()));
          };
          tick();
        }),
    ),
  );
  await Promise.all([...inFlight]);

  const minutes = buckets.map((bucket, minute): Minute => {
    const kinds = Object.fromEntries(
      paced.map(({ kind }) => [
        kind.name,
        summarise(bucket.times.get(kind.name) ?? [], bucket.errors.get(kind.name) ?? 0),
      ]),
    );
    const values = Object.values(kinds);
    return {
      minute: minute + 1,
      requests: values.reduce((sum, k) => sum + k.requests, 0),
      errors: values.reduce((sum, k) => sum + k.errors, 0),
      maxSendLagMs: Number(bucket.maxLag.toFixed(1)),
      kinds,
    };
  });
  const overall = Object.fromEntries(
    paced.map(({ kind }) => [
      kind.name,
      summarise(
        all.get(kind.name) ?? [],
        minutes.reduce((sum, m) => sum + (m.kinds[kind.name]?.errors ?? 0), 0),
      ),
    ]),
  );
  return { minutes, errors: distinctErrors, overall };
}
