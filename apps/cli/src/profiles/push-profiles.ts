// `pedigree profile push`: sends a profile document to the server (PEDIGREE_URL, PEDIGREE_TOKEN)
// as a baseline of a dataset version or a serving window of a deployment.
import { type ApiTarget, callApi } from "../http/api-client.ts";
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

/** POSTs the request through the CLI's one HTTP helper; throws the server's refusal (ApiError). */
export async function postJson(server: ApiTarget, path: string, body: unknown): Promise<unknown> {
  return (await callApi<unknown>(server, "POST", path, body)).body;
}
