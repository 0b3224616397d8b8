/** The drift page's URL for a selection; empty values are left out. */
export function driftHref(
  base: string,
  params: { deployment?: string | null; window?: string | null; feature?: string | null },
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${base}?${query}` : base;
}
