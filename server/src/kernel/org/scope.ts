import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../http/errors';

/**
 * Data scope (数据范围): the org units a caller may act on for one permission — the subtrees
 * under the scope units of every role assignment that grants it. Every list filters with
 * `where(column)`; every single-object read or write checks `assert(unitId)` (404 outside).
 */
export class DataScope {
  constructor(
    /** Path prefixes like `/1/5/`; empty = nothing. */
    readonly paths: string[],
  ) {}

  get isEmpty(): boolean {
    return this.paths.length === 0;
  }

  /** The scope covers a whole tree (a root unit): needed for settings and roles that apply everywhere. */
  get coversRoot(): boolean {
    return this.paths.some((p) => /^\/\d+\/$/.test(p));
  }

  /** SQL condition: the org unit in `column` lies in scope. */
  where(column: AnyColumn | SQL): SQL {
    if (this.paths.length === 0) return sql`false`;
    const likes = sql.join(this.paths.map((p) => sql`u.path like ${`${p}%`}`), sql` or `);
    return sql`${column} in (select u.id from org_units u where ${likes})`;
  }

  /** Same for a unit known by its path (cheaper when the row carries the path). */
  coversPath(path: string): boolean {
    return this.paths.some((p) => path.startsWith(p));
  }

  async contains(db: Db | Tx, unitId: number): Promise<boolean> {
    if (this.paths.length === 0) return false;
    const r = await db.execute(sql`select path from org_units where id = ${unitId}`);
    const path = (r.rows[0] as { path?: string } | undefined)?.path;
    return path !== undefined && this.coversPath(path);
  }

  /** Throws 404 (not 403): an object outside the scope is, for this caller, not there. */
  async assert(db: Db | Tx, unitId: number): Promise<void> {
    if (!(await this.contains(db, unitId))) throw notFound();
  }
}

/** Collapse nested prefixes: `/1/` already covers `/1/5/`. */
export function normalisePaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}
