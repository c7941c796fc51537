import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { addDays, shanghaiDay } from './time';

let t: TestApp;
let cook: Client;
let canteenId: number;
const today = shanghaiDay(new Date());
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
interface Page { items: { canteenId: number; canteenName: string; day: string; meal: string; prepSurplusKg: number | null; plateKg: number | null }[]; total: number; totalKg: number; gramsPerMeal: number | null }

beforeAll(async () => {
  t = await testApp();
  cook = await t.login('hlj.canteen');
  canteenId = ((await cook.get('/api/canteen/canteens')).json() as { id: number; name: string }[]).find((c) => c.name === '省直机关第一食堂')!.id;
});
afterAll(() => t.close());

describe('food-waste records list', () => {
  it('filters by canteen, date range, meal and stage, pages newest first, and exports what it shows', async () => {
    const from = addDays(today, -21);
    const to = addDays(today, -1);
    const [expected] = await q<{ n: number; lunch: number }>(sql`select count(*)::int as n, count(*) filter (where meal = 'lunch')::int as lunch from canteen_meal_services
      where canteen_id = ${canteenId} and day between ${from} and ${to} and (prep_surplus_g is not null or unserved_g is not null or plate_g is not null)`);
    expect(expected!.n).toBeGreaterThan(10);
    const p1 = (await cook.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${from}&to=${to}&pageSize=10`)).json() as Page;
    expect(p1.total).toBe(expected!.n);
    expect(p1.items).toHaveLength(10);
    expect(p1.items.every((r) => r.canteenId === canteenId)).toBe(true);
    expect([...p1.items.map((r) => r.day)].sort().reverse()).toEqual(p1.items.map((r) => r.day));
    const p2 = (await cook.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${from}&to=${to}&pageSize=10&page=2`)).json() as Page;
    expect(p2.items[0]!.day <= p1.items[9]!.day).toBe(true);
    expect(p2.total).toBe(p1.total);
    const lunch = (await cook.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${from}&to=${to}&meal=lunch&pageSize=200`)).json() as Page;
    expect(lunch.total).toBe(expected!.lunch);
    expect(lunch.items.every((r) => r.meal === 'lunch')).toBe(true);
    expect(lunch.totalKg).toBeGreaterThan(0);
    expect(lunch.gramsPerMeal).toBeGreaterThan(0);

    // A record where only the plates were weighed: found by the plate stage, not by the preparation stage.
    const old = addDays(today, -80);
    expect((await cook.put('/api/canteen/kitchen/meal-service', { canteenId, day: old, meal: 'dinner', plateKg: 4.2 })).statusCode).toBe(200);
    const plate = (await cook.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${old}&to=${old}&stage=plate`)).json() as Page;
    expect(plate.items).toEqual([expect.objectContaining({ day: old, meal: 'dinner', plateKg: 4.2, prepSurplusKg: null })]);
    expect((await cook.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${old}&to=${old}&stage=prep`)).json()).toMatchObject({ total: 0, items: [] });

    // Scope: Harbin's canteen staff see only Harbin, even when asking for the province canteen.
    const hrb = await t.login('hrb.canteen');
    const theirs = (await hrb.get(`/api/canteen/waste-records?from=${from}&to=${to}&pageSize=200`)).json() as Page;
    expect(theirs.total).toBeGreaterThan(0);
    expect(theirs.items.every((r) => r.canteenName === '哈尔滨市机关食堂')).toBe(true);
    expect((await hrb.get(`/api/canteen/waste-records?canteenId=${canteenId}&from=${from}&to=${to}`)).json()).toMatchObject({ total: 0 });
    // Bad input: a range the wrong way round, an unknown stage.
    expect((await cook.get(`/api/canteen/waste-records?from=${to}&to=${from}`)).statusCode).toBe(400);
    expect((await cook.get(`/api/canteen/waste-records?from=${from}&to=${to}&stage=bones`)).statusCode).toBe(400);

    // Excel: every matching record (not one page), the same filters, audited.
    const res = await cook.get(`/api/canteen/waste-records/export?canteenId=${canteenId}&from=${from}&to=${to}&meal=lunch`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toEqual(expect.arrayContaining(['食堂', '日期', '餐次', '备餐剩余(kg)', '未售出(kg)', '餐盘剩余(kg)', '人均浪费(g/餐)']));
    let dataRows = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(3).value === '午餐') dataRows++;
    });
    expect(dataRows).toBe(expected!.lunch);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'canteen.waste.export'`))[0]!.n).toBe(1);
  });
});
