import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';

/**
 * Ids taken from a table's sequence ahead of time, in blocks (hi/lo), so a hot write can name its
 * row, and audit it, before the one statement that inserts it. A failed write leaves a gap in the
 * ids, as a rolled-back nextval() always does. Blocks are kept per database handle.
 */
const BLOCK = 64;
const blocks = new WeakMap<object, Map<string, number[]>>();

export async function nextId(db: Db | Tx, table: 'canteen_bookings' | 'canteen_takeaway_orders', root: Db): Promise<number> {
  let perDb = blocks.get(root);
  if (!perDb) blocks.set(root, (perDb = new Map()));
  let free = perDb.get(table);
  if (!free) perDb.set(table, (free = []));
  if (free.length === 0) {
    const r = await db.execute(sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id from generate_series(1, ${BLOCK})`);
    free.push(...(r.rows as { id: string | number }[]).map((x) => Number(x.id)).sort((a, b) => b - a));
  }
  return free.pop()!;
}
