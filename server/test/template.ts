import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { syncBuiltinRoles } from '../src/kernel/roles/roles.service';
import { seedDemo } from '../src/seed/seed';

/**
 * Test databases start from a template that is migrated and seeded once per run: on PGlite a
 * dumped data folder loaded per test file, on PostgreSQL a template database copied per file.
 */
export const TEMPLATE_FILE = path.resolve('.tmp/test-template.tar.gz');
export const PG_TEMPLATE = 'gj_test_template';

export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL;

export function urlFor(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function prepareTemplate(): Promise<void> {
  const base = testDatabaseUrl();
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const stale = await admin.query(`select datname from pg_database where datname like 'gj_test_%'`);
    for (const r of stale.rows as { datname: string }[]) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const db = await openPostgres(urlFor(base, PG_TEMPLATE), 2);
    await fill(db);
    await db.close();
    return;
  }
  const db = await openPglite(undefined);
  await fill(db);
  const dump = await db.pglite!.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  fs.writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

async function fill(db: Database): Promise<void> {
  await migrate(db.db);
  await syncBuiltinRoles(db.db);
  await seedDemo(db.db);
  // Planner statistics for the seeded rows; a PostgreSQL template's copies inherit them, and
  // without them some module queries pick nested loops over the whole province.
  await db.db.execute(sql`analyze`);
}

let counter = 0;

/** A fresh database for one test file, already migrated and seeded with the demo province. */
export async function freshDatabase(): Promise<Database> {
  const base = testDatabaseUrl();
  if (base) {
    const name = `gj_test_${process.pid}_${++counter}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    return openPostgres(urlFor(base, name), 20);
  }
  const blob = new Blob([fs.readFileSync(TEMPLATE_FILE)]);
  return openPglite(undefined, blob);
}

/** A brand-new database with nothing in it (not even migrations). */
export async function freshEmptyDatabase(): Promise<Database> {
  const base = testDatabaseUrl();
  if (!base) return openPglite(undefined);
  const name = `gj_test_empty_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return openPostgres(urlFor(base, name), 5);
}

/** A seeded database that can be opened, closed and opened again (a server restart). */
export async function reopenableDatabase(): Promise<{ open(): Promise<Database> }> {
  const base = testDatabaseUrl();
  if (base) {
    const name = `gj_test_re_${process.pid}_${++counter}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    return { open: () => openPostgres(urlFor(base, name), 5) };
  }
  const dir = fs.mkdtempSync(path.resolve('.tmp/pglite-'));
  const first = await openPglite(dir, new Blob([fs.readFileSync(TEMPLATE_FILE)]));
  await first.close();
  return { open: () => openPglite(dir) };
}
