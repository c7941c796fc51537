import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { computeMetric, warmMetricCache, WARM_OPEN_AFTER_MS } from '../../kernel/metrics/cache';
import { enqueue, JobRunner } from '../../kernel/jobs/jobs.service';
import { getMetric, registerMetric, type MetricQuery } from '../../kernel/metrics/metrics';
import { today } from '../../kernel/excel/reply';
import { testApp, unitId, type Client, type TestApp } from '../../../test/helpers';
import { metricsFor } from './cockpit.service';

/**
 * The kernel's cache of metric values, as the cockpit uses it: an ended period's figure is kept
 * until the data it is computed from changes — a late energy report or a corrected factor for 2023
 * changes the cached 2023 figure at once.
 */

// Counts the calls per period shape, to see what the cockpit asks for.
const calls: { key: string; from: string; to: string }[] = [];
const counting = (key: string, monthly: boolean | undefined) => registerMetric({
  key, nameZh: key, nameEn: key, unit: '个', better: 'higher', ...(monthly === undefined ? {} : { monthly }),
  async compute(_db, q) {
    calls.push({ key, from: q.from, to: q.to });
    return 7;
  },
});
counting('testcache.monthly', true);
counting('testcache.yearly', false);
counting('testcache.undeclared', undefined);
registerMetric({
  key: 'testcache.uncached', nameZh: '不缓存', nameEn: 'Uncached', unit: '', better: 'higher', cache: false,
  async compute(_db, q) {
    calls.push({ key: 'testcache.uncached', from: q.from, to: q.to });
    return 1;
  },
});

let t: TestApp;
let staff: Client;
let province: number;
let provincePath: string;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
  provincePath = ((await t.database.db.execute(sql`select path from org_units where id = ${province}`)).rows[0] as { path: string }).path;
});
afterAll(() => t.close());

const y2023 = (): MetricQuery => ({ unitId: province, path: provincePath, from: '2023-01-01', to: '2023-12-31' });
const cachedValue = async (key: string, q: MetricQuery) => {
  const r = await t.database.db.execute(sql`select value from metric_cache where metric_key = ${key} and unit_id = ${q.unitId} and from_date = ${q.from}::date and to_date = ${q.to}::date`);
  return (r.rows[0] as { value: number | null } | undefined)?.value;
};
/** Marks a cached value so a later read shows whether it came from the cache (no source table changes). */
const mark = (key: string, q: MetricQuery, v: number) => t.database.db.execute(sql`update metric_cache set value = ${v} where metric_key = ${key} and unit_id = ${q.unitId} and from_date = ${q.from}::date`);

describe('metric cache', () => {
  it('has its version triggers on every metric source table from boot, before any figure is read', async () => {
    // The test database is a seeded template without them: boot put them in place.
    expect(Number(((await t.database.db.execute(sql`select count(*)::int as n from metric_cache`)).rows[0] as { n: number }).n)).toBe(0);
    const r = await t.database.db.execute(sql`select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'metric_version'`);
    const tables = (r.rows as { t: string }[]).map((x) => x.t);
    for (const t of ['org_units', 'plan_items', 'plan_progress_reports', 'energy_consumption', 'energy_factors', 'canteen_bookings']) expect(tables).toContain(t);
    expect(tables.some((x) => x.startsWith('office_'))).toBe(true);
    // A metric's `!` exclusions: office's kept compliance summary (which its metrics write themselves) is not a source.
    expect(tables).toContain('office_room_versions');
    expect(tables).not.toContain('office_compliance_cache');
    expect(tables).not.toContain('office_compliance_days');
  });

  it('is filled ahead of time by the warm job: the province cockpit then computes nothing; after a write only what changed is recomputed', async () => {
    const db = t.database.db;
    const year = Number(today().slice(0, 4));
    await db.execute(sql`delete from metric_cache`);
    // The job as the runner starts it after boot (its first minute's slot).
    await enqueue(db, 'kernel.metrics.warm');
    await new JobRunner(db).tick();
    // The tick may also run the minute's scheduled slot of the same job; then one of the two warms and the other finds nothing changed.
    const jobs = (await db.execute(sql`select status, result from jobs where name = 'kernel.metrics.warm' order by id`)).rows as { status: string; result: { warmed: string[]; skipped: boolean } }[];
    expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'done'));
    expect(jobs.flatMap((j) => j.result.warmed)).toContain('plans.cockpit');
    // Every metric's current-year value for the province is cached, and every bound plan indicator's.
    const cached = await db.execute(sql`select distinct metric_key as k from metric_cache where unit_id = ${province} and from_date = ${`${year}-01-01`}::date`);
    expect((cached.rows as { k: string }[]).map((x) => x.k).sort()).toEqual(expect.arrayContaining(['energy.total_tce', 'office.compliance_rate', 'canteen.waste_per_meal', 'plans.task_on_track_rate', 'testcache.yearly']));
    calls.length = 0;
    const c = (await staff.get(`/api/plans/cockpit?unitId=${province}`)).json();
    expect(c.metrics.find((m: { key: string }) => m.key === 'testcache.yearly').value).toBe(7);
    const cachedCalls = () => calls.filter((x) => x.key !== 'testcache.uncached'); // cache: false is computed every time, by design
    expect(cachedCalls()).toEqual([]); // nothing computed while the leader waits
    // Nothing changed since the last run: the next minute's run does nothing. (A run may write first: the tick's other
    // jobs. Office keeping a day's summary is not a write to its metrics' sources.)
    let runs = 0;
    while (!(await warmMetricCache(db)).skipped && runs < 30) runs++;
    expect(runs).toBeLessThan(30);
    expect((await warmMetricCache(db)).skipped).toBe(true);
    // A write to a source table (org_units counts for every metric): the next run warms again, and the cockpit again computes nothing.
    await db.execute(sql`update org_units set sort = sort where id = ${province}`);
    calls.length = 0;
    const again = await warmMetricCache(db);
    expect(again.skipped).toBe(false);
    expect(calls.some((x) => x.key === 'testcache.yearly' && x.from === `${year}-01-01`)).toBe(true);
    calls.length = 0;
    await staff.get(`/api/plans/cockpit?unitId=${province}`);
    expect(cachedCalls()).toEqual([]);
    // Open-period values near their expiry are computed again by the warm run, before a reader meets them expired.
    await db.execute(sql`update metric_cache set computed_at = now() - make_interval(secs => ${WARM_OPEN_AFTER_MS / 1000 + 5}) where to_date >= ${today()}::date`);
    calls.length = 0;
    expect((await warmMetricCache(db, { now: Date.now() + WARM_OPEN_AFTER_MS + 1000 })).skipped).toBe(false);
    expect(calls.some((x) => x.key === 'testcache.yearly' && x.from === `${year}-01-01`)).toBe(true);
  });

  it('keeps the 2023 energy figure until a late report or a corrected factor for 2023 changes it', async () => {
    const db = t.database.db;
    const def = getMetric('energy.total_tce')!;
    const q = y2023();
    // A late report: the 2023 report of an institution without petrol in June 2023 is returned to it
    // (the demo accepted every 2023 report, which locks its months), so it can add the missing month.
    const inst = (await db.execute(sql`select i.org_unit_id as id from energy_institutions i join org_units u on u.id = i.org_unit_id
      where u.path like ${`${provincePath}%`} and i.active
        and not exists (select 1 from energy_consumption c where c.org_unit_id = i.org_unit_id and c.month = '2023-06-01' and c.energy_type = 'gasoline')
      order by i.org_unit_id limit 1`)).rows[0] as { id: number };
    expect(inst).toBeDefined();
    await db.execute(sql`update energy_reports set status = 'returned', return_reason = '6 月汽油未填报' where org_unit_id = ${inst.id}
      and period_id = (select id from energy_periods where kind = 'annual' and year = 2023)`);

    const first = await computeMetric(db, def, q);
    expect(first).toBeGreaterThan(0);
    expect(await cachedValue(def.key, q)).toBe(first);
    // Nothing changed: the next read is the cached value (marked here to tell it apart).
    await mark(def.key, q, 424242);
    expect(await computeMetric(db, def, q)).toBe(424242);
    // The cockpit for 2023 reads the same cache.
    const c = (await staff.get(`/api/plans/cockpit?unitId=${province}&year=2023`)).json();
    expect(c.metrics.find((m: { key: string }) => m.key === def.key).value).toBe(424242);

    await db.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity) values (${inst.id}, '2023-06-01', 'gasoline', 100000)`);
    const afterReport = await computeMetric(db, def, q);
    expect(afterReport).not.toBe(424242);
    expect(afterReport).toBeGreaterThan(first!);
    expect(await cachedValue(def.key, q)).toBe(afterReport);
    const c2 = (await staff.get(`/api/plans/cockpit?unitId=${province}&year=2023`)).json();
    expect(c2.metrics.find((m: { key: string }) => m.key === def.key).value).toBe(afterReport);

    // A corrected factor: the standard-coal coefficient electricity used in 2023 goes up by 10 %.
    await mark(def.key, q, 424242);
    const factor = await db.execute(sql`update energy_factors set value = value * 1.1 where id = (select id from energy_factors
      where kind = 'coal' and energy_type = 'electricity' and method = 'calorific' and year <= 2023 order by year desc limit 1) returning id`);
    expect(factor.rows).toHaveLength(1);
    const afterFactor = await computeMetric(db, def, q);
    expect(afterFactor).not.toBe(424242);
    expect(afterFactor).toBeGreaterThan(afterReport!);
    // An unrelated module's write leaves the energy figure cached.
    await mark(def.key, q, 535353);
    await db.execute(sql`update plan_plans set name = name where false`);
    expect(await computeMetric(db, def, q)).toBe(535353);
  });

  it('keeps a period that has not ended only briefly, and never caches inside a transaction or when the metric says so', async () => {
    const db = t.database.db;
    const def = getMetric('testcache.yearly')!;
    const q = { ...y2023(), from: '2030-01-01', to: '2030-12-31' };
    const day = today();
    expect(q.to >= day).toBe(true);
    calls.length = 0;
    expect(await computeMetric(db, def, q)).toBe(7);
    await mark(def.key, q, 8);
    expect(await computeMetric(db, def, q)).toBe(8);
    // Older than the open-period limit: computed again.
    await db.execute(sql`update metric_cache set computed_at = now() - interval '1 hour' where metric_key = ${def.key} and from_date = '2030-01-01'`);
    expect(await computeMetric(db, def, q)).toBe(7);
    expect(calls.filter((c) => c.key === def.key)).toHaveLength(2);
    // An ended period with an old computed_at is still good: only its data can change it.
    const ended = y2023();
    expect(await computeMetric(db, def, ended)).toBe(7);
    await db.execute(sql`update metric_cache set computed_at = now() - interval '400 days', value = 9 where metric_key = ${def.key} and from_date = '2023-01-01'`);
    expect(await computeMetric(db, def, ended)).toBe(9);
    // Inside a transaction, and for a metric with cache: false, values are computed every time.
    calls.length = 0;
    await db.transaction(async (tx) => {
      expect(await computeMetric(tx, def, ended)).toBe(7);
    });
    const unc = getMetric('testcache.uncached')!;
    await computeMetric(db, unc, ended);
    await computeMetric(db, unc, ended);
    expect(calls.map((c) => c.key)).toEqual([def.key, unc.key, unc.key]);
    expect(await cachedValue(unc.key, ended)).toBeUndefined();
  });

  it('asks a metric for single months only when it has not declared whether it answers for them', async () => {
    calls.length = 0;
    const all = await metricsFor(t.database.db, province, 2024, '2026-03-01');
    expect(all.find((m) => m.key === 'testcache.monthly')!.monthly).toBe(true);
    expect(all.find((m) => m.key === 'testcache.yearly')!.monthly).toBe(false);
    // The undeclared one is probed (and answers), the declared ones are not asked for a month.
    expect(all.find((m) => m.key === 'testcache.undeclared')!.monthly).toBe(true);
    const single = (c: { from: string; to: string }) => c.from.slice(0, 7) === c.to.slice(0, 7);
    expect(calls.filter((c) => single(c) && c.key !== 'testcache.uncached').map((c) => c.key)).toEqual(['testcache.undeclared']);
    // The plans module's own metric declares it is not monthly.
    expect(getMetric('plans.task_on_track_rate')!.monthly).toBe(false);
  });
});
