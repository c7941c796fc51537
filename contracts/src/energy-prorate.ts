// Pro-rating of bills spanning months, without zod: the web imports it at runtime (zod's JIT would trip the CSP).
export interface ProratedPortion { month: string; days: number; quantity: number; costFen: number }

/** Days of [start, end] (ISO dates, inclusive) falling in each calendar month. */
export function daysByMonth(start: string, end: string): { month: string; days: number }[] {
  const out: { month: string; days: number }[] = [];
  let cur = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${end}T00:00:00Z`);
  while (cur <= last) {
    const mEnd = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth() + 1, 0));
    const stop = mEnd < last ? mEnd : last;
    out.push({ month: cur.toISOString().slice(0, 7), days: Math.round((stop.getTime() - cur.getTime()) / 86_400_000) + 1 });
    cur = new Date(stop.getTime() + 86_400_000);
  }
  return out;
}

/**
 * Pro-rates a bill by days into monthly portions. Quantities are rounded to 4 decimals and fen to
 * whole fen; the last month takes the remainder, so the portions add up to the bill exactly.
 * Shared by the server (what is stored) and the web (the preview before saving).
 */
export function prorate(start: string, end: string, quantity: number, costFen: number): ProratedPortion[] {
  const months = daysByMonth(start, end);
  const total = months.reduce((a, m) => a + m.days, 0);
  let qLeft = Math.round(quantity * 10000);
  let cLeft = costFen;
  return months.map((m, i) => {
    const last = i === months.length - 1;
    const q = last ? qLeft : Math.round((quantity * 10000 * m.days) / total);
    const c = last ? cLeft : Math.round((costFen * m.days) / total);
    qLeft -= q;
    cLeft -= c;
    return { month: m.month, days: m.days, quantity: q / 10000, costFen: c };
  });
}
