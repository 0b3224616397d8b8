// `pedigree profile push`: sends a profile document to the server (PEDIGREE_URL, PEDIGREE_TOKEN)
// as a baseline of a dataset version or a serving window of a deployment.
import type { ProfileDocument } from "./build-profiles.ts";

export type PushTarget =
  | { kind: "baseline"; datasetVersionId: string }
  | {
      kind: "window";
      deploymentId: string;
      windowStart: string;
      windowEnd: string;
      metrics?: Record<string, number>;
    };

export function toRequest(
  document: ProfileDocument,
  target: PushTarget,
): { path: string; body: unknown } {
  if (target.kind === "baseline") {
    return {
      path: "/api/v1/profiles/baselines",
      body: { datasetVersionId: target.datasetVersionId, features: document.features },
    };
  }
  const { kind: _, ...window } = target;
  return { path: "/api/v1/profiles/windows", body: { ...window, features: document.features } };
}

/** POSTs JSON with the bearer token; answers the parsed body, or throws the server's message. */
export async function postJson(
  server: { url: string; token: string },
  path: string,
  body: unknown,
): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { message?: string } } | null)?.error;
    throw new Error(`${response.status} from ${path}: ${error?.message ?? text.slice(0, 300)}`);
  }
  return parsed;
}
