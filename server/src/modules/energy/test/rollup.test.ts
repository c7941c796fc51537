import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';
import { moveUnit } from '../../../kernel/org/org.service';

/**
 * The region roll-ups (energy_node_*) against a recomputation from the raw rows: what the province
 * dashboard shows per prefecture must be what summing every institution's entries gives, also after
 * a late month, a deactivated institution, a new category, changed denominators and a moved unit.
 */
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

interface Row { key: string; name: string; totalTce: number; headcount: number | null; floorArea: number | null; institutions: number; costYuan: number }

/** Per child of the province: tce, cost, headcount and floor area summed from energy_consumption and energy_denominators directly. */
async function raw(year: number, by: 'child' | 'category' = 'child') {
  const key = by === 'child'
    ? sql`coalesce(nullif(split_part(substr(u.path, ${provincePath.length + 1}), '/', 1), ''), u.id::text)`
    : sql`i.category`;
  const r = await t.database.db.execute(sql`
    select ${key} as k,
      sum(case when t.is_energy then c.quantity * (select f.value from energy_factors f where f.kind = 'coal' and f.method = 'calorific'
        and f.energy_type = c.energy_type and f.year <= ${year} order by f.year desc limit 1) else 0 end)::float8 / 1000 as tce,
      sum(c.cost_fen)::float8 / 100 as cost
    from energy_consumption c join org_units u on u.id = c.org_unit_id join energy_institutions i on i.org_unit_id = c.org_unit_id and i.active
      join energy_types t on t.code = c.energy_type
    where u.path like ${`${provincePath}%`} and c.month between make_date(${year}, 1, 1) and make_date(${year}, 12, 1)
    group by 1`);
  const d = await t.database.db.execute(sql`
    select ${key} as k, count(*)::int as n, sum(x.headcount)::float8 as hc, sum(x.floor_area)::float8 as fa
    from energy_institutions i join org_units u on u.id = i.org_unit_id
      left join lateral (select headcount, floor_area from energy_denominators d where d.org_unit_id = i.org_unit_id and d.effective_from <= make_date(${year}, 12, 31)
        order by effective_from desc limit 1) x on true
    where i.active and u.path like ${`${provincePath}%`} group by 1`);
  const out = new Map<string, { tce: number; cost: number; n: number; hc: number | null; fa: number | null }>();
  for (const x of r.rows as { k: string; tce: number; cost: number }[]) out.set(x.k, { tce: x.tce, cost: x.cost, n: 0, hc: null, fa: null });
  for (const x of d.rows as { k: string; n: number; hc: number | null; fa: number | null }[]) {
    const o = out.get(x.k) ?? { tce: 0, cost: 0, n: 0, hc: null, fa: null };
    out.set(x.k, { ...o, n: x.n, hc: x.hc, fa: x.fa });
  }
  return out;
}

async function dashboard(year: number, by: 'child' | 'category' = 'child'): Promise<Row[]> {
  const res = await staff.get(`/api/energy/breakdown?unitId=${province}&year=${year}&by=${by}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Row[];
}

async function expectMatchesRaw(year: number, by: 'child' | 'category' = 'child') {
  const rows = await dashboard(year, by);
  const truth = await raw(year, by);
  expect(rows.map((r) => r.key).sort()).toEqual([...truth.keys()].sort());
  for (const r of rows) {
    const x = truth.get(r.key)!;
    expect(r.totalTce, `${r.name} tce`).toBeCloseTo(x.tce, 4);
    expect(r.costYuan, `${r.name} cost`).toBeCloseTo(x.cost, 2);
    expect(r.institutions, `${r.name} institutions`).toBe(x.n);
    expect(r.headcount, `${r.name} headcount`).toBe(x.hc);
    expect(r.floorArea ?? 0, `${r.name} floor area`).toBeCloseTo(x.fa ?? 0, 2);
  }
  return rows;
}

describe('region roll-ups', () => {
  it('show per prefecture exactly what the raw rows give, and a late month changes the prefecture to the recomputed figure', async () => {
    // The dashboard reads the roll-up of each prefecture, not its institutions one by one.
    const nodes = await t.database.db.execute(sql`select count(*)::int as n from energy_node_yearly where node_id = ${province} and year = 2025`);
    expect((nodes.rows[0] as { n: number }).n).toBeGreaterThan(3);
    const before = await expectMatchesRaw(2025);
    expect(before.length).toBeGreaterThan(13);
    await expectMatchesRaw(2025, 'category');
    await expectMatchesRaw(2020);

    // A late reporter in Harbin (its December 2025 is missing in the demo) files December.
    const harbin = await unitId(t.database, '230100');
    const late = (await t.database.db.execute(sql`select i.org_unit_id as id from energy_institutions i join org_units u on u.id = i.org_unit_id
      where u.path like (select path || '%' from org_units where id = ${harbin}) and u.id <> ${harbin}
        and not exists (select 1 from energy_consumption c where c.org_unit_id = i.org_unit_id and c.month = '2025-12-01')
        and not exists (select 1 from energy_reports r join energy_periods p on p.id = r.period_id where r.org_unit_id = i.org_unit_id and p.year = 2025 and r.status in ('submitted', 'accepted'))
      order by 1 limit 1`)).rows[0] as { id: number } | undefined;
    expect(late).toBeDefined();
    const res = await staff.post('/api/energy/consumption', { orgUnitId: late!.id, month: '2025-12', entries: [
      { energyType: 'electricity', quantity: 12345.6, costFen: 925920 },
      { energyType: 'heat', quantity: 321.5, costFen: 1286000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const after = await expectMatchesRaw(2025);
    const h0 = before.find((r) => r.key === String(harbin))!;
    const h1 = after.find((r) => r.key === String(harbin))!;
    // 12 345.6 kWh × 0.1229 + 321.5 GJ × 34.12 = 1 517.2742 + 10 969.58 kgce
    expect(h1.totalTce - h0.totalTce).toBeCloseTo(12.4868542, 3);
    for (const r of after) if (r.key !== String(harbin)) expect(r.totalTce).toBe(before.find((b) => b.key === r.key)!.totalTce);

    // A correction of that month replaces the delta; the figure still equals the raw recomputation.
    expect((await staff.put(`/api/energy/consumption/${late!.id}/2025-12`, { entries: [{ energyType: 'electricity', quantity: 10000, costFen: 750000 }] })).statusCode).toBe(200);
    const corrected = await expectMatchesRaw(2025);
    expect(corrected.find((r) => r.key === String(harbin))!.totalTce - h0.totalTce).toBeCloseTo(1.229, 3);
  }, 120_000);

  it('follow new denominators, a deactivated or recategorised institution and a unit moved to another prefecture', async () => {
    const harbin = await unitId(t.database, '230100');
    const qqhr = await unitId(t.database, '230200');
    const school = await unitId(t.database, '哈尔滨市第一中学');
    expect((await staff.post(`/api/energy/institutions/${school}/denominators`, { effectiveFrom: '2025-06-01', headcount: 999, floorArea: 12345, heatedArea: 12000 })).statusCode).toBe(200);
    await expectMatchesRaw(2025);
    await expectMatchesRaw(2024);

    expect((await staff.patch(`/api/energy/institutions/${school}`, { category: 'other' })).statusCode).toBe(200);
    await expectMatchesRaw(2025, 'category');
    expect((await staff.patch(`/api/energy/institutions/${school}`, { active: false })).statusCode).toBe(200);
    const without = await expectMatchesRaw(2025);
    expect((await staff.patch(`/api/energy/institutions/${school}`, { active: true, category: 'school' })).statusCode).toBe(200);
    const withIt = await expectMatchesRaw(2025);
    expect(withIt.find((r) => r.key === String(harbin))!.institutions).toBe(without.find((r) => r.key === String(harbin))!.institutions + 1);

    // The school moves to Qiqihar (the kernel rewrites the paths of the subtree in one statement).
    await t.database.db.transaction((tx) => moveUnit(tx, school, qqhr, 1));
    const after = await expectMatchesRaw(2025);
    expect(after.find((r) => r.key === String(qqhr))!.institutions).toBe(withIt.find((r) => r.key === String(qqhr))!.institutions + 1);
  }, 120_000);

  it('equal a rebuild from the raw rows after all those changes (energy_rebuild_summaries)', async () => {
    const snapshot = async () => {
      const q = async (table: string, cols: string, nonzero: string) => (await t.database.db.execute(sql.raw(`select ${cols} from ${table} where ${nonzero} order by ${cols}`))).rows;
      return {
        monthly: await q('energy_node_monthly', 'node_id, category, month::text, energy_type, for_heating, quantity::text, cost_fen::text', 'quantity <> 0 or cost_fen <> 0'),
        yearly: await q('energy_node_yearly', 'node_id, category, year, energy_type, for_heating, quantity::text, cost_fen::text', 'quantity <> 0 or cost_fen <> 0'),
        denominators: await q('energy_node_denominators', 'node_id, category, effective_from::text, institutions, headcount::text, floor_area::text, heated_area::text',
          'institutions <> 0 or headcount <> 0 or floor_area <> 0 or heated_area <> 0'),
      };
    };
    const incremental = await snapshot();
    expect(incremental.yearly.length).toBeGreaterThan(100);
    await t.database.db.execute(sql`select energy_rebuild_summaries()`);
    const rebuilt = await snapshot();
    expect(rebuilt.yearly).toEqual(incremental.yearly);
    expect(rebuilt.monthly).toEqual(incremental.monthly);
    expect(rebuilt.denominators).toEqual(incremental.denominators);
  }, 120_000);
});
