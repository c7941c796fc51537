import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';

let t: TestApp;
let staff: Client;
let stats: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  stats = await unitId(t.database, '国家统计局黑龙江调查总队');
}, 120_000);
afterAll(() => t.close());

type FactorRow = { id: number; kind: string; energyType: string; method: string; region: string; year: number; value: number; source: string };
const indicators = (from: string, to: string, method: 'calorific' | 'equal_value') => staff.get(`/api/energy/indicators?unitId=${stats}&from=${from}&to=${to}&method=${method}`);

describe('equal-value (等价值) coefficients and fuel CO₂ factors as versioned data', () => {
  it('seeds the equal value of primary fuels (= their calorific coefficient, GB/T 2589) and of heat (labelled stand-in), but no unsourced electricity figure', async () => {
    const coal = (await staff.get('/api/energy/factors?kind=coal')).json() as FactorRow[];
    const of = (type: string, method: string) => coal.filter((f) => f.energyType === type && f.method === method);
    for (const type of ['coal', 'gasoline', 'diesel', 'kerosene', 'lpg', 'natural_gas']) {
      const [eq] = of(type, 'equal_value');
      expect(eq, type).toBeDefined();
      expect(eq!.value).toBe(of(type, 'calorific')[0]!.value);
      expect(eq!.source).toContain('GB/T 2589');
    }
    expect(of('heat', 'equal_value')[0]).toMatchObject({ value: 34.12, year: 2020 });
    expect(of('heat', 'equal_value')[0]!.source).toContain('请省局核定');
    expect(of('electricity', 'equal_value')).toEqual([]);
  });

  it('switching to equal-value changes the tce by exactly kWh × (equal-value − 0.1229), once the bureau has set the year’s electricity coefficient', async () => {
    const month = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2027-03', entries: [
      { energyType: 'electricity', quantity: 10000, costFen: 750000 },
      { energyType: 'natural_gas', quantity: 500, costFen: 150000 },
      { energyType: 'diesel', quantity: 200, costFen: 160000 },
    ] });
    expect(month.statusCode, month.body).toBe(200);
    // Figures are published in tce to 4 decimals.
    // Calorific, by hand: 10000 × 0.1229 + 500 × 1.2143 + 200 × 1.4571 = 1229 + 607.15 + 291.42 = 2127.57 kgce.
    const cal = (await indicators('2027-03', '2027-03', 'calorific')).json();
    expect(cal.total.totalTce).toBeCloseTo(2.12757, 4);

    // No electricity equal value yet: the answer names the missing coefficient instead of quietly using the calorific one.
    const missing = await indicators('2027-03', '2027-03', 'equal_value');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('energy_factor_missing');
    expect(missing.json().error.message).toContain('电力');
    expect(missing.json().error.message).toContain('2027');

    const added = await staff.post('/api/energy/factors', { kind: 'coal', energyType: 'electricity', method: 'equal_value', year: 2026, value: 0.305, source: '测试:按当年电网供电标准煤耗' });
    expect(added.statusCode, added.body).toBe(200);
    const eq = (await indicators('2027-03', '2027-03', 'equal_value')).json();
    // Equal value, by hand: 10000 × 0.305 + 607.15 + 291.42 = 3948.57 kgce; the difference is 10000 × (0.305 − 0.1229) = 1821 kgce.
    expect(eq.total.totalTce).toBeCloseTo(3.94857, 4);
    expect(eq.total.totalTce - cal.total.totalTce).toBeCloseTo(1.821, 3);
    expect(eq.byType.find((x: { energyType: string }) => x.energyType === 'electricity').tce).toBeCloseTo(3.05, 4);
    expect(eq.factors.map((f: { id: number }) => f.id)).toContain(added.json().id);
    // The calorific view is unchanged.
    expect((await indicators('2027-03', '2027-03', 'calorific')).json().total.totalTce).toBeCloseTo(2.12757, 4);
  });

  it('a fuel without a CO₂ factor leaves CO₂ empty and named; the bureau’s factor is then used (no type is skipped in code)', async () => {
    const res = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2027-04', entries: [
      { energyType: 'electricity', quantity: 1000, costFen: 75000 },
      { energyType: 'kerosene', quantity: 100, costFen: 90000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const before = (await indicators('2027-04', '2027-04', 'calorific')).json();
    expect(before.total.co2Tonnes).toBeNull();
    expect(before.missingFactors).toContainEqual({ kind: 'co2', energyType: 'kerosene', year: 2027 });
    const f = await staff.post('/api/energy/factors', { kind: 'co2', energyType: 'kerosene', method: 'none', region: 'national', year: 2027, value: 3.0, source: '测试:煤油排放因子' });
    expect(f.statusCode, f.body).toBe(200);
    const after = (await indicators('2027-04', '2027-04', 'calorific')).json();
    expect(after.missingFactors).toEqual([]);
    // 1000 kWh × 0.5564 (Northeast grid, 2022 version) + 100 kg × 3.0 = 556.4 + 300 = 856.4 kg CO₂.
    expect(after.total.co2Tonnes).toBeCloseTo(0.8564, 4);
  });
});
