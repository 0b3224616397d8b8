"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ModelDetailView, ModelHistoryView, PromotionRequestView } from "./types.ts";

/** An error answer `{ error: { code, message, details } }`, kept whole: details name the gates. */
export class RegistryApiError extends Error {
  override readonly name = "RegistryApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | null,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

async function requestJson<T>(url: string, body?: unknown): Promise<T> {
  const headers = new Headers({ accept: "application/json" });
  if (body !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) return answer as T;
  const error = isRecord(answer) && isRecord(answer.error) ? answer.error : null;
  throw new RegistryApiError(
    response.status,
    typeof error?.code === "string" ? error.code : "UNKNOWN",
    typeof error?.message === "string" ? error.message : `The server answered ${response.status}`,
    isRecord(error?.details) ? error.details : null,
  );
}

const segment = encodeURIComponent;
const modelUrl = (name: string) => `/api/v1/models/${segment(name)}`;

const registryKeys = {
  model: (name: string) => ["registry", "model", name] as const,
  history: (name: string, at: string | null) => ["registry", "history", name, at] as const,
};

/** The model page's data; the server page hands in the first answer. */
export function useModelDetail(name: string, initialModel?: ModelDetailView) {
  return useQuery({
    queryKey: registryKeys.model(name),
    queryFn: () => requestJson<ModelDetailView>(modelUrl(name)),
    initialData: initialModel,
  });
}

/** The production version at `at` (an ISO instant; null: now) and every transition. */
export function useModelHistory(name: string, at: string | null) {
  return useQuery({
    queryKey: registryKeys.history(name, at),
    queryFn: () =>
      requestJson<ModelHistoryView>(`${modelUrl(name)}/history${at ? `?at=${segment(at)}` : ""}`),
    placeholderData: (previous) => previous,
  });
}

/** After any change the page shows what the server now says: the model and its history. */
function useRefetchModel(name: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: registryKeys.model(name) }),
      queryClient.invalidateQueries({ queryKey: ["registry", "history", name] }),
    ]);
}

export function useRequestPromotion(name: string) {
  const refetch = useRefetchModel(name);
  return useMutation({
    mutationFn: (input: {
      version: number;
      targetStage: "STAGING" | "PRODUCTION";
      reason: string;
    }) =>
      requestJson<PromotionRequestView>(
        `${modelUrl(name)}/versions/${input.version}/promotion-requests`,
        { targetStage: input.targetStage, reason: input.reason },
      ),
    onSettled: refetch,
  });
}

export function useDecideRequest(name: string) {
  const refetch = useRefetchModel(name);
  return useMutation({
    mutationFn: (input: { id: string; decision: "approve" | "reject"; comment: string }) =>
      requestJson<PromotionRequestView>(
        `/api/v1/promotion-requests/${segment(input.id)}/decisions`,
        {
          decision: input.decision,
          comment: input.comment,
        },
      ),
    onSettled: refetch,
  });
}

export function useOverrideGate(name: string) {
  const refetch = useRefetchModel(name);
  return useMutation({
    mutationFn: (input: { id: string; gate: string; justification: string }) =>
      requestJson<PromotionRequestView>(
        `/api/v1/promotion-requests/${segment(input.id)}/overrides`,
        {
          gate: input.gate,
          justification: input.justification,
        },
      ),
    onSettled: refetch,
  });
}

export function useCancelRequest(name: string) {
  const refetch = useRefetchModel(name);
  return useMutation({
    mutationFn: (id: string) =>
      requestJson<PromotionRequestView>(`/api/v1/promotion-requests/${segment(id)}/cancel`, {}),
    onSettled: refetch,
  });
}

export function useRollback(name: string) {
  const refetch = useRefetchModel(name);
  return useMutation({
    mutationFn: (reason: string) =>
      requestJson<PromotionRequestView>(`${modelUrl(name)}/rollback`, { reason }),
    onSettled: refetch,
  });
}
