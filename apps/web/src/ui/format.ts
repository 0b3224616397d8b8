// Shown dates are UTC, spelled the same on the server and in the browser (no hydration mismatch).
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDateTime(iso: string | null): string {
  return iso ? `${dateTime.format(new Date(iso))} UTC` : "never";
}

/** An enum value for people: "PRODUCTION" as "Production". */
export function formatEnumLabel(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
