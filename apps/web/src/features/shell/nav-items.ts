/** The main navigation; later slices (runs, lineage, drift) add one line each. */
interface NavItem {
  href: string;
  label: string;
  /** Other path prefixes that belong to this item (a model's page belongs to Models). */
  alsoActiveUnder?: string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Models", alsoActiveUnder: ["/models/"] },
  { href: "/experiments", label: "Runs", alsoActiveUnder: ["/runs/"] },
  { href: "/lineage", label: "Lineage" },
  { href: "/impact", label: "Impact" },
];

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  const prefixes = item.alsoActiveUnder ?? [];
  if (prefixes.some((prefix) => pathname.startsWith(prefix))) return true;
  return item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
}
