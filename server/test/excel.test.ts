import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { multipart, testApp, type Client, type TestApp } from './helpers';

let t: TestApp;
let admin: Client;
let financeUscc: string;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('sysadmin');
  const r = await t.database.db.execute(sql`select uscc from org_units where name = '哈尔滨市财政局'`);
  financeUscc = (r.rows[0] as { uscc: string }).uscc;
});
afterAll(() => t.close());

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

async function sheetWith(rows: (string | null)[][], headers = ['用户名', '姓名', '所属单位编码', '职级编码', '手机', '邮箱']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('用户');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (data: Buffer, name = 'users.xlsx') => admin.request({ method: 'POST', url: '/api/users/import', ...multipart({ name, data }) });
const userCount = async () => ((await t.database.db.execute(sql`select count(*)::int as n from users`)).rows[0] as { n: number }).n;

describe('Excel kit (users)', () => {
  it('the template has Chinese headers with required marks and hints, and round-trips through import and export', async () => {
    const res = await admin.get('/api/users/import-template');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = await workbook(res.rawPayload);
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(['用户名 *', '姓名 *', '所属单位编码 *', '职级编码', '手机', '邮箱']);
    expect(String(ws.getRow(1).getCell(3).note)).toContain('统一社会信用代码');

    ws.addRow(['tpl.one', '模板甲', financeUscc, 'staff', '13800000001', null]);
    ws.addRow(['tpl.two', '模板乙', '230100', null, null, 'b@example.cn']);
    const filled = Buffer.from(await ws.workbook.xlsx.writeBuffer());
    const imported = await upload(filled);
    expect(imported.json()).toEqual({ imported: 2 });

    const exported = await admin.get('/api/users/export?q=tpl.');
    const out = await workbook(exported.rawPayload);
    const rows = out.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
    expect(rows).toEqual([['tpl.one', '模板甲', expect.any(String)], ['tpl.two', '模板乙', expect.any(String)]]);
    expect(exported.headers['content-disposition']).toContain("filename*=UTF-8''");
  });

  it('a 10,000-row file with 3 bad rows reports exactly those 3 and imports nothing', async () => {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 10_000; i++) rows.push([`bulk.${i}`, `职员${i}`, financeUscc, 'staff', null, null]);
    rows[1234]![0] = 'x'; // username too short → row 1236
    rows[5000]![2] = '99999999'; // unknown org unit → row 5002
    rows[9998]![3] = 'marshal'; // unknown rank → row 10000
    const before = await userCount();
    const res = await upload(await sheetWith(rows));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('excel_invalid');
    expect(body.error.message).toBe('导入失败:共 3 行有误,未导入任何数据');
    expect(body.error.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([[1236, '用户名'], [5002, '所属单位编码'], [10000, '职级编码']]);
    expect(await userCount()).toBe(before);
  });

  it('duplicates inside the file and usernames already taken are row errors', async () => {
    const res = await upload(await sheetWith([['dup.a', '甲', financeUscc, null, null, null], ['dup.a', '乙', financeUscc, null, null, null], ['sysadmin', '丙', financeUscc, null, null, null]]));
    expect(res.json().error.details).toEqual([
      { row: 3, column: '用户名', message: '与第 2 行重复' },
      { row: 4, column: '用户名', message: '用户名已存在' },
    ]);
  });

  it('wrong file type, wrong headers and oversize files get a clear error', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect((await upload(png, 'users.xlsx')).json().error.code).toBe('excel_not_xlsx');
    const wrong = await upload(await sheetWith([['a', 'b']], ['姓名', '电话']));
    expect(wrong.json().error).toMatchObject({ code: 'excel_headers', message: expect.stringContaining('用户名') });
    const huge = await upload(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('refuses a zip bomb before inflating it', async () => {
    const data = await sheetWith([['bomb.a', '甲', financeUscc, null, null, null]]);
    // Claim a 300 MB uncompressed size for the first entry in the central directory.
    const cd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const first = data.readUInt32LE(cd + 16);
    data.writeUInt32LE(300 * 1024 * 1024, first + 24);
    const res = await upload(data);
    expect(res.json().error.code).toBe('excel_too_large');
  });

  it('a scoped admin cannot import users into units outside the scope', async () => {
    const keeper = await t.login('hrb.sysadmin');
    const res = await keeper.request({ method: 'POST', url: '/api/users/import', ...multipart({ name: 'u.xlsx', data: await sheetWith([['q.one', '齐', '230200', null, null, null]]) }) });
    expect(res.json().error.details[0]).toMatchObject({ row: 2, column: '所属单位编码' });
  });
});
