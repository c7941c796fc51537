// Cockpit benchmark (npm run bench:plans): time to the cockpit's full data for the province scope
// (p95 of GET /api/plans/cockpit), as a ratio to the sum of its underlying queries, each run alone
// (p95 each), on PostgreSQL (port 5454) at province scale with the other modules' real metrics:
//
// - office: BENCH_ORGANS (3,000) organs spread over every prefecture and county, their buildings,
//   rooms and people from the office module's own generator (`generateOffices`, as bench/office.ts);
// - energy: the same organs as energy institutions × 72 months (2020–2025) × 8 energy types, written
//   by the statement of bench/energy.ts's generator (copied: that script exports nothing);
// - canteen: the demo canteens' data (bench/canteen.ts has no data generator);
// - plans: a plan for every county with 40 indicators/tasks reported quarterly.
// PGlite is not measured here (BENCH_PGLITE=1 adds it at BENCH_PGLITE_ORGANS scale, 200 by default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { boot } from '../server/src/boot';
import { loadEnv } from '../server/src/config/env';
import type { Db } from '../server/src/db/client';
import { listMetrics } from '../server/src/kernel/metrics/metrics';
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
const ORGANS = Number(process.env.BENCH_ORGANS ?? 3000);
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

async function scaleUp(db: Db, organs: number): Promise<Record<string, number>> {
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
  // Energy: the bench organs as institutions, 72 months × 8 types (bench/energy.ts's generator statement, per year).
  await db.execute(sql`insert into energy_institutions (org_unit_id, category) select id, (array['organ','school','hospital','other'])[1 + id % 4] from org_units where kind = 'organ' and name like '%第%局'`);
  await db.execute(sql`insert into energy_denominators (org_unit_id, effective_from, headcount, floor_area, heated_area)
    select org_unit_id, '2020-01-01', 50 + org_unit_id % 300, 2000 + org_unit_id % 9000, 1900 + org_unit_id % 9000 from energy_institutions i
    where i.org_unit_id in (select id from org_units where kind = 'organ' and name like '%第%局')`);
  for (let y = 2020; y <= 2025; y++) {
    await db.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating)
      select i.org_unit_id, m::date, t, round((10 + (i.org_unit_id * 7 + extract(month from m)::int * 13 + length(t)) % 1000)::numeric, 2), 100 * (1 + i.org_unit_id % 50), t = 'heat'
      from energy_institutions i join org_units o on o.id = i.org_unit_id and o.name like '%第%局',
        generate_series(make_date(${y}, 1, 1), make_date(${y}, 12, 1), interval '1 month') m, unnest(${sql.raw(`array[${TYPES.map((x) => `'${x}'`).join(',')}]`)}) t`);
  }
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
    energyInstitutions: await c('energy_institutions'), energyRows: await c('energy_consumption'), canteenMealServices: await c('canteen_meal_services'),
    plans: await c('plan_plans'), planItems: await c('plan_items'), planReports: await c('plan_progress_reports'), metrics: listMetrics().length,
  };
}

async function benchMode(mode: 'postgres' | 'pglite', envVars: Record<string, string>, organs: number) {
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent', JOB_WORKER: 'false', GUANJIA_DEMO: 'true', ...envVars } as NodeJS.ProcessEnv);
  const b = await boot(env, { logger: false, runJobs: false });
  try {
    const db = b.database.db;
    const sizes = await scaleUp(db, organs);
    const province = ((await db.execute(sql`select id, path from org_units where region_code = '230000'`)).rows[0]) as { id: number; path: string };
    const staff = await signIn(b.app, 'hlj.staff');
    const scope = new DataScope([province.path]);
    const full = await time(async () => {
      const r = await staff.get(`/api/plans/cockpit?unitId=${province.id}&year=${YEAR}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    });
    // The same pieces the cockpit runs, each alone.
    const planIds = ((await db.execute(sql`select p.id from plan_plans p join org_units o on o.id = p.org_unit_id
      where o.path like ${`${province.path}%`} and ${readableUnits(scope, sql`p.org_unit_id`)} and p.start_year <= ${YEAR} and p.end_year >= ${YEAR} - 1 order by o.path, p.id limit 30`)).rows as { id: number }[]).map((p) => p.id);
    const round = ((await db.execute(sql`select id from plan_eval_rounds where status = 'closed' order by year desc, id desc limit 1`)).rows[0] as { id: number }).id;
    const parts = {
      metrics: await time(() => metricsFor(db, province.id, YEAR)),
      planProgress: await time(() => scorePlans(db, planIds, YEAR)),
      ranking: await time(() => ranking(db, round)),
      suggestions: await time(() => suggestionCounts(db, sql`d.org_unit_id in (select id from org_units where path like ${`${province.path}%`})`)),
    };
    const sumP95 = Object.values(parts).reduce((s, xs) => s + p95(xs), 0);
    // The monthly panel (loaded after the cockpit, one metric): energy per capita, 2025 against 2024.
    const monthly = await time(async () => {
      const r = await staff.get(`/api/plans/cockpit/monthly?key=energy.per_capita&unitId=${province.id}&year=${YEAR}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    });
    // Each metric alone over the year (what one cockpit figure costs).
    const perMetric: Record<string, number> = {};
    for (const m of listMetrics()) {
      const t0 = performance.now();
      await m.compute(db, { unitId: province.id, path: province.path, from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
      perMetric[m.key] = Math.round(performance.now() - t0);
    }
    return { mode, sizes, runs: RUNS, cockpitP95ms: p95(full), partsP95ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, p95(v)])), sumOfPartsP95ms: sumP95, ratio: p95(full) / sumP95, monthlyPanelP95ms: p95(monthly), oneMetricYearMs: perMetric };
  } finally {
    await b.stop();
  }
}

const results = [];
const pg = startPostgres(5454);
if (!pg) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql)');
try {
  results.push(await benchMode('postgres', { DATABASE_URL: pg.url }, ORGANS));
} finally {
  pg.stop();
}
if (process.env.BENCH_PGLITE === '1') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-bench-plans-'));
  try {
    results.push(await benchMode('pglite', { DATA_DIR: dir, DATABASE_URL: '' }, Number(process.env.BENCH_PGLITE_ORGANS ?? 200)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const f = (x: number) => x.toFixed(1).padStart(8);
console.log('\nCockpit, province scope, year 2025 (ms, p95 of %d runs)', RUNS);
console.log('mode      cockpit  metrics   plans ranking suggest  sum(parts)  ratio');
for (const r of results) console.log(`${r.mode.padEnd(8)}${f(r.cockpitP95ms)}${f(r.partsP95ms.metrics!)}${f(r.partsP95ms.planProgress!)}${f(r.partsP95ms.ranking!)}${f(r.partsP95ms.suggestions!)}${f(r.sumOfPartsP95ms)}    ${r.ratio.toFixed(2)}`);
console.log('monthly panel p95 (ms):', results.map((r) => `${r.mode} ${r.monthlyPanelP95ms.toFixed(1)}`).join(', '));
console.log('one metric over the year, alone (ms):', JSON.stringify(results.map((r) => ({ mode: r.mode, ...r.oneMetricYearMs }))));
console.log('sizes:', JSON.stringify(results.map((r) => ({ mode: r.mode, ...r.sizes }))));
fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
fs.writeFileSync(path.resolve('bench/results/plans.json'), JSON.stringify({ at: new Date().toISOString(), note: 'real office/energy/canteen metrics; office from generateOffices, energy from bench/energy.ts generator statement, canteen demo data only', results }, null, 2));
process.exit(0);
