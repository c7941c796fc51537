import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';

/**
 * The few drizzle internals this helper needs (drizzle-orm 0.45): the dialect that turns an SQL
 * template into text + parameters, and the session's prepared-query factory, whose `execute(values)`
 * fills `sql.placeholder(...)` parameters. Typed here so a drizzle upgrade that changes them fails
 * the helper's own test (`prepared.test.ts`), not a module at run time.
 */
interface PreparedQuery { execute(values?: Record<string, unknown>): Promise<{ rows: Record<string, unknown>[] }> }
interface Internals {
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): PreparedQuery };
}

/** `p.name` is the placeholder for the value `name` given at execution. */
export type Placeholders<V> = { readonly [K in keyof V]: SQL };

export interface PreparedStatement<V extends Record<string, unknown>> {
  /** The statement's name on the server (`<prefix>_<hash of its text>`). */
  readonly name: string;
  /** The statement's SQL text (built once, on first use). */
  readonly text: string;
  /** Runs it with these values: same result shape as `db.execute`. */
  execute(db: Db | Tx, values: V): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * A hot statement written once, run many times as a **named prepared statement**: the SQL text is
 * built from the template the first time only (every value is a placeholder, `p.x`), and on
 * PostgreSQL (node-postgres) it is parsed once per connection; after five runs PostgreSQL may keep a
 * generic plan instead of planning the statement on every request. On the embedded database the name
 * is ignored and the statement runs as an ordinary parameterised query, with the same results.
 *
 * ```ts
 * const byCode = preparedStatement<{ code: string }>('canteen_by_code', (p) => sql`select id from t where code = ${p.code}`);
 * const { rows } = await byCode.execute(db, { code: 'X' });
 * ```
 *
 * Everything that varies must be a value (use `case`, `coalesce`, `= any(array)`), never SQL
 * spliced in at run time. Named statements live per connection: fine with a client-side pool
 * (pg-pool), not behind a transaction-mode connection pooler (PgBouncer in transaction mode).
 */
export function preparedStatement<V extends Record<string, unknown>>(prefix: string, build: (p: Placeholders<V>) => SQL): PreparedStatement<V> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`preparedStatement: bad name prefix ${prefix}`);
  const p = new Proxy({} as Placeholders<V>, { get: (_t, key) => (typeof key === 'string' ? sql.placeholder(key) : undefined) }) as Placeholders<V>;
  let built: { sql: string; params: unknown[]; name: string } | undefined;
  // Per database handle: the pool-backed handle keeps one prepared-query object; a transaction's
  // handle (its own session) gets a fresh, cheap one.
  const perDb = new WeakMap<object, PreparedQuery>();
  const ensure = (db: Db | Tx) => {
    if (!built) {
      const q = (db as unknown as Internals).dialect.sqlToQuery(build(p));
      built = { ...q, name: `${prefix}_${createHash('sha1').update(q.sql).digest('hex').slice(0, 16)}` };
    }
    return built;
  };
  return {
    get name() {
      if (!built) throw new Error('preparedStatement: not built yet (runs on first execute)');
      return built.name;
    },
    get text() {
      if (!built) throw new Error('preparedStatement: not built yet (runs on first execute)');
      return built.sql;
    },
    execute(db, values) {
      const b = ensure(db);
      const d = db as unknown as Internals;
      let q = perDb.get(d.session);
      if (!q) perDb.set(d.session, (q = d.session.prepareQuery(b, undefined, b.name, false)));
      return q.execute(values);
    },
  };
}
