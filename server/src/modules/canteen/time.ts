/**
 * Canteen time rules. Dates are Asia/Shanghai calendar days; Shanghai has no daylight saving, so
 * a local time is always UTC+08:00. A cutoff is "N days before the meal's day, at HH:MM" local.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Shanghai at instant `now`. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Shanghai wall-clock time HH:MM at instant `now`. */
export function shanghaiTime(now: Date): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Monday of the week that holds `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The instant of "`daysBefore` days before `day`, at `hhmm` Shanghai time". */
export function cutoffInstant(day: string, daysBefore: number, hhmm: string): Date {
  return new Date(`${addDays(day, -daysBefore)}T${hhmm.slice(0, 5)}:00+08:00`);
}

/** '2026-11-27T16:00' in Shanghai: how a cutoff is shown and put in messages. */
export function formatShanghai(d: Date): string {
  return `${shanghaiDay(d)} ${shanghaiTime(d)}`;
}
