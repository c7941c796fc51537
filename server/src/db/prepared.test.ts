import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from './client';
import { preparedStatement } from './prepared';

// Runs on the embedded database, and on PostgreSQL when TEST_DATABASE_URL is set (there the
// statement must really be a named prepared statement on the connection).
let database: Database;
beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  database = url ? await openPostgres(url, 2) : await openPglite(undefined);
});
afterAll(() => database.close());

describe('preparedStatement', () => {
  it('builds its SQL once, fills the placeholders on every run, and gives the same rows as db.execute', async () => {
    let builds = 0;
    const add = preparedStatement<{ a: number; b: number; label: string | null; ids: string }>('test_add', (p) => {
      builds += 1;
      return sql`select (${p.a}::int + ${p.b}::int) as sum, coalesce(${p.label}::text, 'none') as label, cardinality(${p.ids}::int[]) as n`;
    });
    const r1 = await add.execute(database.db, { a: 1, b: 2, label: 'x', ids: '{1,2,3}' });
    const r2 = await add.execute(database.db, { a: 40, b: 2, label: null, ids: '{}' });
    expect(r1.rows).toEqual([{ sum: 3, label: 'x', n: 3 }]);
    expect(r2.rows).toEqual([{ sum: 42, label: 'none', n: 0 }]);
    // Many concurrent runs on the pool: each gets its own values back.
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => add.execute(database.db, { a: i, b: 1000, label: `v${i}`, ids: '{}' })));
    expect(many.map((r) => r.rows[0])).toEqual(Array.from({ length: 12 }, (_, i) => ({ sum: 1000 + i, label: `v${i}`, n: 0 })));
    expect(builds).toBe(1);
    expect(add.name).toMatch(/^test_add_[0-9a-f]{16}$/);
    expect(add.text).toContain('$1::int + $2::int');
    const direct = await database.db.execute(sql`select (${1}::int + ${2}::int) as sum, coalesce(${'x'}::text, 'none') as label, cardinality(${'{1,2,3}'}::int[]) as n`);
    expect(direct.rows).toEqual(r1.rows);
  });

  it('runs inside a transaction and rolls back with it; on PostgreSQL it is a named statement of the connection', async () => {
    const ins = preparedStatement<{ v: string }>('test_ins', (p) => sql`insert into prepared_probe (v) values (${p.v}) returning v`);
    await database.db.execute(sql`create table if not exists prepared_probe (v text primary key)`);
    await database.db.transaction(async (tx) => {
      expect((await ins.execute(tx, { v: 'kept' })).rows).toEqual([{ v: 'kept' }]);
      if (database.kind === 'postgres') {
        const names = (await tx.execute(sql`select name from pg_prepared_statements`)).rows.map((r) => r.name);
        expect(names).toContain(ins.name);
      }
    });
    await expect(database.db.transaction(async (tx) => {
      await ins.execute(tx, { v: 'gone' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    // A constraint violation surfaces as the driver's error, as with db.execute.
    await expect(ins.execute(database.db, { v: 'kept' })).rejects.toThrow();
    const rows = (await database.db.execute(sql`select v from prepared_probe order by v`)).rows;
    expect(rows).toEqual([{ v: 'kept' }]);
    await database.db.execute(sql`drop table prepared_probe`);
  });

  it('refuses a name prefix PostgreSQL would not take as is', () => {
    expect(() => preparedStatement('Bad-Name', () => sql`select 1`)).toThrow(/bad name prefix/);
  });
});
