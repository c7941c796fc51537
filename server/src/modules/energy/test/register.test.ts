import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type TestApp } from '../../../../test/helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function sheetRows(payload: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe('the institution register (公共机构名录): search, paging and Excel export', () => {
  it('finds an institution by its credit code, pages, and exports exactly what the filters select, within the scope', async () => {
    const hrb = await t.login('hrb.staff');
    const finance = await unitId(t.database, '哈尔滨市财政局');
    const uscc = ((await t.database.db.execute(sql`select uscc from org_units where id = ${finance}`)).rows[0] as { uscc: string }).uscc;

    const byCode = (await hrb.get(`/api/energy/institutions?q=${uscc}`)).json() as { total: number; items: { orgUnitId: number; uscc: string }[] };
    expect(byCode.total).toBe(1);
    expect(byCode.items[0]).toMatchObject({ orgUnitId: finance, uscc });

    const all = (await hrb.get('/api/energy/institutions?pageSize=5')).json() as { total: number; items: { name: string }[] };
    const inScope = Number(((await t.database.db.execute(sql`select count(*)::int as n from energy_institutions i join org_units u on u.id = i.org_unit_id
      where u.path like (select path from org_units where name = '哈尔滨市' and kind = 'region') || '%'`)).rows[0] as { n: number }).n);
    expect(all.total).toBe(inScope);
    expect(all.items).toHaveLength(5);
    const page2 = (await hrb.get('/api/energy/institutions?pageSize=5&page=2')).json() as { items: { name: string }[] };
    expect(page2.items.map((i) => i.name)).not.toContain(all.items[0]!.name);

    // The export holds every page of the filter, not one page, and nothing outside Harbin.
    const res = await hrb.get('/api/energy/institutions/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['单位名称', '统一社会信用代码', '所属地区', '单位类别', '在册', '分母生效日期', '用能人数', '建筑面积(m²)', '供暖面积(m²)']);
    expect(rows.length - 1).toBe(inScope);
    expect(rows.map((r) => r[0])).toContain('哈尔滨市财政局');
    expect(rows.map((r) => r[0])).not.toContain('齐齐哈尔市财政局');

    const filtered = await sheetRows((await hrb.get(`/api/energy/institutions/export?q=${uscc}`)).rawPayload);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]!.slice(0, 4)).toEqual(['哈尔滨市财政局', uscc, '哈尔滨市', '机关']);

    const schools = await sheetRows((await hrb.get('/api/energy/institutions/export?category=school')).rawPayload);
    expect(schools.length).toBeGreaterThan(1);
    expect(schools.slice(1).every((r) => r[3] === '学校')).toBe(true);

    const audited = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'energy.institution.export'`);
    expect(Number((audited.rows[0] as { n: number }).n)).toBe(3);
    // An employee has no energy.read: no register, no export.
    const employee = await t.login('hrb.employee');
    expect((await employee.get('/api/energy/institutions/export')).statusCode).toBe(403);
  });
});
