/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For (Next's own server, or the reverse proxy in front of it, appends the peer it
 * saw; earlier entries are whatever the client claimed). "unknown" when there is none.
 */
export function readClientAddress(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
