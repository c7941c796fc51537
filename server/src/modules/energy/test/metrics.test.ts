import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';
import { getMetric } from '../../../kernel/metrics/metrics';

let t: TestApp;
let staff: Client;
let province: number;
let provincePath: string;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
  provincePath = ((await t.database.db.execute(sql`select path from org_units where id = ${province}`)).rows[0] as { path: string }).path;
}, 120_000);
afterAll(() => t.close());

/** kgce of every active institution's raw rows in a month range, each year at its own calorific coefficient. */
async function rawKgce(from: string, to: string): Promise<number> {
  const r = await t.database.db.execute(sql`select coalesce(sum(c.quantity * (select f.value from energy_factors f where f.kind = 'coal' and f.method = 'calorific'
      and f.energy_type = c.energy_type and f.year <= extract(year from c.month) order by f.year desc limit 1)), 0)::float8 as kgce
    from energy_consumption c join energy_institutions i on i.org_unit_id = c.org_unit_id and i.active join energy_types ty on ty.code = c.energy_type and ty.is_energy
    where c.month between ${from}::date and ${to}::date`);
  return Number((r.rows[0] as { kgce: number }).kgce);
}

const metric = (key: string, from: string, to: string) =>
  getMetric(key)!.compute(t.database.db, { unitId: province, path: provincePath, from, to });

describe('energy metrics for the leaders’ cockpit, province scope over several years', () => {
  it('equal the raw rows over whole years, a partial first and last year, and the cockpit’s year-by-year calls', async () => {
    // Five whole years (yearly roll-ups only), and March 2021 – October 2025 (yearly roll-ups for 2022–2024, months for the edges).
    expect(await metric('energy.total_tce', '2021-01-01', '2025-12-31')).toBeCloseTo((await rawKgce('2021-01-01', '2025-12-01')) / 1000, 3);
    expect(await metric('energy.total_tce', '2021-03-01', '2025-10-31')).toBeCloseTo((await rawKgce('2021-03-01', '2025-10-01')) / 1000, 3);
    expect(await metric('energy.total_tce', '2024-03-01', '2024-10-31')).toBeCloseTo((await rawKgce('2024-03-01', '2024-10-01')) / 1000, 3);
    let sum = 0;
    for (const y of [2021, 2022, 2023, 2024, 2025]) sum += (await metric('energy.total_tce', `${y}-01-01`, `${y}-12-31`))!;
    expect(sum).toBeCloseTo((await metric('energy.total_tce', '2021-01-01', '2025-12-31'))!, 2);
    // Through the kernel's metric API, as the cockpit reads it.
    const res = await staff.get(`/api/metrics/values?keys=energy.per_capita,energy.total_tce&unitId=${province}&from=2021-03-01&to=2025-10-31`);
    expect(res.statusCode, res.body).toBe(200);
    const values = Object.fromEntries((res.json() as { key: string; value: number }[]).map((v) => [v.key, v.value]));
    expect(values['energy.total_tce']).toBeCloseTo((await rawKgce('2021-03-01', '2025-10-01')) / 1000, 3);
    expect(values['energy.per_capita']).toBeGreaterThan(0);
  });

  it('CO₂ per capita is the same CO₂ sum as CO₂ per floor area, over the headcount instead of the area', async () => {
    const perArea = (await metric('energy.co2_per_area', '2025-01-01', '2025-12-31'))!;
    const perCapita = (await metric('energy.co2_per_capita', '2025-01-01', '2025-12-31'))!;
    const res = (await staff.get(`/api/energy/breakdown?unitId=${province}&year=2025&by=child`)).json() as { headcount: number | null; floorArea: number | null }[];
    const headcount = res.reduce((a, r) => a + (r.headcount ?? 0), 0);
    const area = res.reduce((a, r) => a + (r.floorArea ?? 0), 0);
    expect(perCapita).toBeGreaterThan(0);
    expect(headcount).toBeGreaterThan(1000);
    expect(area).toBeGreaterThan(100_000);
    expect(perCapita * headcount).toBeCloseTo(perArea * area, -3); // the same kg of CO₂, up to rounding of the two ratios
  });

  it('read the kept region roll-ups, not the raw rows or the per-institution summaries', async () => {
    const before = await Promise.all(['energy.total_tce', 'energy.per_capita', 'energy.per_area'].map((k) => metric(k, '2021-03-01', '2025-10-31')));
    const afterwards: (number | null)[] = [];
    // Inside a transaction that is rolled back: empty the raw rows and the per-institution summaries
    // with the triggers off (the roll-ups keep their rows); the province's metrics do not move.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from energy_consumption`);
      await tx.execute(sql`delete from energy_monthly`);
      await tx.execute(sql`delete from energy_yearly`);
      for (const k of ['energy.total_tce', 'energy.per_capita', 'energy.per_area']) afterwards.push(await getMetric(k)!.compute(tx, { unitId: province, path: provincePath, from: '2021-03-01', to: '2025-10-31' }));
      tx.rollback();
    }).catch((e: unknown) => { if (!String(e).includes('Rollback')) throw e; });
    expect(afterwards).toEqual(before);
    expect(before[0]).toBeGreaterThan(0);
    // Rolled back: the raw rows are all there again.
    expect(await rawKgce('2021-03-01', '2025-10-01')).toBeGreaterThan(0);
  });
});
