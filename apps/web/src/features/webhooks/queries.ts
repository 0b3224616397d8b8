"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../../client/fetch-json.ts";
import type {
  CreatedWebhook,
  WebhookDeliveryView,
  WebhookEventName,
  WebhookSummary,
} from "./types.ts";

export type DeliveryStatusFilter = WebhookDeliveryView["status"] | "ALL";

const webhooksKey = ["webhooks"] as const;
const webhookUrl = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

/** Every webhook; the server page hands in the first list. */
export function useWebhooks(initialWebhooks: WebhookSummary[]) {
  return useQuery({
    queryKey: webhooksKey,
    queryFn: async () =>
      (await fetchJson<{ webhooks: WebhookSummary[] }>("/api/v1/webhooks")).webhooks,
    initialData: initialWebhooks,
  });
}

/** A webhook's recent deliveries (newest first), refreshed while shown: retries move on. */
export function useWebhookDeliveries(id: string, status: DeliveryStatusFilter) {
  const search = new URLSearchParams({ limit: "50" });
  if (status !== "ALL") search.set("status", status);
  return useQuery({
    queryKey: [...webhooksKey, id, "deliveries", status] as const,
    queryFn: async () =>
      (
        await fetchJson<{ deliveries: WebhookDeliveryView[] }>(
          `${webhookUrl(id)}/deliveries?${search.toString()}`,
        )
      ).deliveries,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; events: WebhookEventName[] }) =>
      fetchJson<CreatedWebhook>("/api/v1/webhooks", {
        method: "POST",
        body: JSON.stringify(input),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useSetWebhookEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; isEnabled: boolean }) =>
      fetchJson<WebhookSummary>(webhookUrl(input.id), {
        method: "PATCH",
        body: JSON.stringify({ isEnabled: input.isEnabled }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      // 204: no body to read.
      await fetchJson<null>(webhookUrl(id), { method: "DELETE" });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
