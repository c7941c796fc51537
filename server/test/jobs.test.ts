import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { enqueue, JobRunner, registerJob, registerSchedule, slotOf } from '../src/kernel/jobs/jobs.service';
import type { Database } from '../src/db/client';
import { freshDatabase, reopenableDatabase, testDatabaseUrl } from './template';

let runs = 0;
registerJob('test.nightly', async () => {
  runs++;
  await new Promise((r) => setTimeout(r, 50));
  return { ok: true };
});
registerSchedule({ name: 'test.nightly', every: 'minute' });
registerJob('test.long', async (ctx) => {
  await ctx.progress(50);
  return { echoed: ctx.payload.value };
});

let db1: Database;
let db2: Database;
beforeAll(async () => {
  db1 = await freshDatabase();
  // On PostgreSQL the second instance has its own connection pool to the same database.
  db2 = testDatabaseUrl() ? await reopen(db1) : db1;
});
afterAll(async () => {
  if (db2 !== db1) await db2.close();
  await db1.close();
});

async function reopen(d: Database): Promise<Database> {
  const name = (await d.db.execute(sql`select current_database() as n`)).rows[0] as { n: string };
  const { openPostgres } = await import('../src/db/client');
  const { urlFor } = await import('./template');
  return openPostgres(urlFor(testDatabaseUrl()!, name.n), 5);
}

describe('jobs', () => {
  it('a scheduled job runs once per slot even with two server instances', async () => {
    const a = new JobRunner(db1.db);
    const b = new JobRunner(db2.db);
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    const slot = slotOf({ name: 'test.nightly', every: 'minute' })!;
    const rows = await db1.db.execute(sql`select status, slot from jobs where name = 'test.nightly'`);
    // The minute may roll over during the test: one run per slot, never two for one slot.
    const slots = (rows.rows as { slot: string; status: string }[]).map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots).toContain(slot);
    expect(runs).toBe(slots.length);
    expect((rows.rows as { status: string }[]).every((r) => r.status === 'done')).toBe(true);
  });

  it('a job survives a restart, and a job whose worker died is taken again', async () => {
    const storage = await reopenableDatabase();
    const first = await storage.open();
    const queued = await enqueue(first.db, 'test.long', { value: 42 });
    const orphan = await enqueue(first.db, 'test.long', { value: 7 });
    // The second job was running on an instance that crashed: its lease is long expired.
    await first.db.execute(sql`update jobs set status = 'running', locked_by = 'dead-instance', locked_until = now() - interval '1 minute', attempts = 1 where id = ${orphan}`);
    await first.close();

    const second = await storage.open();
    try {
      expect(await new JobRunner(second.db).tick()).toBeGreaterThanOrEqual(2);
      const rows = await second.db.execute(sql`select id, status, result, progress, attempts from jobs where id in (${queued}, ${orphan}) order by id`);
      expect(rows.rows).toEqual([
        { id: queued, status: 'done', result: { echoed: 42 }, progress: 100, attempts: 1 },
        { id: orphan, status: 'done', result: { echoed: 7 }, progress: 100, attempts: 2 },
      ]);
    } finally {
      await second.close();
    }
  });
});
