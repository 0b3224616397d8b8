/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For, which a reverse proxy in front of Pedigree appends (earlier entries are what
 * the client claimed). Next's own server only fills the header in when it is absent, so without
 * such a proxy a client can choose this value: the per-address sign-in throttle then holds only
 * behind a proxy, while the per-account one holds everywhere. "unknown" when there is none.
 */
export function readClientAddress(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
