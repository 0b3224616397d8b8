"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../../client/fetch-json.ts";
import type { CreatedToken, TokenSummary } from "./types.ts";

const tokensKey = ["tokens"] as const;

/** The signed-in user's tokens; the server page hands in the first list. */
export function useTokens(initialTokens: TokenSummary[]) {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await fetchJson<{ tokens: TokenSummary[] }>("/api/v1/tokens")).tokens,
    initialData: initialTokens,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      fetchJson<CreatedToken>("/api/v1/tokens", { method: "POST", body: JSON.stringify({ name }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<TokenSummary>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
