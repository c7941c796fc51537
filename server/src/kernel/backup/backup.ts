import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { readMigrations } from '../../db/migrate';

/**
 * Logical backup that works the same on PGlite and PostgreSQL (and moves data between them):
 * gzip'd JSON lines — a header, then per table its rows as PostgreSQL's own JSON of each row.
 * Restore goes into an empty, migrated database, parents before children, in one transaction.
 */
const FORMAT = 'guanjia-backup/1';
/** Tables that triggers write while other tables are restored (see migration 0004). */
const TRIGGER_MAINTAINED = ['grants_epoch'];
const BATCH = 1000;

interface Header { format: string; createdAt: string; migrations: string[]; tables: string[] }

/** Tables of the public schema, ordered so every foreign key points to an earlier table. */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const t = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const fk = await db.execute(sql`select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`);
  const tables = (t.rows as { table_name: string }[]).map((r) => r.table_name);
  const deps = new Map(tables.map((n) => [n, new Set<string>()]));
  for (const r of fk.rows as { child: string; parent: string }[]) if (r.child !== r.parent) deps.get(r.child)?.add(r.parent);
  const out: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (out.includes(n) || path.has(n)) return;
    path.add(n);
    for (const p of deps.get(n) ?? []) visit(p, path);
    out.push(n);
  };
  for (const n of tables) visit(n, new Set());
  return out;
}

async function primaryKeyOrder(db: Db, table: string): Promise<string> {
  const r = await db.execute(sql`select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table}::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`);
  const cols = (r.rows as { attname: string }[]).map((x) => `"${x.attname}"`);
  return cols.length ? cols.join(', ') : 'row_to_json(t)::text';
}

export async function backupTo(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  // One consistent snapshot of every table, even while the server writes (PostgreSQL).
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    return dumpAll(tx as unknown as Db, file);
  });
}

async function dumpAll(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInDependencyOrder(db);
  const gz = zlib.createGzip();
  // It holds password hashes and TOTP secrets: readable by its owner only.
  const out = fs.createWriteStream(file, { mode: 0o600 });
  gz.pipe(out);
  const write = (line: unknown) => new Promise<void>((res) => (gz.write(`${JSON.stringify(line)}\n`) ? res() : gz.once('drain', res)));
  const header: Header = { format: FORMAT, createdAt: new Date().toISOString(), migrations: readMigrations().map((m) => m.tag), tables };
  await write(header);
  let rows = 0;
  for (const table of tables) {
    const order = await primaryKeyOrder(db, table);
    let offset = 0;
    for (;;) {
      const r = await db.execute(sql.raw(`select row_to_json(t)::text as j from "${table}" t order by ${order} limit ${BATCH} offset ${offset}`));
      const batch = (r.rows as { j: string }[]).map((x) => JSON.parse(x.j) as unknown);
      if (batch.length === 0) break;
      await write({ table, rows: batch });
      rows += batch.length;
      offset += batch.length;
    }
  }
  await new Promise<void>((res, rej) => {
    out.on('finish', res).on('error', rej);
    gz.end();
  });
  return { tables: tables.length, rows };
}

function openLines(file: string) {
  return readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
}

/** The backup's header: which schema (migrations) its rows belong to. */
export async function readBackupHeader(file: string): Promise<Header> {
  const iter = openLines(file);
  const first = await iter.next();
  await iter.return?.();
  let header: Header;
  try {
    header = JSON.parse(String(first.value ?? '{}')) as Header;
  } catch {
    throw new Error(`Not a Guanjia backup (${file})`);
  }
  if (header.format !== FORMAT) throw new Error(`Not a Guanjia backup (${file})`);
  const known = readMigrations().map((m) => m.tag);
  const missing = header.migrations.filter((m) => !known.includes(m));
  if (missing.length) throw new Error(`The backup comes from a newer version (migrations ${missing.join(', ')}); upgrade first`);
  return header;
}

/**
 * Restores into an empty database whose schema is exactly the backup's (migrate it with the
 * header's migrations first; newer migrations run after the restore, on the restored data).
 */
export async function restoreFrom(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const header = await readBackupHeader(file);
  const iter = openLines(file);
  await iter.next();
  let rows = 0;
  const late: { table: string; batch: unknown[] }[] = [];
  await db.transaction(async (tx) => {
    // Triggers that derive data from inserted rows (a module's running balances) can tell a restore,
    // whose rows already carry the derived values, from new business: `guanjia.restoring` is 'on'.
    await tx.execute(sql`select set_config('guanjia.restoring', 'on', true)`);
    const count = await tx.execute(sql`select (select count(*) from users)::int + (select count(*) from audit_log)::int as n`);
    if ((count.rows[0] as { n: number }).n > 0) throw new Error('Restore needs an empty database (migrated, no data)');
    // Modules' triggers that derive data from other tables or guard edits (energy summaries, locked
    // periods) stand aside while the backup's rows, derived ones included, are replayed.
    await tx.execute(sql`select set_config('guanjia.restoring', 'on', true)`);
    const applied = (await tx.execute(sql`select tag from schema_migrations order by tag`)).rows.map((r) => r.tag as string);
    if (applied.join() !== [...header.migrations].sort().join()) throw new Error(`The database schema (${applied.join(', ')}) is not the backup's (${header.migrations.join(', ')})`);
    // Start-up data (built-in roles, schema_migrations) is replaced by the backup's.
    for (const t of [...header.tables].reverse()) if (t !== 'audit_log') await tx.execute(sql.raw(`delete from "${t}"`));
    for (let line = await iter.next(); !line.done; line = await iter.next()) {
      const text = String(line.value);
      if (!text.trim()) continue;
      const { table, rows: batch } = JSON.parse(text) as { table: string; rows: unknown[] };
      if (!header.tables.includes(table)) throw new Error(`Unknown table ${table} in backup`);
      if (TRIGGER_MAINTAINED.includes(table)) late.push({ table, batch });
      await tx.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(batch)}::json)`);
      rows += batch.length;
    }
    // Counters that triggers move while other tables are inserted get the backup's values last.
    for (const { table, batch } of late) {
      await tx.execute(sql`delete from ${sql.identifier(table)}`);
      await tx.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(batch)}::json)`);
    }
    // Serial columns continue after the restored ids.
    const seqs = await tx.execute(sql`select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
      from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`);
    for (const s of seqs.rows as { table_name: string; column_name: string; seq: string | null }[]) {
      if (!s.seq) continue;
      await tx.execute(sql.raw(`select setval('${s.seq}', coalesce((select max("${s.column_name}") from "${s.table_name}"), 0) + 1, false)`));
    }
  });
  return { tables: header.tables.length, rows };
}

/** One digest per table, for comparing two databases row for row. */
export async function tableDigests(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const table of await tablesInDependencyOrder(db)) {
    const order = await primaryKeyOrder(db, table);
    const r = await db.execute(sql.raw(`select count(*)::int as n, coalesce(md5(string_agg(row_to_json(t)::text, '|' order by ${order})), '') as h from "${table}" t`));
    const row = r.rows[0] as { n: number; h: string };
    out[table] = { rows: row.n, md5: row.h };
  }
  return out;
}
