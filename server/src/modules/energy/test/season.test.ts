import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';
import { seasonDays } from '../indicators';

let t: TestApp;
let staff: Client;
let stats: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  stats = await unitId(t.database, '国家统计局黑龙江调查总队');
}, 120_000);
afterAll(() => t.close());

const year2027 = () => staff.get(`/api/energy/indicators?unitId=${stats}&from=2027-01&to=2027-12`);

describe('indicators with and without the heating season', () => {
  it('counts the days of each month inside the season, the year end wrapped', () => {
    const hlj = { fromYear: 2000, startsMd: '10-20', endsMd: '04-20', source: '' };
    expect(seasonDays('2027-04', hlj)).toEqual({ inSeason: 20, days: 30 });
    expect(seasonDays('2027-10', hlj)).toEqual({ inSeason: 12, days: 31 });
    expect(seasonDays('2027-07', hlj)).toEqual({ inSeason: 0, days: 31 });
    expect(seasonDays('2028-02', hlj)).toEqual({ inSeason: 29, days: 29 });
    expect(seasonDays('2027-07', { fromYear: 2000, startsMd: '06-10', endsMd: '07-05', source: '' })).toEqual({ inSeason: 5, days: 31 });
  });

  it('splits a year by Heilongjiang’s stored season (20 Oct – 20 Apr) exactly as by hand, and a new season version changes it', async () => {
    expect((await staff.post(`/api/energy/institutions/${stats}/denominators`, { effectiveFrom: '2027-01-01', headcount: 100, floorArea: 5000, heatedArea: 4800 })).statusCode).toBe(200);
    for (const [month, entries] of [
      ['2027-04', [{ energyType: 'electricity', quantity: 3000 }]],
      ['2027-07', [{ energyType: 'electricity', quantity: 3000 }]],
      ['2027-10', [{ energyType: 'heat', quantity: 100 }]],
    ] as const) {
      const res = await staff.post('/api/energy/consumption', { orgUnitId: stats, month, entries });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await year2027();
    expect(res.statusCode, res.body).toBe(200);
    const split = res.json().heatingSeason;
    expect(split.season).toMatchObject({ startsMd: '10-20', endsMd: '04-20' });
    // April: 368.7 kgce × 20/30 in the season; July all outside; October: 3 412 × 12/31 in.
    expect(split.inSeason.totalTce).toBeCloseTo((368.7 * 20 / 30 + 3412 * 12 / 31) / 1000, 4);
    expect(split.outsideSeason.totalTce).toBeCloseTo((368.7 * 10 / 30 + 368.7 + 3412 * 19 / 31) / 1000, 4);
    expect(split.inSeason.perArea).toBeCloseTo((368.7 * 20 / 30 + 3412 * 12 / 31) / 5000, 4);
    expect(split.outsideSeason.perCapita).toBeCloseTo((368.7 * 10 / 30 + 368.7 + 3412 * 19 / 31) / 100, 3);
    expect(split.inSeason.days).toBe(31 + 28 + 31 + 20 + 12 + 30 + 31);
    expect(split.inSeason.days + split.outsideSeason.days).toBe(365);
    expect(split.inSeason.totalTce + split.outsideSeason.totalTce).toBeCloseTo(res.json().total.totalTce, 3);

    // The province bureau records a season from 2027 on (15 Oct – 15 Apr); a prefecture bureau may not.
    const body = { provinceCode: '230000', fromYear: 2027, startsMd: '10-15', endsMd: '04-15', source: '测试:2027 年起采暖期调整' };
    expect((await (await t.login('hrb.staff')).post('/api/energy/heating-seasons', body)).statusCode).toBe(403);
    expect((await staff.post('/api/energy/heating-seasons', { ...body, endsMd: '4-15' })).statusCode).toBe(400);
    const saved = await staff.post('/api/energy/heating-seasons', body);
    expect(saved.statusCode, saved.body).toBe(200);
    const dup = await staff.post('/api/energy/heating-seasons', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('2027');
    const after = (await year2027()).json().heatingSeason;
    expect(after.season).toMatchObject({ fromYear: 2027, startsMd: '10-15', endsMd: '04-15' });
    expect(after.inSeason.totalTce).toBeCloseTo((368.7 * 15 / 30 + 3412 * 17 / 31) / 1000, 4);
    // 2025 still uses the season valid then.
    const y2025 = (await staff.get(`/api/energy/indicators?unitId=${stats}&from=2025-01&to=2025-12`)).json().heatingSeason;
    expect(y2025.season).toMatchObject({ startsMd: '10-20', endsMd: '04-20' });
    expect((await staff.get('/api/energy/heating-seasons')).json().map((s: { fromYear: number }) => s.fromYear)).toEqual([2027, 2000]);
  }, 60_000);
});

describe('factor preview and delivery-note density', () => {
  it('tells the bureau which figures a factor version would govern before it is saved', async () => {
    const res = await staff.get('/api/energy/factors/affects?kind=co2&energyType=electricity&region=northeast&year=2024');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ fromYear: 2024, untilYear: null, replaces: { year: 2022, value: 0.5564 } });
    expect(a.monthlyRows).toBeGreaterThan(100);
    expect(a.institutions).toBeGreaterThan(50);
    // A version between two existing ones governs the years until the next one.
    const mid = (await staff.get('/api/energy/factors/affects?kind=co2&energyType=electricity&region=national&year=2021')).json();
    expect(mid).toMatchObject({ fromYear: 2021, untilYear: 2021 });
  });

  it('converts litres with the density on the delivery note when one is given, and refuses an impossible one', async () => {
    const res = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2027-11', entries: [
      { energyType: 'diesel', quantity: 1000, unit: 'L', density: 0.85, bulk: true, costFen: 800000 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entries[0]).toMatchObject({ quantity: 850, enteredQuantity: 1000, enteredUnit: 'L', density: 0.85, bulk: true });
    const bad = await staff.post('/api/energy/consumption', { orgUnitId: stats, month: '2027-12', entries: [{ energyType: 'diesel', quantity: 1000, unit: 'L', density: 2 }] });
    expect(bad.statusCode).toBe(400);
    expect((await staff.get(`/api/energy/consumption/${stats}/2027-12`)).json().entries).toEqual([]);
  });
});

describe('the heating-season split of every row of the drill-down', () => {
  it('splits each prefecture’s year inside / outside the season, equal to that prefecture’s own split, adding up to the province', async () => {
    const province = await unitId(t.database, '黑龙江省');
    const rows = (await staff.get(`/api/energy/breakdown?unitId=${province}&year=2025&by=child`)).json() as {
      key: string; name: string; totalTce: number; heatingSeason: { inSeason: { totalTce: number; days: number }; outsideSeason: { totalTce: number; days: number } } | null }[];
    const prefectures = rows.filter((r) => r.totalTce > 0);
    expect(prefectures.length).toBeGreaterThanOrEqual(13);
    for (const r of prefectures) {
      expect(r.heatingSeason, r.name).not.toBeNull();
      // 2025 is not a leap year: 20 Oct – 20 Apr is 110 + 73 = 183 days inside, 182 outside.
      expect(r.heatingSeason!.inSeason.days + r.heatingSeason!.outsideSeason.days).toBe(365);
      expect(r.heatingSeason!.inSeason.totalTce + r.heatingSeason!.outsideSeason.totalTce).toBeCloseTo(r.totalTce, 2);
      // Heilongjiang's winters: more energy inside the season than outside, for every prefecture.
      expect(r.heatingSeason!.inSeason.totalTce).toBeGreaterThan(r.heatingSeason!.outsideSeason.totalTce);
    }
    const harbin = prefectures.find((r) => r.name === '哈尔滨市')!;
    const own = (await staff.get(`/api/energy/indicators?unitId=${harbin.key}&from=2025-01&to=2025-12`)).json() as { heatingSeason: { inSeason: { totalTce: number }; outsideSeason: { totalTce: number } } };
    expect(harbin.heatingSeason!.inSeason.totalTce).toBeCloseTo(own.heatingSeason.inSeason.totalTce, 3);
    expect(harbin.heatingSeason!.outsideSeason.totalTce).toBeCloseTo(own.heatingSeason.outsideSeason.totalTce, 3);
    const whole = (await staff.get(`/api/energy/indicators?unitId=${province}&from=2025-01&to=2025-12`)).json() as { heatingSeason: { inSeason: { totalTce: number } } };
    const sumIn = rows.reduce((a, r) => a + (r.heatingSeason?.inSeason.totalTce ?? 0), 0);
    expect(sumIn).toBeCloseTo(whole.heatingSeason.inSeason.totalTce, 1);

    // Per institution as well (the 按单位 breakdown and its export).
    const byInst = (await staff.get(`/api/energy/breakdown?unitId=${harbin.key}&year=2025&by=institution`)).json() as typeof rows;
    const withData = byInst.filter((r) => r.totalTce > 0);
    expect(withData.length).toBeGreaterThan(0);
    for (const r of withData) expect(r.heatingSeason!.inSeason.totalTce + r.heatingSeason!.outsideSeason.totalTce).toBeCloseTo(r.totalTce, 2);
  });
});
