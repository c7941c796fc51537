import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

interface Internals {
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<{ rows: Record<string, unknown>[] }> } };
}

/**
 * Runs a hot statement as a named prepared statement (node-postgres: parsed once per connection,
 * and after five runs PostgreSQL may keep a generic plan instead of planning the big CTE on every
 * request). The name is a hash of the SQL text, so each variant of a statement (with or without
 * chosen dishes, say) is its own prepared statement. Same result shape as `db.execute`; on the
 * embedded database the name is ignored.
 */
export async function executePrepared(db: Db, query: SQL): Promise<{ rows: Record<string, unknown>[] }> {
  const d = db as unknown as Internals;
  const built = d.dialect.sqlToQuery(query);
  const name = `canteen_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
  return d.session.prepareQuery(built, undefined, name, false).execute();
}
