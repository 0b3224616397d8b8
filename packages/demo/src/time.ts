const HOUR_MS = 3_600_000;

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + Math.round(hours * HOUR_MS));
}

export function addDays(date: Date, days: number): Date {
  return addHours(date, days * 24);
}

/** `2026-10-01`, as partition keys spell a day. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
