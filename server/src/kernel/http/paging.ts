import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { PageQuery } from '@guanjia/contracts';

/** ORDER BY from `?sort=field` / `?sort=-field`, restricted to the columns a list allows. */
export function orderBy(sort: string | undefined, allowed: Record<string, PgColumn | SQL>, fallback: SQL | PgColumn): SQL | PgColumn {
  if (!sort) return fallback;
  const descending = sort.startsWith('-');
  const col = allowed[descending ? sort.slice(1) : sort];
  if (!col) return fallback;
  return descending ? desc(col) : asc(col);
}

export const offsetOf = (q: Pick<PageQuery, 'page' | 'pageSize'>) => (q.page - 1) * q.pageSize;

/** `%q%` for ILIKE with the wildcard characters of q escaped. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const countAll = sql<number>`count(*)::int`;
