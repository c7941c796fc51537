// Cockpit benchmark (npm run bench:plans): time to the cockpit's full data for the province scope
// (p95 of GET /api/plans/cockpit), as a ratio to the sum of its underlying queries, each run alone
// (p95 each), measured in the same run on PostgreSQL (port 5454) and on embedded PGlite.
//
// The office, energy and canteen modules are not on this branch: their metrics are stood in for
// by bench-only metrics under the same keys, each an aggregate over a bench table of daily
// readings (one row per organ per day, ~3 years), so the cockpit does comparable work. Plans data
// is scaled up too: a plan for every county, each with 40 indicators/tasks reported quarterly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { boot } from '../server/src/boot';
import { loadEnv } from '../server/src/config/env';
import { getMetric, registerMetric } from '../server/src/kernel/metrics/metrics';
import { DataScope } from '../server/src/kernel/org/scope';
import { metricsFor } from '../server/src/modules/plans/cockpit.service';
import { ranking } from '../server/src/modules/plans/evaluation.service';
import { suggestionCounts } from '../server/src/modules/plans/suggestions.service';
import { scorePlans } from '../server/src/modules/plans/tree';
import { readableUnits } from '../server/src/modules/plans/access';
import { signIn } from '../server/test/helpers';
import { startPostgres } from './postgres';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const YEAR = 2025;
const KEYS = ['office.compliance_rate', 'office.over_standard_area', 'energy.per_capita', 'energy.per_area', 'energy.co2_per_area', 'energy.total_tce', 'canteen.waste_per_meal', 'canteen.no_show_rate'];
// Once the real modules are merged their own metrics are used instead (on whatever data they have).
for (const [i, key] of KEYS.entries()) {
  if (getMetric(key)) continue;
  registerMetric({
    key, nameZh: `基准替身 ${key}`, nameEn: `Bench stand-in ${key}`, unit: '', better: i % 2 ? 'lower' : 'higher',
    async compute(db, q) {
      const r = await db.execute(sql`select avg(b.v${sql.raw(String(i % 4))})::float8 as v from bench_readings b join org_units u on u.id = b.org_unit_id
        where u.path like ${`${q.path}%`} and b.day between ${q.from}::date and ${q.to}::date`);
      return (r.rows[0] as { v: number | null }).v;
    },
  });
}

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

async function scaleUp(db: import('../server/src/db/client').Db): Promise<Record<string, number>> {
  await db.execute(sql`create table if not exists bench_readings (org_unit_id int not null, day date not null, v0 float8, v1 float8, v2 float8, v3 float8)`);
  await db.execute(sql`insert into bench_readings select u.id, d::date, random() * 100, random() * 50, random() * 400, random() * 20
    from org_units u, generate_series('2023-01-01'::date, '2025-12-31'::date, interval '1 day') d where u.kind = 'organ'`);
  await db.execute(sql`create index if not exists bench_readings_idx on bench_readings (org_unit_id, day)`);
  const hlj = (await db.execute(sql`select id from plan_plans where level = 'provincial' order by id limit 1`)).rows[0] as { id: number };
  await db.execute(sql`insert into plan_plans (org_unit_id, name, level, kind, start_year, end_year, parent_plan_id, status)
    select u.id, u.name || '机关事务工作“十四五”规划', 'county', 'special', 2021, 2025, (select p.id from plan_plans p where p.org_unit_id = u.parent_id and p.level = 'prefecture' limit 1), 'published'
    from org_units u where u.region_level = 'county'`);
  await db.execute(sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, weight, unit, baseline_year, baseline_value, target_year, target_value, direction, binding, metric_key, owner_unit_id, deadline)
    select p.id, p.org_unit_id, case when g % 2 = 0 then 'indicator' else 'task' end, 'B' || g, '基准事项 ' || g, g, 1 + g % 5,
      case when g % 2 = 0 then '%' end, 2020, case when g % 2 = 0 then 50 end, 2025, case when g % 2 = 0 then 100 end, case when g % 2 = 0 then 'up' end, case when g % 2 = 0 then 'anticipatory' end,
      case when g % 10 = 0 then ${KEYS[0]!} end, case when g % 2 = 1 then p.org_unit_id end, case when g % 2 = 1 then '2025-12-31'::date end
    from plan_plans p, generate_series(1, 40) g where p.level = 'county'`);
  await db.execute(sql`insert into plan_report_periods (plan_id, org_unit_id, label, starts, ends)
    select p.id, p.org_unit_id, y || 'Q' || q, make_date(y, q * 3 - 2, 1), (make_date(y, q * 3 - 2, 1) + interval '3 months - 1 day')::date
    from plan_plans p, generate_series(2021, 2025) y, generate_series(1, 4) q where p.level = 'county'`);
  await db.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, value, status, note)
    select i.id, rp.id, i.org_unit_id, case when i.kind = 'indicator' then 50 + random() * 50 end, case when i.kind = 'task' then (array['green','amber','red'])[1 + (i.id % 3)] end, ''
    from plan_items i join plan_report_periods rp on rp.plan_id = i.plan_id join plan_plans p on p.id = i.plan_id where p.level = 'county'`);
  await db.execute(sql`analyze`);
  const c = async (t: string) => ((await db.execute(sql`select count(*)::int as n from ${sql.raw(t)}`)).rows[0] as { n: number }).n;
  return { hljPlan: hlj.id, plans: await c('plan_plans'), items: await c('plan_items'), reports: await c('plan_progress_reports'), benchReadings: await c('bench_readings') };
}

async function benchMode(mode: 'postgres' | 'pglite', envVars: Record<string, string>) {
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent', JOB_WORKER: 'false', GUANJIA_DEMO: 'true', ...envVars } as NodeJS.ProcessEnv);
  const b = await boot(env, { logger: false, runJobs: false });
  try {
    const db = b.database.db;
    const sizes = await scaleUp(db);
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
    return { mode, sizes, runs: RUNS, cockpitP95ms: p95(full), partsP95ms: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, p95(v)])), sumOfPartsP95ms: sumP95, ratio: p95(full) / sumP95 };
  } finally {
    await b.stop();
  }
}

const results = [];
const pg = startPostgres(5454);
try {
  if (pg) results.push(await benchMode('postgres', { DATABASE_URL: pg.url }));
} finally {
  pg?.stop();
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanjia-bench-plans-'));
try {
  results.push(await benchMode('pglite', { DATA_DIR: dir, DATABASE_URL: '' }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const f = (x: number) => x.toFixed(1).padStart(8);
console.log('\nCockpit, province scope, year 2025 (ms, p95 of %d runs)', RUNS);
console.log('mode      cockpit  metrics   plans ranking suggest  sum(parts)  ratio');
for (const r of results) console.log(`${r.mode.padEnd(8)}${f(r.cockpitP95ms)}${f(r.partsP95ms.metrics!)}${f(r.partsP95ms.planProgress!)}${f(r.partsP95ms.ranking!)}${f(r.partsP95ms.suggestions!)}${f(r.sumOfPartsP95ms)}    ${r.ratio.toFixed(2)}`);
console.log('sizes:', JSON.stringify(results.map((r) => ({ mode: r.mode, ...r.sizes }))));
fs.mkdirSync(path.resolve('bench/results'), { recursive: true });
fs.writeFileSync(path.resolve('bench/results/plans.json'), JSON.stringify({ at: new Date().toISOString(), note: 'office/energy/canteen metrics are bench stand-ins (aggregates over bench_readings); those modules are not on this branch', results }, null, 2));
process.exit(0);
