"use client";

import { useQuery } from "@tanstack/react-query";

interface ArtifactText {
  text: string;
  /** The whole file's size; more than the text shows when truncated. */
  size: number;
  isTruncated: boolean;
}

async function fetchArtifactText(url: string): Promise<ArtifactText> {
  const response = await fetch(`${url}?preview=text`, { credentials: "same-origin" });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(answer?.error?.message ?? `The server answered ${response.status}`);
  }
  const text = await response.text();
  return {
    text,
    size: Number(response.headers.get("x-artifact-size") ?? text.length),
    isTruncated: response.headers.get("x-artifact-truncated") === "true",
  };
}

/** The first 64 KiB of a text artifact, fetched once the preview is opened. */
export function useArtifactText(url: string) {
  return useQuery({
    queryKey: ["artifact-text", url],
    queryFn: () => fetchArtifactText(url),
    staleTime: 60_000,
    retry: false,
  });
}
