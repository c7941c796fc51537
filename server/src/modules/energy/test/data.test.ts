import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';
import { prorate } from '../consumption.service';
import { translate } from '../../../kernel/i18n/messages';
import '../messages';

let t: TestApp;
let staff: Client;
let stats: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  stats = await unitId(t.database, '国家统计局黑龙江调查总队');
});
afterAll(() => t.close());

const month = (unit: number, m: string) => staff.get(`/api/energy/consumption/${unit}/${m}`);

describe('conversions against the coefficient table', () => {
  it('converts a month to standard coal and CO₂ exactly as by hand, litres through the editable density', async () => {
    expect((await staff.post(`/api/energy/institutions/${stats}/denominators`, { effectiveFrom: '2026-01-01', headcount: 100, floorArea: 4000, heatedArea: 3800 })).statusCode).toBe(200);
    const res = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2026-01', entries: [
      { energyType: 'electricity', quantity: 10000, costFen: 750000 },
      { energyType: 'heat', quantity: 100, costFen: 400000 },
      { energyType: 'diesel', quantity: 500, unit: 'L', costFen: 380000, bulk: true },
      { energyType: 'water', quantity: 300, costFen: 135000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const diesel = (res.json() as { entries: { energyType: string; quantity: number; enteredQuantity: number; density: number; bulk: boolean; forHeating: boolean }[] }).entries.find((e) => e.energyType === 'diesel')!;
    // 500 L × 0.84 kg/L = 420 kg
    expect(diesel).toMatchObject({ quantity: 420, enteredQuantity: 500, density: 0.84, bulk: true, forHeating: false });

    const ind = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01`)).json();
    // 10000 kWh × 0.1229 + 100 GJ × 34.12 + 420 kg × 1.4571 = 1229 + 3412 + 611.982 = 5252.982 kgce
    expect(ind.total.totalTce).toBeCloseTo(5.252982, 4);
    expect(ind.total.perCapita).toBeCloseTo(52.5298, 3);
    expect(ind.total.perArea).toBeCloseTo(1.3132, 3);
    // without the heat used for space heating: 1229 + 611.982
    expect(ind.total.perAreaWithoutHeating).toBeCloseTo(1840.982 / 4000, 3);
    expect(ind.total.waterPerCapita).toBeCloseTo(3, 4);
    // CO₂: 10000 × 0.5564 (Northeast grid, 2022 — the latest ≤ 2026) + 100 × 110 + 420 × 3.10 = 17866 kg
    expect(ind.total.co2Tonnes).toBeCloseTo(17.866, 3);
    expect(ind.total.co2PerArea).toBeCloseTo(4.4665, 3);
    expect(ind.total.costYuan).toBe(16650);
    expect(ind.factors.map((f: { source: string }) => f.source)).toContain('生态环境部、国家统计局 2022 年东北区域');
  });

  it('recomputes every affected figure when the bureau adds or corrects a factor, and the audit trail says why', async () => {
    const before = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01`)).json();
    const f = await staff.post('/api/energy/factors', { kind: 'co2', energyType: 'electricity', region: 'northeast', year: 2026, value: 0.5, source: '测试:2026 年东北区域' });
    expect(f.statusCode, f.body).toBe(200);
    const after = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01`)).json();
    expect(before.total.co2Tonnes).toBeCloseTo(17.866, 3);
    expect(after.total.co2Tonnes).toBeCloseTo(17.302, 3); // 5000 + 11000 + 1302
    expect(after.total.totalTce).toBe(before.total.totalTce);
    // A correction of that factor applies at once as well.
    expect((await staff.patch(`/api/energy/factors/${f.json().id}`, { value: 0.6, source: '测试:更正' })).statusCode).toBe(200);
    expect((await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01`)).json().total.co2Tonnes).toBeCloseTo(18.302, 3);
    const trail = await t.database.db.execute(sql`select action, after from audit_log where object_type = 'energy_factor' order by id`);
    const last = trail.rows.at(-1) as { action: string; after: { affects: { fromYear: number; monthlyRows: number }; value: number } };
    expect(last.action).toBe('energy.factor.update');
    expect(last.after.value).toBe(0.6);
    expect(last.after.affects.fromYear).toBe(2026);
    expect(last.after.affects.monthlyRows).toBeGreaterThan(0);
    // A prefecture bureau cannot change factors.
    const hrb = await t.login('hrb.staff');
    expect((await hrb.post('/api/energy/factors', { kind: 'co2', energyType: 'electricity', region: 'northeast', year: 2027, value: 0.5, source: '不允许' })).statusCode).toBe(403);
  });

  it('uses equal-value coefficients where the bureau set them, and says which factor year is missing', async () => {
    const eq = await staff.post('/api/energy/factors', { kind: 'coal', energyType: 'electricity', method: 'equal_value', year: 2025, value: 0.3, source: '测试:2025 年电网供电标准煤耗' });
    expect(eq.statusCode, eq.body).toBe(200);
    const ind = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01&method=equal_value`)).json();
    expect(ind.total.totalTce).toBeCloseTo((3000 + 3412 + 611.982) / 1000, 4);
    const old = await staff.get(`/api/energy/indicators?unitId=${stats}&from=2020-01&to=2020-12&method=equal_value`);
    expect(old.statusCode).toBe(400);
    expect(old.json().error.code).toBe('energy_factor_missing');
    expect(old.json().error.message).toContain('2020');
    // Data for a year no coefficient covers is refused.
    const early = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2019-05', entries: [{ energyType: 'electricity', quantity: 100 }] });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('energy_factor_missing');
  });
});

describe('bills spanning months', () => {
  it('pro-rates by days, exactly to the fen', () => {
    expect(prorate('2026-02-15', '2026-04-14', 590, 177000)).toEqual([
      { month: '2026-02', days: 14, quantity: 140, costFen: 42000 },
      { month: '2026-03', days: 31, quantity: 310, costFen: 93000 },
      { month: '2026-04', days: 14, quantity: 140, costFen: 42000 },
    ]);
    const odd = prorate('2026-01-20', '2026-02-09', 100, 1001);
    expect(odd.reduce((a, p) => a + p.quantity, 0)).toBeCloseTo(100, 6);
    expect(odd.reduce((a, p) => a + p.costFen, 0)).toBe(1001);
  });

  it('stores the portions in their months and refuses overlaps and typing the same month in', async () => {
    const res = await staff.post('/api/energy/bills', { orgUnitId: stats, energyType: 'natural_gas', periodStart: '2026-02-15', periodEnd: '2026-04-14', quantity: 590, costFen: 177000 });
    expect(res.statusCode, res.body).toBe(200);
    const march = (await month(stats, '2026-03')).json();
    expect(march.entries).toEqual([expect.objectContaining({ energyType: 'natural_gas', quantity: 310, costFen: 93000 })]);
    const overlap = await staff.post('/api/energy/bills', { orgUnitId: stats, energyType: 'natural_gas', periodStart: '2026-04-01', periodEnd: '2026-05-10', quantity: 100 });
    expect(overlap.json().error.code).toBe('energy_bill_overlap');
    const typed = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2026-03', entries: [{ energyType: 'natural_gas', quantity: 5 }] });
    expect(typed.json().error.code).toBe('energy_month_billed');
    expect((await month(stats, '2026-05')).json().entries).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  it('refuses negatives, costs without quantities, a month twice and zero denominators', async () => {
    const base = (await month(stats, '2026-01')).json().entries;
    const cases: [unknown, number, string][] = [
      [{ orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'electricity', quantity: -5 }] }, 400, 'energy_negative'],
      [{ orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'water', quantity: 0, costFen: 5000 }] }, 400, 'energy_cost_without_quantity'],
      [{ orgUnitId: stats, month: '2026-01', entries: [{ energyType: 'electricity', quantity: 5 }] }, 409, 'energy_month_reported'],
      [{ orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'water', quantity: 5 }, { energyType: 'water', quantity: 6 }] }, 409, 'energy_month_reported'],
      [{ orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'electricity', quantity: 5, unit: 'L' }] }, 400, 'energy_litres_not_liquid'],
    ];
    for (const [body, status, code] of cases) {
      const res = await staff.post('/api/energy/consumption', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const en = await staff.request({ method: 'POST', url: '/api/energy/consumption', payload: { orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'electricity', quantity: -5 }] }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/negative|负数/);
    const twice = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2026-06', entries: [{ energyType: 'water', quantity: 5 }, { energyType: 'water', quantity: 6 }] });
    expect(twice.json().error.message).toBe('该月份的水已填报过,请在原记录上修改');
    // Energy types are named in the reader's language.
    expect(translate('en', 'energy_month_reported', { type: '@energy_type.water' })).toBe('This month’s water has already been reported: edit the existing entry');
    const dup = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2026-01', entries: [{ energyType: 'electricity', quantity: 5 }] });
    expect(dup.json().error.message).toBe('该月份的部分能源品种已填报过,请在原记录上修改');
    expect((await month(stats, '2026-01')).json().entries).toEqual(base);
    expect((await month(stats, '2026-06')).json().entries).toEqual([]);
    const zero = await staff.post(`/api/energy/institutions/${stats}/denominators`, { effectiveFrom: '2026-06-01', headcount: 0, floorArea: 0, heatedArea: 0 });
    expect(zero.statusCode).toBe(400);
    const dens = (await staff.get(`/api/energy/institutions/${stats}/denominators`)).json();
    expect(dens.some((d: { effectiveFrom: string }) => d.effectiveFrom === '2026-06-01')).toBe(false);
  });

  it('replaces a month on correction, and the summary follows (incremental, not a refresh)', async () => {
    const res = await staff.put(`/api/energy/consumption/${stats}/2026-01`, { entries: [
      { energyType: 'electricity', quantity: 20000, costFen: 1500000 },
      { energyType: 'water', quantity: 300, costFen: 135000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const ind = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2026-01&to=2026-01`)).json();
    expect(ind.total.totalTce).toBeCloseTo(2.458, 4);
    const sums = await t.database.db.execute(sql`select energy_type, quantity::float8 as q from energy_monthly where org_unit_id = ${stats} and month = '2026-01-01' order by 1`);
    expect(sums.rows).toEqual([{ energy_type: 'electricity', q: 20000 }, { energy_type: 'water', q: 300 }]);
    const yearly = await t.database.db.execute(sql`select energy_type, quantity::float8 as q from energy_yearly where org_unit_id = ${stats} and year = 2026 order by 1`);
    expect(yearly.rows).toEqual([{ energy_type: 'electricity', q: 20000 }, { energy_type: 'natural_gas', q: 590 }, { energy_type: 'water', q: 300 }]);
    // A whole year (yearly summary) and the same months summed (monthly summary) agree.
    const whole = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2025-01&to=2025-12`)).json().total;
    const parts = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2025-02&to=2025-12`)).json().total.totalTce
      + (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2025-01&to=2025-01`)).json().total.totalTce;
    expect(whole.totalTce).toBeCloseTo(parts, 3);
  });
});

describe('data scope', () => {
  it('an institution sees only itself; a prefecture bureau only its region', async () => {
    const organ = await t.login('hlj.organ');
    const own = (await organ.get('/api/energy/institutions?pageSize=200')).json();
    expect(own.items.map((i: { name: string }) => i.name)).toEqual(['黑龙江省财政厅']);
    expect((await organ.get(`/api/energy/consumption/${stats}/2026-01`)).statusCode).toBe(404);
    expect((await organ.post('/api/energy/consumption', { orgUnitId: stats, month: '2026-07', entries: [{ energyType: 'water', quantity: 1 }] })).statusCode).toBe(404);

    const hrb = await t.login('hrb.staff');
    const list = (await hrb.get('/api/energy/institutions?pageSize=200')).json();
    const harbinPath = (await t.database.db.execute(sql`select path from org_units where region_code = '230100'`)).rows[0] as { path: string };
    expect(list.total).toBeGreaterThan(3);
    expect(list.items.every((i: { path: string }) => i.path.startsWith(harbinPath.path))).toBe(true);
    const qqhr = await unitId(t.database, '230200');
    expect((await hrb.get(`/api/energy/indicators?unitId=${qqhr}&from=2025-01&to=2025-12`)).statusCode).toBe(404);
    expect((await hrb.get(`/api/energy/indicators?unitId=${await unitId(t.database, '230100')}&from=2025-01&to=2025-12`)).statusCode).toBe(200);
  });

  it('publishes live metrics for any unit and period', async () => {
    const province = await unitId(t.database, '230000');
    const res = await staff.get(`/api/metrics/values?keys=energy.per_capita,energy.per_area,energy.co2_per_area,energy.total_tce&unitId=${province}&from=2025-01-01&to=2025-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const values = Object.fromEntries((res.json() as { key: string; value: number }[]).map((v) => [v.key, v.value]));
    const ind = (await staff.get(`/api/energy/indicators?unitId=${province}&from=2025-01&to=2025-12`)).json();
    expect(values['energy.total_tce']).toBe(ind.total.totalTce);
    expect(values['energy.per_area']).toBeGreaterThan(5);
    expect(values['energy.co2_per_area']).toBeGreaterThan(0);
  });
});
