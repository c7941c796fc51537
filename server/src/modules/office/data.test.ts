import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { multipart, testApp, unitId, type Client, type TestApp } from '../../../test/helpers';

let t: TestApp;
let organ: Client;
let staff: Client;
let finance: { id: number; uscc: string };

async function xlsx(headers: string[], data: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  ws.addRow(headers);
  for (const d of data) ws.addRow(d);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: Client, url: string, data: Buffer) => {
  const m = multipart({ name: 'x.xlsx', data });
  return c.request({ method: 'POST', url, payload: m.payload, headers: m.headers });
};
const count = async (q: string) => ((await t.database.db.execute(sql.raw(q))).rows[0] as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  organ = await t.login('hlj.organ');
  staff = await t.login('hlj.staff');
  finance = (await t.database.db.execute(sql`select id, uscc from org_units where name = '黑龙江省财政厅'`)).rows[0] as never;
});
afterAll(() => t.close());

describe('imports', () => {
  it('serves templates with the columns surveyors fill in', async () => {
    const res = await organ.get('/api/office/templates/rooms');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('建筑编码 *');
  });

  it('imports buildings, rooms and occupants; a file with bad rows reports each and imports nothing', async () => {
    const b = await xlsx(['建筑编码', '建筑名称', '单位(统一社会信用代码或编号)', '建筑面积(m²)', '权证面积(m²)'], [['IMP-1', '导入楼', finance.uscc, 1200, 1200], ['IMP-2', '导入二号楼', finance.uscc, 800, 790]]);
    const ok = await upload(organ, '/api/office/import/buildings', b);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().imported).toBe(2);

    const roomHeaders = ['建筑编码', '楼层', '房间号', '用房类别', '用途', '使用面积(m²)', '建筑面积(m²)', '可容纳人数', '状态'];
    const before = await count('select count(*)::int as n from office_rooms');
    const bad = await xlsx(roomHeaders, [
      ['IMP-1', 1, '101', '办公室', '办公室', 18, 24, 1, '在用'],
      ['IMP-1', 1, '102', '办公室', '办公室', 0, 24, 1, '在用'], // area 0
      ['IMP-1', 1, '101', '办公室', '办公室', 18, 24, 1, '在用'], // duplicate
      ['NOPE', 1, '103', '办公室', '办公室', 18, 24, 1, '在用'], // unknown building
      ['IMP-1', 1, '104', '服务用房', '办公室', 18, 24, 1, '在用'], // sub-type of another class
    ]);
    const failed = await upload(organ, '/api/office/import/rooms', bad);
    expect(failed.statusCode).toBe(422);
    expect([...new Set(failed.json().error.details.map((d: { row: number }) => d.row))]).toEqual([3, 4, 5, 6]);
    expect(await count('select count(*)::int as n from office_rooms')).toBe(before);

    const good = await xlsx(roomHeaders, [['IMP-1', 1, '101', '办公室', '办公室', 18, 24, 2, '在用'], ['IMP-1', 2, '201', '服务用房', '会议室', 60, 70, 1, '在用'], ['IMP-2', 1, '101', '办公室', '办公室', 24, 30, 1, '空置']]);
    const imported = await upload(organ, '/api/office/import/rooms', good);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(await count(`select count(*)::int as n from office_floors f join office_buildings b on b.id = f.building_id where b.code = 'IMP-1'`)).toBe(2);
    expect(await count(`select count(*)::int as n from office_rooms r join office_buildings b on b.id = r.building_id where b.code = 'IMP-2' and r.status = 'vacant'`)).toBe(1);

    const occHeaders = ['单位(统一社会信用代码或编号)', '姓名', '职级', '建筑编码', '房间号', '起始日期'];
    const overCap = await xlsx(occHeaders, [[finance.uscc, '张一', '科员及以下', 'IMP-1', '101', '2025-01-01'], [finance.uscc, '张二', 'staff', 'IMP-1', '101', '2025-01-01'], [finance.uscc, '张三', 'staff', 'IMP-1', '101', '2025-01-01'], [finance.uscc, '李四', '皇帝', '', '', '']]);
    const capFail = await upload(organ, '/api/office/import/occupants', overCap);
    expect(capFail.statusCode).toBe(422);
    const msgs = capFail.json().error.details as { row: number; message: string }[];
    expect(msgs.find((d) => d.row === 4)!.message).toContain('超出房间可容纳人数');
    expect(msgs.find((d) => d.row === 5)!.message).toContain('皇帝');
    const occOk = await upload(organ, '/api/office/import/occupants', await xlsx(occHeaders, [[finance.uscc, '张一', '科员及以下', 'IMP-1', '101', '2025-01-01'], [finance.uscc, '张二', 'staff', 'IMP-1', '101', '2025-01-01']]));
    expect(occOk.statusCode, occOk.body).toBe(200);
    const room = (await organ.get('/api/office/rooms?q=导入楼&roomClass=office')).json().items.find((x: { number: string; buildingName: string }) => x.number === '101' && x.buildingName === '导入楼');
    expect(room).toMatchObject({ occupants: 2, verdict: 'compliant', entitlement: 18 });
  });

  it('exports the room list with the filters and verdicts', async () => {
    const res = await organ.get('/api/office/rooms/export?roomClass=office');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = (await organ.get('/api/office/rooms?roomClass=office')).json().total;
    expect(ws.actualRowCount - 1).toBe(total);
    const header = (ws.getRow(1).values as string[]).filter(Boolean);
    expect(header).toContain('核定结果');
  });
});

describe('reconciliation', () => {
  it('lists every difference between the records and a survey, and between buildings and their certificates', async () => {
    const rooms = await t.database.db.execute(sql`select b.code, r.number, r.usable_area::float8 as a, r.room_class as c from office_rooms r join office_buildings b on b.id = r.building_id where b.code = 'IMP-1' order by r.number`);
    const rec = rooms.rows as { code: string; number: string; a: number; c: string }[];
    expect(rec.length).toBe(2);
    const cls = (c: string) => ({ office: '办公室', service: '服务用房' })[c]!;
    const survey = await xlsx(['建筑编码', '房间号', '实测使用面积(m²)', '实际用途类别', '清查日期'], [
      [rec[0]!.code, rec[0]!.number, rec[0]!.a + 2.5, cls(rec[0]!.c), '2026-06-30'], // area differs
      ['IMP-1', '999', 20, '办公室', '2026-06-30'], // not in the records
      // rec[1] (the meeting room) was not found by the survey
    ]);
    const res = await upload(organ, '/api/office/import/survey', survey);
    expect(res.statusCode, res.body).toBe(200);
    const diffs = (await organ.get(`/api/office/reconciliation?batch=${res.json().batch}`)).json() as { kind: string; buildingCode: string; roomNumber: string | null }[];
    const mine = diffs.filter((d) => d.buildingCode.startsWith('IMP-'));
    expect(mine.map((d) => `${d.kind}:${d.buildingCode}:${d.roomNumber ?? ''}`).sort()).toEqual(
      [`area:IMP-1:${rec[0]!.number}`, 'certificate:IMP-2:', 'missing_in_records:IMP-1:999', `missing_in_survey:IMP-1:${rec[1]!.number}`, 'certificate:IMP-1:'].sort(),
    );
  });
});

describe('annual statistics report', () => {
  it('is one workbook whose province, prefecture and county totals equal the sum of their parts', async () => {
    const province = await unitId(t.database, '230000');
    const res = await staff.get(`/api/office/annual-report?unitId=${province}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name.slice(4))).toEqual(['全省汇总', '市(地)汇总', '县(区)汇总', '单位明细']);
    const data = (i: number) => {
      const ws = wb.worksheets[i]!;
      const out: (string | number)[][] = [];
      ws.eachRow((r, n) => n > 1 && out.push((r.values as (string | number)[]).slice(1)));
      return out;
    };
    const [prov] = data(0);
    const prefs = data(1);
    const counties = data(2);
    const organs = data(3);
    const sumCols = (rs: (string | number)[][], from: number) => rs.reduce((acc, r) => acc.map((v, i) => Math.round((Number(v) + Number(r[i + from])) * 100) / 100), new Array(14).fill(0) as number[]);
    // province = every organ; = prefectures + organs directly under the province
    expect(prov!.slice(1)).toEqual(sumCols(organs, 2));
    const direct = organs.filter((o) => o[0] === '黑龙江省');
    const both = sumCols([...prefs.map((p) => ['', ...p]), ...direct.map((d) => ['', ...d])], 3);
    expect(prov!.slice(1)).toEqual(both);
    // Harbin = its counties + its own organs
    const harbin = prefs.find((p) => p[1] === '哈尔滨市')!;
    const parts = [...counties.filter((c) => c[0] === '哈尔滨市'), ...organs.filter((o) => o[0] === '哈尔滨市')];
    expect(harbin.slice(2)).toEqual(sumCols(parts, 2));
    expect(Number(prov![1])).toBeGreaterThan(50); // organs
    expect(Number(prov![13])).toBeGreaterThan(0); // over-standard offices
    // Harbin's bureau cannot run the province's report
    expect((await (await t.login('hrb.staff')).get(`/api/office/annual-report?unitId=${province}`)).statusCode).toBe(404);
  });
});
