"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson } from "../../../client/fetch-json.ts";

/**
 * Sends one change to the API, then refreshes the server-rendered page so that it shows what the
 * server decided; the error message of a refusal is kept for the form to show.
 */
export function useApiAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const [isSending, setIsSending] = useState(false);

  async function send(url: string, method: string, body?: unknown): Promise<boolean> {
    setIsSending(true);
    setError(null);
    try {
      await fetchJson(url, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      startTransition(() => router.refresh());
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return false;
    } finally {
      setIsSending(false);
    }
  }

  return { send, error, isBusy: isSending || isPending, clearError: () => setError(null) };
}
