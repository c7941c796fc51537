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
    // Areas are numeric cells: SUM in Excel adds them up.
    const valueAt = (sheet: ExcelJS.Worksheet, name: string) => {
      const col = (sheet.getRow(1).values as string[]).findIndex((h) => h?.replace(/ \*$/, '') === name);
      expect(col, name).toBeGreaterThan(0);
      return sheet.getRow(2).getCell(col).value;
    };
    for (const name of ['使用面积(m²)', '建筑面积(m²)', '卫生间面积(m²)']) expect(typeof valueAt(ws, name), name).toBe('number');
    const rooms = (await organ.get('/api/office/rooms?roomClass=office&pageSize=1')).json().items as { usableArea: number }[];
    expect(valueAt(ws, '使用面积(m²)')).toBe(rooms[0]!.usableArea);
    const buildings = new ExcelJS.Workbook();
    await buildings.xlsx.load((await organ.get('/api/office/buildings/export')).rawPayload as unknown as ArrayBuffer);
    expect(typeof valueAt(buildings.worksheets[0]!, '建筑面积(m²)')).toBe('number');
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

describe('organ sub-ledger vs master ledger (账账)', () => {
  const CLS: Record<string, string> = { office: '办公室', service: '服务用房', plant: '设备用房', ancillary: '附属用房' };
  const HEAD = ['申报单位(统一社会信用代码或编号)', '年度', '建筑编码', '房间号', '用房类别', '使用面积(m²)'];

  it('imports an organ’s declared ledger all or nothing and lists every difference against the master ledger, also as Excel', async () => {
    const day = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const year = Number(day.slice(0, 4));
    const master = (await t.database.db.execute(sql`select b.code, r.number, v.usable_area::float8 as a, v.room_class as c
      from office_rooms r join office_buildings b on b.id = r.building_id
      join office_room_uses u on u.room_id = r.id and u.during @> ${day}::date and u.status <> 'disposed'
      join office_room_versions v on v.room_id = r.id and v.during @> ${day}::date
      where u.org_unit_id = ${finance.id} order by r.id`)).rows as { code: string; number: string; a: number; c: string }[];
    expect(master.length).toBeGreaterThan(5);
    const other = (await t.database.db.execute(sql`select b.code, r.number, r.usable_area::float8 as a, r.room_class as c, g.name from office_rooms r join office_buildings b on b.id = r.building_id
      join org_units g on g.id = r.org_unit_id where g.name like '%发展和改革%' and r.status = 'in_use' order by r.id limit 1`)).rows[0] as { code: string; number: string; a: number; c: string; name: string };
    const [omitted, bigger, reclassed, ...rest] = master;
    const declared: (string | number)[][] = [
      [finance.uscc, year, bigger!.code, bigger!.number, CLS[bigger!.c]!, bigger!.a + 1],
      [finance.uscc, year, reclassed!.code, reclassed!.number, reclassed!.c === 'office' ? '服务用房' : '办公室', reclassed!.a],
      ...rest.map((m) => [finance.uscc, year, m.code, m.number, CLS[m.c]!, m.a]),
      [finance.uscc, year, 'NOPE-9', '901', '办公室', 20],
      [finance.uscc, year, other.code, other.number, CLS[other.c]!, other.a],
    ];
    const rowsBefore = await count('select count(*)::int as n from office_ledger_rows');
    // Bad rows: each reported, nothing saved.
    const bad = await upload(organ, '/api/office/import/ledger', await xlsx(HEAD, [
      ...declared.slice(0, 2),
      ['NO-SUCH-ORG', year, 'X', '1', '办公室', 10],
      [finance.uscc, 1999, 'X', '2', '办公室', 10],
      [finance.uscc, year, 'X', '3', '办公室', 0],
      declared[0]!,
    ]));
    expect(bad.statusCode).toBe(422);
    expect([...new Set(bad.json().error.details.map((d: { row: number }) => d.row))]).toEqual([4, 5, 6, 7]);
    expect(await count('select count(*)::int as n from office_ledger_rows')).toBe(rowsBefore);
    // Another region's organ admin cannot declare for this organ.
    const hrb = await t.login('hrb.organ');
    expect((await upload(hrb, '/api/office/import/ledger', await xlsx(HEAD, [declared[0]!]))).statusCode).toBe(422);

    const ok = await upload(organ, '/api/office/import/ledger', await xlsx(HEAD, declared));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: declared.length, snapshots: 1 });
    // A second declaration for the same organ and year replaces the first.
    expect((await upload(organ, '/api/office/import/ledger', await xlsx(HEAD, declared))).json().imported).toBe(declared.length);
    expect(await count(`select count(*)::int as n from office_ledger_rows where org_unit_id = ${finance.id} and year = ${year}`)).toBe(declared.length);
    expect((await organ.get('/api/office/ledgers')).json()).toContainEqual(expect.objectContaining({ orgUnitName: '黑龙江省财政厅', year, rows: declared.length }));

    const diffs = (await organ.get(`/api/office/reconciliation?ledgerYear=${year}`)).json() as { kind: string; buildingCode: string; roomNumber: string; recorded: string | null; surveyed: string | null; orgUnitName: string }[];
    const ledger = diffs.filter((d) => d.kind.startsWith('ledger_'));
    const pick = (kind: string) => ledger.filter((d) => d.kind === kind).map((d) => [d.buildingCode, d.roomNumber, d.recorded === null ? null : d.kind === 'ledger_organ' || d.kind === 'ledger_class' ? d.recorded : Number(d.recorded), d.surveyed === null ? null : d.kind === 'ledger_organ' || d.kind === 'ledger_class' ? d.surveyed : Number(d.surveyed)]);
    expect(pick('ledger_missing_in_ledger')).toEqual([[omitted!.code, omitted!.number, omitted!.a, null]]);
    expect(pick('ledger_missing_in_master')).toEqual([['NOPE-9', '901', null, 20]]);
    expect(pick('ledger_area')).toEqual([[bigger!.code, bigger!.number, bigger!.a, bigger!.a + 1]]);
    expect(pick('ledger_class')).toEqual([[reclassed!.code, reclassed!.number, reclassed!.c, reclassed!.c === 'office' ? 'service' : 'office']]);
    expect(pick('ledger_organ')).toEqual([[other.code, other.number, other.name, '黑龙江省财政厅']]);
    expect(ledger).toHaveLength(5);
    expect(ledger.every((d) => d.orgUnitName === '黑龙江省财政厅')).toBe(true);
    // Outside the organ's scope nothing shows: Harbin sees none of these differences.
    expect(((await hrb.get(`/api/office/reconciliation?ledgerYear=${year}`)).json() as { kind: string }[]).filter((d) => d.kind.startsWith('ledger_'))).toEqual([]);

    const file = await organ.get(`/api/office/reconciliation/export?ledgerYear=${year}`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells: string[] = [];
    ws.eachRow((r) => cells.push(String(r.getCell(1).value)));
    expect(cells[0]).toBe('差异类型');
    for (const label of ['账账:总账无此房间', '账账:单位台账未列', '账账:面积不符', '账账:用途不符', '账账:使用单位不符']) expect(cells).toContain(label);
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
