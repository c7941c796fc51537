// Cockpit benchmark (npm run bench:plans): time to the cockpit's full data for the province scope
// (p95 of GET /api/plans/cockpit), as a ratio to the sum of its underlying queries, each run alone
// with an empty metric cache (p95 each), on PostgreSQL (port 5454) at province scale with the other
// modules' real metrics:
//
// - office: BENCH_ORGANS (3,000, bench/office.ts's scale) organs spread over every prefecture and
//   county, their buildings, rooms and people from the office module's own generator
//   (`generateOffices`, as bench/office.ts);
// - energy: BENCH_INSTITUTIONS (10,000, bench/energy.ts's scale) institutions — the office organs and
//   further energy-only ones — × 72 months (2020–2025) × 8 energy types, loaded the way bench/energy.ts
//   loads them (its generator statement with triggers off, summaries rebuilt by energy_rebuild_summaries());
// - canteen: BENCH_CANTEENS (100) canteens in bench organs over every prefecture, BENCH_DINERS (40)
//   diners each, one lunch booking per diner and working day from 1 January 2025 to yesterday (about
//   1.9 million bookings: served, no-show or cancelled) and each lunch's recorded waste (four meals in
//   five also with the kitchen's tally), a bulk SQL generator here (bench/canteen.ts is a load test with
//   no history generator);
// - plans: a plan for every county with 40 indicators/tasks reported quarterly.
//
// The kernel caches metric values (server/src/kernel/metrics/cache.ts), so the cockpit is measured
// cold (cache emptied before each run), warm, after an energy write (energy's figures recomputed,
// office's still cached), and for the current year (its open period is recomputed every 5 minutes).
// PGlite is not measured here (BENCH_PGLITE=1 adds it at BENCH_PGLITE_ORGANS scale, 200 by default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { boot } from '../server/src/boot';
import { loadEnv } from '../server/src/config/env';
import type { Db } from '../server/src/db/client';
import { listMetrics } from '../server/src/kernel/metrics/metrics';
import { today } from '../server/src/kernel/excel/reply';
import { DataScope } from '../server/src/kernel/org/scope';
import { generateOffices } from '../server/src/modules/office';
import { metricsFor } from '../server/src/modules/plans/cockpit.service';
import { ranking } from '../server/src/modules/plans/evaluation.service';
import { suggestionCounts } from '../server/src/modules/plans/suggestions.service';
import { scorePlans } from '../server/src/modules/plans/tree';
import { readableUnits } from '../server/src/modules/plans/access';
import { signIn } from '../server/test/helpers';
import { startPostgres } from './postgres';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const ORGANS = Number(process.env.BENCH_ORGANS ?? 3000);
const CANTEENS = Number(process.env.BENCH_CANTEENS ?? 100);
const DINERS = Number(process.env.BENCH_DINERS ?? 40);
const YEAR = 2025;
const TYPES = ['electricity', 'water', 'heat', 'natural_gas', 'gasoline', 'diesel', 'coal', 'lpg'];

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function scaleUp(db: Db, organs: number, institutions: number): Promise<Record<string, number>> {
  const t0 = performance.now();
  // Organs over every prefecture and county (as bench/office.ts), with offices from the office module's generator.
  await db.transaction(async (tx) => {
    const regions = (await tx.execute(sql`select count(*)::int as n from org_units where kind = 'region' and region_level in ('prefecture', 'county')`)).rows[0] as { n: number };
    const per = Math.ceil(organs / regions.n);
    await tx.execute(sql`insert into org_units (kind, parent_id, path, name, organ_level)
      select 'organ', g.id, 'tmp/' || g.id || '/' || k, g.name || '第' || k || '局', case g.region_level when 'prefecture' then 'prefectural' else 'county' end
      from org_units g, generate_series(1, ${per}) k where g.kind = 'region' and g.region_level in ('prefecture', 'county')`);
    await tx.execute(sql`update org_units u set path = p.path || u.id || '/' from org_units p where p.id = u.parent_id and u.path like 'tmp/%'`);
    await tx.execute(sql`alter table office_occupancies disable trigger office_occupancy_check`);
    await generateOffices(tx, sql`select id from org_units where kind = 'organ' and name like '%第%局'`, 'BEN', '2020-01-01', { floors: 3, roomsPerFloor: 8, buildings: 2, persons: 40 });
    await tx.execute(sql`alter table office_occupancies enable trigger office_occupancy_check`);
  });
  // Canteens: CANTEENS canteens in bench organs spread over the prefectures, DINERS diners each (new users),
  // one lunch booking per diner and working day since 2025 (served, no-show or cancelled), each lunch's waste
  // measured, four in five also with the kitchen's tally. Loaded with triggers off (the booking rules are the
  // module's, not the benchmark's), indexes kept.
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temporary table bench_canteens on commit drop as
      select row_number() over (order by o.id) as n, o.id as org_unit_id from (
        select o.id, row_number() over (partition by p.id order by o.id) as k from org_units o join org_units p on o.path like p.path || '%' and p.region_level = 'prefecture'
        where o.kind = 'organ' and o.name like '%第%局') o where o.k <= ${Math.ceil(CANTEENS / 13)} order by o.id limit ${CANTEENS}`);
    await tx.execute(sql`insert into canteen_canteens (org_unit_id, name, address) select org_unit_id, '压测食堂' || n, '机关办公区一楼' from bench_canteens`);
    await tx.execute(sql`insert into canteen_meal_periods (canteen_id, meal, starts_at, ends_at, book_days_before, book_cutoff, cancel_days_before, cancel_cutoff)
      select c.id, 'lunch', '11:30', '13:00', 1, '16:00', 0, '09:00' from canteen_canteens c where c.name like '压测食堂%'`);
    await tx.execute(sql`insert into canteen_diner_categories (canteen_id, code, name_zh, name_en, breakfast_fen, lunch_fen, dinner_fen, monthly_subsidy_fen, is_default)
      select c.id, 'staff', '在编职工', 'Staff', 300, 800, 600, 0, true from canteen_canteens c where c.name like '压测食堂%'`);
    await tx.execute(sql`insert into users (username, display_name, org_unit_id, password_hash, must_change_password)
      select 'benchdiner' || c.id || '-' || g, '压测就餐人' || g, c.org_unit_id, (select password_hash from users where username = 'hlj.staff'), false
      from canteen_canteens c, generate_series(1, ${DINERS}) g where c.name like '压测食堂%'`);
    await tx.execute(sql`insert into canteen_diners (canteen_id, user_id, category_id)
      select c.id, x.id, k.id from canteen_canteens c join users x on x.username ^@ ('benchdiner' || c.id || '-') join canteen_diner_categories k on k.canteen_id = c.id where c.name like '压测食堂%'`);
    await tx.execute(sql`set local session_replication_role = replica`);
    // Working days since 2025 up to yesterday (Shanghai): about 5 % of bookings cancelled, 8 % no-shows, the rest served.
    await tx.execute(sql`insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, status, charged, pickup_code, created_at, served_at, cancelled_at)
      select d.canteen_id, c.org_unit_id, d.user_id, day::date, 'lunch', d.category_id, 800,
        case when (d.user_id * 31 + extract(doy from day)::int * 7) % 100 < 5 then 'cancelled' when (d.user_id * 31 + extract(doy from day)::int * 7) % 100 < 13 then 'booked' else 'served' end,
        true, 'bn' || d.user_id || '-' || to_char(day, 'YYYYMMDD'), day - interval '1 day',
        case when (d.user_id * 31 + extract(doy from day)::int * 7) % 100 >= 13 then day + interval '12 hours' end,
        case when (d.user_id * 31 + extract(doy from day)::int * 7) % 100 < 5 then day - interval '12 hours' end
      from canteen_diners d join canteen_canteens c on c.id = d.canteen_id,
        generate_series('2025-01-01'::date, (now() at time zone 'Asia/Shanghai')::date - 1, interval '1 day') day
      where c.name like '压测食堂%' and extract(isodow from day) < 6`);
    await tx.execute(sql`insert into canteen_meal_services (canteen_id, org_unit_id, day, meal, booked, booked_served, walk_ins, prepared, prep_surplus_g, unserved_g, plate_g)
      select b.canteen_id, c.org_unit_id, b.day, 'lunch',
        case when (b.canteen_id + extract(doy from b.day)::int) % 5 <> 0 then count(*) filter (where b.status <> 'cancelled') end,
        case when (b.canteen_id + extract(doy from b.day)::int) % 5 <> 0 then count(*) filter (where b.status = 'served') end,
        (b.canteen_id + extract(doy from b.day)::int) % 4, count(*) + 3,
        1500 + (b.canteen_id * 37 + extract(doy from b.day)::int * 11) % 2500, 300 + (b.canteen_id * 13 + extract(doy from b.day)::int * 5) % 900,
        800 + (b.canteen_id * 7 + extract(doy from b.day)::int * 3) % 1200
      from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id where c.name like '压测食堂%' group by b.canteen_id, c.org_unit_id, b.day`);
    await tx.execute(sql`set local session_replication_role = origin`);
  });
  // Energy: the bench organs as institutions, plus energy-only ones (schools, hospitals…) up to `institutions`,
  // 72 months × 8 types, loaded as bench/energy.ts loads them (triggers off, indexes rebuilt, summaries in bulk).
  const officeOrgans = ((await db.execute(sql`select count(*)::int as n from org_units where kind = 'organ' and name like '%第%局'`)).rows[0] as { n: number }).n;
  const extra = Math.max(0, institutions - officeOrgans);
  if (extra > 0) {
    await db.execute(sql`insert into org_units (kind, parent_id, path, name, organ_level)
      select 'organ', g.id, 'tmp/' || g.id || '/' || k, g.name || '第' || k || '所', 'county'
      from (select id, name, row_number() over (order by id) - 1 as n, count(*) over () as c from org_units where kind = 'region' and region_level = 'county') g,
        generate_series(1, ${extra}) k where k % g.c = g.n`);
    await db.execute(sql`update org_units u set path = p.path || u.id || '/' from org_units p where p.id = u.parent_id and u.path like 'tmp/%'`);
  }
  const benchInstitutions = sql`(select id from org_units where kind = 'organ' and (name like '%第%局' or name like '%第%所'))`;
  await db.execute(sql`insert into energy_institutions (org_unit_id, category) select id, (array['organ','school','hospital','other'])[1 + id % 4] from org_units where id in ${benchInstitutions}`);
  await db.execute(sql`insert into energy_denominators (org_unit_id, effective_from, headcount, floor_area, heated_area)
    select org_unit_id, '2020-01-01', 50 + org_unit_id % 300, 2000 + org_unit_id % 9000, 1900 + org_unit_id % 9000 from energy_institutions i where i.org_unit_id in ${benchInstitutions}`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    const tables = ['energy_consumption', 'energy_monthly', 'energy_yearly', 'energy_node_monthly', 'energy_node_yearly', 'energy_node_denominators'];
    const idx = (await tx.execute(sql`select c.relname as tbl, i.relname as name, pg_get_indexdef(i.oid) as def, con.conname as con, pg_get_constraintdef(con.oid) as condef
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
      left join pg_constraint con on con.conindid = i.oid and con.contype in ('p', 'u')
      where c.relname in (${sql.join(tables.map((tb) => sql`${tb}`), sql`, `)})`)).rows as { tbl: string; name: string; def: string; con: string | null; condef: string | null }[];
    for (const i of idx) await tx.execute(sql.raw(i.con ? `alter table ${i.tbl} drop constraint ${i.con}` : `drop index ${i.name}`));
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating)
      select i.org_unit_id, m::date, t, round((10 + (i.org_unit_id * 7 + extract(month from m)::int * 13 + length(t)) % 1000)::numeric, 2), 100 * (1 + i.org_unit_id % 50), t = 'heat'
      from energy_institutions i, generate_series('2020-01-01'::date, '2025-12-01'::date, interval '1 month') m, unnest(${sql.raw(`array[${TYPES.map((x) => `'${x}'`).join(',')}]`)}) t
      where i.org_unit_id in ${benchInstitutions}`);
    await tx.execute(sql`set local session_replication_role = origin`);
    await tx.execute(sql`select energy_rebuild_summaries()`);
    for (const i of idx) await tx.execute(sql.raw(i.con ? `alter table ${i.tbl} add constraint ${i.con} ${i.condef}` : i.def));
  });
  // Plans: a plan for every county, 40 items each, reported quarterly.
  await db.execute(sql`insert into plan_plans (org_unit_id, name, level, kind, start_year, end_year, parent_plan_id, status)
    select u.id, u.name || '机关事务工作“十四五”规划', 'county', 'special', 2021, 2025, (select p.id from plan_plans p where p.org_unit_id = u.parent_id and p.level = 'prefecture' limit 1), 'published'
    from org_units u where u.region_level = 'county'`);
  await db.execute(sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, weight, unit, baseline_year, baseline_value, target_year, target_value, direction, binding, metric_key, owner_unit_id, deadline)
    select p.id, p.org_unit_id, case when g % 2 = 0 then 'indicator' else 'task' end, 'B' || g, '基准事项 ' || g, g, 1 + g % 5,
      case when g % 2 = 0 then '%' end, 2020, case when g % 2 = 0 then 50 end, 2025, case when g % 2 = 0 then 100 end, case when g % 2 = 0 then 'up' end, case when g % 2 = 0 then 'anticipatory' end,
      case when g % 10 = 0 then 'office.compliance_rate' end, case when g % 2 = 1 then p.org_unit_id end, case when g % 2 = 1 then '2025-12-31'::date end
    from plan_plans p, generate_series(1, 40) g where p.level = 'county'`);
  await db.execute(sql`insert into plan_report_periods (plan_id, org_unit_id, label, starts, ends)
    select p.id, p.org_unit_id, y || 'Q' || q, make_date(y, q * 3 - 2, 1), (make_date(y, q * 3 - 2, 1) + interval '3 months - 1 day')::date
    from plan_plans p, generate_series(2021, 2025) y, generate_series(1, 4) q where p.level = 'county'`);
  await db.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, value, status, note)
    select i.id, rp.id, i.org_unit_id, case when i.kind = 'indicator' then 50 + random() * 50 end, case when i.kind = 'task' then (array['green','amber','red'])[1 + (i.id % 3)] end, ''
    from plan_items i join plan_report_periods rp on rp.plan_id = i.plan_id join plan_plans p on p.id = i.plan_id where p.level = 'county'`);
  await db.execute(sql`analyze`);
  const c = async (t: string) => ((await db.execute(sql`select count(*)::int as n from ${sql.raw(t)}`)).rows[0] as { n: number }).n;
  return {
    generateSeconds: Math.round((performance.now() - t0) / 100) / 10,
    organs: await c(`org_units where kind = 'organ'`), officeRooms: await c('office_rooms'), officePersons: await c('office_persons'),
    energyInstitutions: await c('energy_institutions'), energyRows: await c('energy_consumption'), canteens: await c('canteen_canteens'), canteenBookings: await c('canteen_bookings'), canteenMealServices: await c('canteen_meal_services'),
    plans: await c('plan_plans'), planItems: await c('plan_items'), planReports: await c('plan_progress_reports'), metrics: listMetrics().length,
  };
}

async function benchMode(mode: 'postgres' | 'pglite', envVars: Record<string, string>, organs: number, institutions: number) {
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent', JOB_WORKER: 'false', GUANJIA_DEMO: 'true', ...envVars } as NodeJS.ProcessEnv);
  const b = await boot(env, { logger: false, runJobs: false });
  try {
    const db = b.database.db;
    const sizes = await scaleUp(db, organs, institutions);
    const province = ((await db.execute(sql`select id, path from org_units where region_code = '230000'`)).rows[0]) as { id: number; path: string };
    const staff = await signIn(b.app, 'hlj.staff');
    const scope = new DataScope([province.path]);
    const clearCache = () => db.execute(sql`delete from metric_cache`);
    /** Each run with an empty metric cache. */
    const cold = async (fn: () => Promise<unknown>): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        await clearCache();
        const t0 = performance.now();
        await fn();
        out.push(performance.now() - t0);
      }
      return out;
    };
    const cockpitOf = (year: number) => async () => {
      const r = await staff.get(`/api/plans/cockpit?unitId=${province.id}&year=${year}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    };
    const thisYear = Number(today().slice(0, 4));
    const cockpitCold = await cold(cockpitOf(YEAR));
    const cockpitWarm = await time(cockpitOf(YEAR));
    // A write to an energy table (here a factor saved unchanged) makes every energy figure stale; office's stay cached.
    const afterEnergyWrite: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await db.execute(sql`update energy_factors set value = value where id = (select min(id) from energy_factors)`);
      const t0 = performance.now();
      await cockpitOf(YEAR)();
      afterEnergyWrite.push(performance.now() - t0);
    }
    const currentCold = await cold(cockpitOf(thisYear));
    const currentWarm = await time(cockpitOf(thisYear));
    // The same pieces the cockpit runs, each alone, with an empty cache: the ceiling.
    const planIds = ((await db.execute(sql`select p.id from plan_plans p join org_units o on o.id = p.org_unit_id
      where o.path like ${`${province.path}%`} and ${readableUnits(scope, sql`p.org_unit_id`)} and p.start_year <= ${YEAR} and p.end_year >= ${YEAR} - 1 order by o.path, p.id limit 30`)).rows as { id: number }[]).map((p) => p.id);
    const round = ((await db.execute(sql`select id from plan_eval_rounds where status = 'closed' order by year desc, id desc limit 1`)).rows[0] as { id: number }).id;
    const parts = {
      metrics: await cold(() => metricsFor(db, province.id, YEAR)),
      planProgress: await cold(() => scorePlans(db, planIds, YEAR)),
      ranking: await time(() => ranking(db, round)),
      suggestions: await time(() => suggestionCounts(db, sql`d.org_unit_id in (select id from org_units where path like ${`${province.path}%`})`)),
    };
    const sumP95 = Object.values(parts).reduce((s, xs) => s + p95(xs), 0);
    // The monthly panel (loaded after the cockpit, one metric): energy per capita, 2025 against 2024.
    const monthlyOf = async () => {
      const r = await staff.get(`/api/plans/cockpit/monthly?key=energy.per_capita&unitId=${province.id}&year=${YEAR}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    };
    const monthlyCold = await cold(monthlyOf);
    const monthly = await time(monthlyOf);
    // Each metric alone over the year, computed directly (what one cockpit figure costs without the cache).
    const perMetric: Record<string, number> = {};
    for (const m of listMetrics()) {
      const t0 = performance.now();
      await m.compute(db, { unitId: province.id, path: province.path, from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
      perMetric[m.key] = Math.round(performance.now() - t0);
    }
    const cacheRows = ((await db.execute(sql`select count(*)::int as n from metric_cache`)).rows[0] as { n: number }).n;
    return {
      mode, sizes, runs: RUNS, coldRuns: COLD_RUNS, year: YEAR, currentYear: thisYear,
      cockpitColdP95ms: p95(cockpitCold), cockpitP95ms: p95(cockpitWarm), afterEnergyWriteP95ms: p95(afterEnergyWrite),
      currentYearColdP95ms: p95(currentCold), currentYearWarmP95ms: p95(currentWarm),
      partsP95ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, p95(v)])), sumOfPartsP95ms: sumP95,
      ratioCold: p95(cockpitCold) / sumP95, ratio: p95(cockpitWarm) / sumP95,
      monthlyPanelColdP95ms: p95(monthlyCold), monthlyPanelP95ms: p95(monthly), oneMetricYearMs: perMetric, cacheRows,
    };
  } finally {
    await b.stop();
  }
}

const results = [];
const pg = startPostgres(5454);
if (!pg) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql)');
try {
  results.push(await benchMode('postgres', { DATABASE_URL: pg.url }, ORGANS, INSTITUTIONS));
} finally {
  pg.stop();
}
if (process.env.BENCH_PGLITE === '1') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-bench-plans-'));
  try {
    results.push(await benchMode('pglite', { DATA_DIR: dir, DATABASE_URL: '' }, Number(process.env.BENCH_PGLITE_ORGANS ?? 200), Number(process.env.BENCH_PGLITE_ORGANS ?? 200)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const f = (x: number) => x.toFixed(1).padStart(9);
console.log('\nCockpit, province scope (ms, p95; warm: %d runs, cold: %d runs with the metric cache emptied before each)', RUNS, COLD_RUNS);
console.log('mode     2025 cold 2025 warm energy-write  now cold  now warm |  metrics    plans  ranking  suggest sum(parts) | ratio cold  ratio warm');
for (const r of results) {
  console.log(`${r.mode.padEnd(8)}${f(r.cockpitColdP95ms)}${f(r.cockpitP95ms)}${f(r.afterEnergyWriteP95ms)}   ${f(r.currentYearColdP95ms)}${f(r.currentYearWarmP95ms)} |${f(r.partsP95ms.metrics!)}${f(r.partsP95ms.planProgress!)}${f(r.partsP95ms.ranking!)}${f(r.partsP95ms.suggestions!)}${f(r.sumOfPartsP95ms)}  |     ${r.ratioCold.toFixed(2)}        ${r.ratio.toFixed(2)}`);
}
console.log('("now" = the current year %s: its open period is recomputed at most every 5 minutes; "energy-write" = after a write to an energy table)', results[0]?.currentYear);
console.log('monthly panel p95 (ms), cold / warm:', results.map((r) => `${r.mode} ${r.monthlyPanelColdP95ms.toFixed(1)} / ${r.monthlyPanelP95ms.toFixed(1)}`).join(', '));
console.log('one metric over the year, alone, uncached (ms):', JSON.stringify(results.map((r) => ({ mode: r.mode, ...r.oneMetricYearMs }))));
console.log('sizes:', JSON.stringify(results.map((r) => ({ mode: r.mode, ...r.sizes, cacheRows: r.cacheRows }))));
fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
fs.writeFileSync(path.resolve('bench/results/plans.json'), JSON.stringify({ at: new Date().toISOString(), note: 'real office/energy/canteen metrics; office from generateOffices, energy loaded as bench/energy.ts loads it, canteen from the bulk generator here (BENCH_CANTEENS canteens, a lunch per diner and working day since 2025); cold = metric cache emptied before each run', results }, null, 2));
process.exit(0);
