// For integration tests only: the registry's route handlers called the way Next calls them.

import { GET as getHistory } from "../../app/api/v1/models/[name]/history/route.ts";
import { POST as postRollback } from "../../app/api/v1/models/[name]/rollback/route.ts";
import { GET as getModel } from "../../app/api/v1/models/[name]/route.ts";
import { POST as postPromotion } from "../../app/api/v1/models/[name]/versions/[version]/promotion-requests/route.ts";
import { POST as postCancel } from "../../app/api/v1/promotion-requests/[id]/cancel/route.ts";
import { POST as postDecision } from "../../app/api/v1/promotion-requests/[id]/decisions/route.ts";
import { POST as postOverride } from "../../app/api/v1/promotion-requests/[id]/overrides/route.ts";
import { routeContext } from "../../server/testing.ts";

type Handler = (request: Request, context?: ReturnType<typeof routeContext>) => Promise<Response>;

async function call(
  handler: Handler,
  path: string,
  token: string,
  params: Record<string, string>,
  body?: unknown,
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, routeContext(params));
  return { status: response.status, json: await response.json() };
}

export const api = {
  requestPromotion: (
    token: string,
    name: string,
    version: number,
    body: { targetStage: string; reason: string },
  ) =>
    call(
      postPromotion,
      `/models/${encodeURIComponent(name)}/versions/${version}/promotion-requests`,
      token,
      { name, version: String(version) },
      body,
    ),
  decide: (token: string, id: string, decision: "approve" | "reject", comment = "looks good") =>
    call(postDecision, `/promotion-requests/${id}/decisions`, token, { id }, { decision, comment }),
  override: (token: string, id: string, gate: string, justification: string) =>
    call(
      postOverride,
      `/promotion-requests/${id}/overrides`,
      token,
      { id },
      { gate, justification },
    ),
  cancel: (token: string, id: string) =>
    call(postCancel, `/promotion-requests/${id}/cancel`, token, { id }, {}),
  rollback: (token: string, name: string, reason: string) =>
    call(postRollback, `/models/${encodeURIComponent(name)}/rollback`, token, { name }, { reason }),
  history: (token: string, name: string, at?: Date) =>
    call(
      getHistory,
      `/models/${encodeURIComponent(name)}/history${at ? `?at=${at.toISOString()}` : ""}`,
      token,
      { name },
    ),
  model: (token: string, name: string) =>
    call(getModel, `/models/${encodeURIComponent(name)}`, token, { name }),
};
