import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { computeMetric } from '../../kernel/metrics/cache';
import { getMetric } from '../../kernel/metrics/metrics';

/**
 * Live values through the kernel registry only (never another module's code). A key that is not
 * registered (its module not installed yet) or fails is "unavailable", never an error.
 */
export async function liveValue(db: Db | Tx, key: string, unitId: number, from: string, to: string, unitPath?: string): Promise<{ value: number | null; available: boolean }> {
  const def = getMetric(key);
  if (!def) return { value: null, available: false };
  // Callers that already know the unit's path pass it: a cached value is then one query.
  const path = unitPath ?? ((await db.execute(sql`select path from org_units where id = ${unitId}`)).rows[0] as { path: string } | undefined)?.path;
  if (!path) return { value: null, available: false };
  const q = { unitId, path, from, to };
  try {
    // Inside a transaction a failing metric query would abort it: run it under a savepoint.
    // Outside one, through the kernel's cache (values of ended periods are kept until their data changes).
    const v = 'rollback' in db ? await db.transaction((sp) => def.compute(sp, q)) : await computeMetric(db, def, q);
    return { value: v === null || Number.isFinite(v) ? v : null, available: true };
  } catch {
    return { value: null, available: false };
  }
}

export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
