// A fixed-duration load on one request with autocannon: every response's time is kept, so p95
// is exact (autocannon's own summary has p97.5, not p95).
import autocannon from "autocannon";
import { percentile } from "../stats.ts";

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  /** One body, or a function of the request's number (so each request can differ). */
  body?: string | ((n: number) => string);
}

export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  ok: number;
  failed: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  let ok = 0;
  let failed = 0;
  let n = 0;
  const makeBody = spec.body;
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        method: spec.method ?? "GET",
        headers: spec.headers ?? {},
        ...(typeof makeBody === "function"
          ? {
              setupRequest: (request) => {
                n += 1;
                return { ...request, body: makeBody(n) };
              },
            }
          : makeBody === undefined
            ? {}
            : { body: makeBody }),
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) {
      ok += 1;
      times.push(ms);
    } else failed += 1;
  });
  const result = await instance;
  failed += result.errors + result.timeouts;
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? percentile(times, p) : Number.NaN);
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    requestsPerSecond: ok / result.duration,
    ok,
    failed,
  };
}
