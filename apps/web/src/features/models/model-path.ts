/** The page of a registered model; names may hold spaces, slashes or `%`. */
export function modelPath(name: string): string {
  return `/models/${encodeURIComponent(name)}`;
}

/**
 * A model name from the page's `[name]` segment. Pages receive it percent-encoded (route
 * handlers do not: vercel/next.js#64952); a malformed escape is taken literally, not a 500.
 */
export function decodeModelNameParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
