// npx tsx bench/office-explain.ts — the compliance engine's plan on a freshly migrated and seeded
// PostgreSQL (port 5451) before any ANALYZE: the situation of a new installation or a test run.
import { sql } from 'drizzle-orm';
import { openPostgres } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { syncBuiltinRoles } from '../server/src/kernel/roles/roles.service';
import { seedDemo } from '../server/src/seed/seed';
import { startPostgres } from './postgres';

const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const pg = startPostgres(5451);
if (!pg) throw new Error('PostgreSQL is not installed');
const database = await openPostgres(pg.url, 2);
const db = database.db;
try {
  await migrate(db);
  await syncBuiltinRoles(db);
  await seedDemo(db);
  // A fresh database: autovacuum has not analysed the new tables yet.
  const time = async (label: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await db.execute(sql`select count(*) from office_room_compliance(${DATE}::date, '/')`);
      runs.push(performance.now() - t0);
    }
    console.log(label, runs.map((x) => Math.round(x)).join(' / '), 'ms');
  };
  const analysed = async () => (await db.execute(sql`select count(*)::int as n from pg_stat_user_tables where relname like 'office_%' and (last_analyze is not null or last_autoanalyze is not null)`)).rows[0];
  console.log('office tables analysed:', JSON.stringify(await analysed()));
  await time('province-wide, no statistics:');
  await db.execute(sql`load 'auto_explain'`).catch(() => undefined);
  await db.execute(sql`set auto_explain.log_min_duration = 0`).catch(() => undefined);
  const plan = await db.execute(sql`explain (analyze, buffers off, costs on) select count(*) from office_room_compliance(${DATE}::date, '/')`);
  console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
  // For comparison: the shape of the engine before migrations 0006/0010 (aggregate joined per room).
  const inner = await db.execute(sql.raw(`explain analyze
    SELECT r.id, a.n FROM office_room_uses u JOIN office_rooms r ON r.id = u.room_id
    LEFT JOIN (SELECT o.room_id, count(*)::int AS n, sum(s.area_m2) AS ent FROM office_occupancies o JOIN office_persons p ON p.id = o.person_id
      JOIN org_units ou ON ou.id = p.org_unit_id LEFT JOIN office_standard_on('${DATE}') s ON s.organ_level = ou.organ_level AND s.rank_code = p.rank_code
      WHERE o.during @> '${DATE}'::date GROUP BY o.room_id) a ON a.room_id = r.id
    WHERE u.during @> '${DATE}'::date AND u.status = 'in_use' AND r.room_class = 'office'`));
  console.log(inner.rows.map((r) => Object.values(r)[0]).join('\n'));
  await db.execute(sql`analyze`);
  await time('province-wide, after ANALYZE:');
} finally {
  await database.close();
  pg.stop();
}
