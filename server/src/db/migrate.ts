import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { modules } from '../modules';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

interface JournalEntry { idx: number; tag: string }

/**
 * Every migration in order: the kernel's, then each module's own folder in the order of
 * modules.ts. A module's tags are prefixed with its name ("office/0000_registry"), so modules
 * number their files independently.
 */
export function readMigrations(): { tag: string; statements: string[] }[] {
  return [
    ...readJournal(MIGRATIONS_DIR, ''),
    ...modules.flatMap((m) => (m.migrations ? readJournal(m.migrations, `${m.name}/`) : [])),
  ];
}

/** One folder's migrations in journal order: the SQL drizzle-kit generated (plus custom ones). */
function readJournal(dir: string, prefix: string): { tag: string; statements: string[] }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: prefix + e.tag,
      statements: fs
        .readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

/**
 * Applies pending migrations in one transaction each, under an advisory lock so two instances
 * starting together against one PostgreSQL do not race. Returns the tags applied. `only` limits it
 * to some migrations (a restore first brings an empty database to the backup's schema).
 */
export async function migrate(db: Db, only?: string[]): Promise<string[]> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of readMigrations().filter((x) => !only || only.includes(x.tag))) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(727001)`);
      const done = await tx.execute(sql`SELECT 1 FROM schema_migrations WHERE tag = ${m.tag}`);
      if (done.rows.length > 0) return;
      for (const s of m.statements) await tx.execute(sql.raw(s));
      await tx.execute(sql`INSERT INTO schema_migrations (tag) VALUES (${m.tag})`);
      applied.push(m.tag);
    });
  }
  return applied;
}
