import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { computeMetrics, type MetricRequest } from '../../kernel/metrics/cache';
import { getMetric } from '../../kernel/metrics/metrics';

export interface LiveAsk { key: string; unitId: number; from: string; to: string; /** Known already: saves a query. */ path?: string }
export interface Live { value: number | null; available: boolean }

/**
 * Live values through the kernel registry only (never another module's code). A key that is not
 * registered (its module not installed yet) or fails is "unavailable", never an error. Many at once:
 * outside a transaction one query reads every cached value (`computeMetrics`), only misses are computed.
 */
export async function liveValues(db: Db | Tx, asks: LiveAsk[]): Promise<Live[]> {
  const missing = [...new Set(asks.filter((a) => a.path === undefined).map((a) => a.unitId))];
  const paths = new Map<number, string>();
  if (missing.length > 0) {
    const r = await db.execute(sql`select id, path from org_units where id in (${sql.join(missing.map((id) => sql`${id}`), sql`, `)})`);
    for (const row of r.rows as { id: number; path: string }[]) paths.set(row.id, row.path);
  }
  const out: Live[] = asks.map(() => ({ value: null, available: false }));
  const reqs: (MetricRequest & { i: number })[] = [];
  asks.forEach((a, i) => {
    const def = getMetric(a.key);
    const path = a.path ?? paths.get(a.unitId);
    if (def && path) reqs.push({ i, def, q: { unitId: a.unitId, path, from: a.from, to: a.to } });
  });
  if ('rollback' in db) {
    // Inside a transaction a failing metric query would abort it: each runs under a savepoint.
    for (const r of reqs) {
      try {
        const v = await db.transaction((sp) => r.def.compute(sp, r.q));
        out[r.i] = { value: v === null || Number.isFinite(v) ? v : null, available: true };
      } catch {
        out[r.i] = { value: null, available: false };
      }
    }
    return out;
  }
  const answers = await computeMetrics(db, reqs);
  answers.forEach((a, j) => {
    const v = 'error' in a ? undefined : a.value;
    out[reqs[j]!.i] = v === undefined ? { value: null, available: false } : { value: v === null || Number.isFinite(v) ? v : null, available: true };
  });
  return out;
}

/** One live value (see `liveValues`). */
export async function liveValue(db: Db | Tx, key: string, unitId: number, from: string, to: string, unitPath?: string): Promise<Live> {
  return (await liveValues(db, [{ key, unitId, from, to, ...(unitPath === undefined ? {} : { path: unitPath }) }]))[0]!;
}

export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
