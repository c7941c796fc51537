import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';
import { lockDataDir } from './pglite-lock';

export type Schema = typeof schema;
/** Raw `execute` results: both drivers return `{ rows }`. */
interface RowsResultHKT extends PgQueryResultHKT {
  readonly type: { rows: Record<string, unknown>[] };
}
/** One database type for both drivers: modules never know which one runs. */
export type Db = PgDatabase<RowsResultHKT, Schema>;
/** A transaction handle; same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** The PGlite instance (embedded mode only): used for test templates. */
  pglite?: PGlite;
}

/**
 * Every connection's session time zone. The bureau's day is Shanghai's: `current_date`, date_trunc
 * and to_char on timestamptz must agree with the calendar users see, whatever the server's own zone
 * (a UTC server is a day behind from 16:00 to 24:00 UTC). All stored times are timestamptz, so this
 * changes how they are read, never what is stored.
 */
export const SESSION_TIME_ZONE = 'Asia/Shanghai';

// int8 as string in pg (precision-safe); callers cast to int in SQL where they want a number.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { btree_gist },
  });
  await client.exec(`set time zone '${SESSION_TIME_ZONE}'`);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

export async function openPostgres(url: string, max = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, options: `-c TimeZone=${SESSION_TIME_ZONE}` });
  pool.on('error', () => undefined); // idle-client errors surface on the next query
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end() };
}

/** The configured database; the embedded one is locked to this process until it is closed. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  const release = lockDataDir(opts.dataDir);
  try {
    const d = await openPglite(path.join(opts.dataDir, 'pglite'));
    return { ...d, close: async () => {
      await d.close();
      release();
    } };
  } catch (e) {
    release();
    throw e;
  }
}
