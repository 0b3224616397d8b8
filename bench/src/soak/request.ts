// One request of the mix with fetch: its latency (send to last byte) or why it failed.
import type { Kind } from "./mix.ts";

const TIMEOUT_MS = 30_000;

export type Outcome = { ok: true; ms: number } | { ok: false; error: string };

export async function sendOnce(baseUrl: string, kind: Kind, n: number): Promise<Outcome> {
  const sent = performance.now();
  try {
    const response = await fetch(`${baseUrl}${kind.path}`, {
      method: kind.method,
      headers: kind.headers,
      body: kind.body?.(n),
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status >= 200 && response.status < 300)
      return { ok: true, ms: performance.now() - sent };
    return { ok: false, error: `${response.status} ${text.slice(0, 160)}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: `socket error ${(error as Error).name}${cause ? ` ${cause}` : ""}` };
  }
}
