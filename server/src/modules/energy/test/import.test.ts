import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';

let t: TestApp;
let organ: Client;
let staff: Client;
let finance: number;
let uscc: string;
beforeAll(async () => {
  t = await testApp();
  organ = await t.login('hlj.organ');
  staff = await t.login('hlj.staff');
  finance = await unitId(t.database, '黑龙江省财政厅');
  uscc = ((await t.database.db.execute(sql`select uscc from org_units where id = ${finance}`)).rows[0] as { uscc: string }).uscc;
});
afterAll(() => t.close());

const HEADERS = ['统一社会信用代码', '月份', '能源品种', '实物量', '单位', '金额(元)', '集中采购入库'];
async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('能源资源消费情况');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (c: Client, rows: unknown[][]) => c.request({ method: 'POST', url: '/api/energy/import', ...multipart({ name: 'use.xlsx', data: await sheet(rows) }) });

describe('import of the base form (能源资源消费情况)', () => {
  it('refuses the whole file with every bad row listed, and saves nothing', async () => {
    const res = await upload(organ, [
      [uscc, '2026-04', '电力', 9000, null, 6750, null],
      ['91230100MA00000000', '2026-04', '电力', 100, null, null, null],
      [uscc, '2026-04', '水', -3, null, null, null],
      [uscc, '2026-04', '电力', 50, null, null, null],
      [uscc, '2026-04', '天然气', 0, null, 300, null],
      [uscc, '2025-03', '电力', 10, null, null, null],
    ]);
    expect(res.statusCode, res.body).toBe(422);
    const rows = (res.json().error.details as { row: number }[]).map((d) => d.row);
    expect([...new Set(rows)].sort()).toEqual([3, 4, 5, 6, 7]);
    const n = await t.database.db.execute(sql`select count(*)::int as n from energy_consumption where org_unit_id = ${finance} and month = '2026-04-01'`);
    expect((n.rows[0] as { n: number }).n).toBe(0);
  });

  it('imports a good file in one go, converting litres', async () => {
    const res = await upload(organ, [
      [uscc, '2026-04', '电力', 9000, null, 6750, null],
      [uscc, '2026-04', '柴油', 100, 'L', 760, '是'],
      [uscc, '2026-05', '电力', 8000, null, 6000, null],
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported).toBe(3);
    const april = (await organ.get(`/api/energy/consumption/${finance}/2026-04`)).json();
    expect(april.entries).toEqual(expect.arrayContaining([expect.objectContaining({ energyType: 'diesel', quantity: 84, enteredQuantity: 100, bulk: true })]));
    // Another unit's institution is outside an organ admin's scope.
    const other = await upload(organ, [[((await t.database.db.execute(sql`select uscc from org_units where name = '哈尔滨市财政局'`)).rows[0] as { uscc: string }).uscc, '2026-04', '电力', 1, null, null, null]]);
    expect(other.statusCode).toBe(422);
  });
});

describe('summary forms', () => {
  it('exports by region and by category, with the same figures as the dashboard', async () => {
    const province = await unitId(t.database, '230000');
    const res = await staff.request({ method: 'GET', url: `/api/energy/export?unitId=${province}&year=2025&by=child` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(header).toContain('综合能耗(tce)');
    const names: string[] = [];
    ws.eachRow((r, i) => { if (i > 1) names.push(String(r.getCell(1).value)); });
    expect(names).toEqual(expect.arrayContaining(['哈尔滨市', '齐齐哈尔市', '大兴安岭地区', '黑龙江省财政厅']));
    const harbinRow = ws.getRow(names.indexOf('哈尔滨市') + 2);
    const breakdown = (await staff.get(`/api/energy/breakdown?unitId=${province}&year=2025&by=child`)).json() as { name: string; totalTce: number }[];
    expect(Number(harbinRow.getCell(header.indexOf('综合能耗(tce)')).value)).toBeCloseTo(breakdown.find((b) => b.name === '哈尔滨市')!.totalTce, 3);

    const cats = (await staff.get(`/api/energy/breakdown?unitId=${province}&year=2025&by=category`)).json() as { name: string; institutions: number }[];
    expect(cats.map((c) => c.name).sort()).toEqual(['医院', '学校', '机关'].sort());
    expect(cats.find((c) => c.name === '学校')!.institutions).toBe(13);
    const byCat = await staff.request({ method: 'GET', url: `/api/energy/export?unitId=${province}&year=2025&by=category` });
    expect(byCat.statusCode).toBe(200);
  });
});

describe('import of the base form 基本信息 (basic information)', () => {
  it('registers institutions with their denominators, all or nothing', async () => {
    const hrb = await t.login('hrb.staff');
    const harbinFinance = ((await t.database.db.execute(sql`select uscc from org_units where name = '哈尔滨市财政局'`)).rows[0] as { uscc: string }).uscc;
    const qqFinance = ((await t.database.db.execute(sql`select uscc from org_units where name = '齐齐哈尔市财政局'`)).rows[0] as { uscc: string }).uscc;
    const file = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('基本信息');
      ws.addRow(['统一社会信用代码', '单位类别', '生效日期', '用能人数', '建筑面积(m²)', '供暖面积(m²)']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const post = async (rows: unknown[][]) => hrb.request({ method: 'POST', url: '/api/energy/institutions/import', ...multipart({ name: 'basic.xlsx', data: await file(rows) }) });
    const bad = await post([[harbinFinance, '机关', '2026-01-01', 120, 5200, 5000], [qqFinance, '机关', '2026-01-01', 80, 3000, 3000], [harbinFinance, '机关', '2026-02-01', 0, 5200, 5000]]);
    expect(bad.statusCode).toBe(422);
    expect((bad.json().error.details as { row: number }[]).map((d) => d.row).sort()).toEqual([3, 4]);
    const ok = await post([[harbinFinance, '机关', '2026-01-01', 120, 5200, 5000]]);
    expect(ok.json().imported).toBe(1);
    const unit = await unitId(t.database, '哈尔滨市财政局');
    const dens = (await hrb.get(`/api/energy/institutions/${unit}/denominators`)).json() as { effectiveFrom: string; headcount: number }[];
    expect(dens[0]).toMatchObject({ effectiveFrom: '2026-01-01', headcount: 120 });
  });
});
