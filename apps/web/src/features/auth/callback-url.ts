/**
 * Where to go after signing in: a path on this site only (never `//evil.example` or an absolute
 * URL, which would make the sign-in page an open redirect), and never back to /signin itself.
 */
export function toSafeCallbackUrl(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate?.startsWith("/")) return "/";
  if (candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
  if ([...candidate].some((char) => char.charCodeAt(0) < 0x20)) return "/";
  if (candidate === "/signin" || candidate.startsWith("/signin?")) return "/";
  return candidate;
}
