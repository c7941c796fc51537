import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { building, office, organByLevel } from './fixtures';

let t: TestApp;
let staff: Client;
/** Days derived from the clock in Asia/Shanghai, valid at any hour of any day. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const today = day(0);

beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
});
afterAll(() => t.close());

type Event = { day: string; kind: string; subject: string; changes: { field: string; from: unknown; to: unknown }[]; by: string | null; at: string | null };

describe('a building’s history (楼宇变更记录)', () => {
  it('lists its dated changes — attributes, floors, rooms added, changed, handed over and disposed — with who recorded them', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    const room = await office(t.database.db, at, organ, 20, []);
    const b = (await staff.get(`/api/office/buildings/${at.buildingId}`)).json();
    // Today: the gross area corrected, a storey added three days ago, the room enlarged, another room disposed from yesterday.
    expect((await staff.patch(`/api/office/buildings/${at.buildingId}`, { ...b, grossArea: 5200 })).statusCode).toBe(200);
    const floor = (await staff.post('/api/office/floors', { buildingId: at.buildingId, level: 2, name: '二层', from: day(-3) })).json();
    expect((await staff.patch(`/api/office/rooms/${room}`, { usableArea: 22, grossArea: 30 })).statusCode).toBe(200);
    const other = await office(t.database.db, at, organ, 18, []);
    expect((await staff.post(`/api/office/rooms/${other}/use`, { status: 'disposed', orgUnitId: organ, from: day(-1) })).statusCode).toBe(200);

    const res = await staff.get(`/api/office/buildings/${at.buildingId}/history`);
    expect(res.statusCode, res.body).toBe(200);
    const events = res.json() as Event[];
    const find = (kind: string, subject?: string) => events.find((e) => e.kind === kind && (subject === undefined || e.subject === subject));
    expect(find('building_changed')).toMatchObject({ day: today, changes: [{ field: 'grossArea', from: 5000, to: 5200 }], by: 'hlj.staff' });
    expect(find('floor_added', '二层')).toMatchObject({ day: day(-3), by: 'hlj.staff' });
    expect(floor.id).toBeGreaterThan(0);
    const roomNo = (await staff.get(`/api/office/rooms/${room}`)).json().room.number as string;
    const otherNo = (await staff.get(`/api/office/rooms/${other}?date=${day(-2)}`)).json().room.number as string;
    expect(find('room_changed', roomNo)).toMatchObject({ day: today, by: 'hlj.staff' });
    expect(find('room_changed', roomNo)!.changes).toEqual(expect.arrayContaining([{ field: 'usableArea', from: 20, to: 22 }, { field: 'grossArea', from: 30, to: 30 }].filter((c) => c.from !== c.to)));
    expect(find('room_added', roomNo)).toMatchObject({ day: '2024-01-01' });
    expect(find('room_disposed', otherNo)).toMatchObject({ day: day(-1), changes: [{ field: 'status', from: 'in_use', to: 'disposed' }], by: 'hlj.staff' });
    // Newest first.
    expect(events.map((e) => e.day)).toEqual([...events.map((e) => e.day)].sort().reverse());
    // Another region does not see the building at all.
    const hrb = await t.login('hrb.staff');
    expect((await hrb.get(`/api/office/buildings/${at.buildingId}/history`)).statusCode).toBe(404);
  });
});

describe('a completed construction project enters the registry (竣工入账)', () => {
  it('creates the building, floors and rooms from the completion day in one transaction, audited; a bad row saves nothing', async () => {
    const project = (await t.database.db.execute(sql`select id, org_unit_id from office_projects where status = 'under_construction' order by id limit 1`)).rows[0] as { id: number; org_unit_id: number };
    const done = day(-3);
    const body = {
      completedOn: done,
      building: { code: `XM-${Date.now() % 1e6}`, name: '省财政厅业务楼(新建)', address: '哈尔滨市松北区世纪大道 1 号', grossArea: 3200, structure: 'frame' },
      floors: [{ level: 1, name: '一层' }, { level: 2, name: '二层' }],
      rooms: [
        { floorLevel: 1, number: '101', roomClass: 'service', subType: 'meeting', usableArea: 60, grossArea: 75 },
        { floorLevel: 2, number: '201', roomClass: 'office', subType: 'office', usableArea: 18, grossArea: 24 },
        { floorLevel: 2, number: '202', roomClass: 'office', subType: 'office', usableArea: 9, grossArea: 12, capacity: 1, status: 'vacant' },
      ],
    };
    // A room on a floor not entered, a bad area, a duplicate number: refused, nothing saved.
    const noFloor = await staff.post(`/api/office/projects/${project.id}/complete`, { ...body, rooms: [...body.rooms, { ...body.rooms[0], number: '501', floorLevel: 5 }] });
    expect(noFloor.statusCode).toBe(400);
    expect(noFloor.json().error.code).toBe('office_project_registry');
    expect((await staff.post(`/api/office/projects/${project.id}/complete`, { ...body, rooms: [{ ...body.rooms[0], grossArea: 10 }] })).json().error.code).toBe('office_area_invalid');
    const dup = await staff.post(`/api/office/projects/${project.id}/complete`, { ...body, rooms: [...body.rooms, body.rooms[1]] });
    expect(dup.statusCode).toBe(409);
    expect((await staff.post(`/api/office/projects/${project.id}/complete`, { ...body, completedOn: day(2) })).json().error.code).toBe('office_project_dates');
    expect((await t.database.db.execute(sql`select count(*)::int as n from office_buildings where code = ${body.building.code}`)).rows[0]!.n).toBe(0);
    expect((await t.database.db.execute(sql`select status from office_projects where id = ${project.id}`)).rows[0]!.status).toBe('under_construction');
    // An organ admin cannot enter it (the bureau does).
    const organ = await t.login('hlj.organ');
    expect((await organ.post(`/api/office/projects/${project.id}/complete`, body)).statusCode).toBe(403);

    const res = await staff.post(`/api/office/projects/${project.id}/complete`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', completedOn: done, buildingName: '省财政厅业务楼(新建)', rooms: 3 });
    const buildingId = res.json().buildingId as number;
    // From the completion day the rooms are the organ's; the day before, nothing of it exists.
    const rooms = async (d: string) => (await staff.get(`/api/office/rooms?buildingId=${buildingId}&date=${d}&page=1&pageSize=50`)).json() as { total: number; items: { number: string; status: string; orgUnitId: number }[] };
    expect((await rooms(done)).total).toBe(3);
    expect((await rooms(today)).items.find((r) => r.number === '201')).toMatchObject({ status: 'in_use', orgUnitId: project.org_unit_id });
    expect((await rooms(today)).items.find((r) => r.number === '202')).toMatchObject({ status: 'vacant' });
    expect((await rooms(day(-4))).total).toBe(0);
    expect((await staff.get(`/api/office/buildings/${buildingId}?date=${done}`)).json().floorList).toHaveLength(2);
    expect((await staff.get(`/api/office/buildings/${buildingId}?date=${day(-4)}`)).json().floorList).toHaveLength(0);
    const history = (await staff.get(`/api/office/buildings/${buildingId}/history`)).json() as Event[];
    expect(history.filter((e) => e.day === done).map((e) => e.kind).sort()).toEqual(['building_added', 'floor_added', 'floor_added', 'room_added', 'room_added', 'room_added']);
    expect(history.find((e) => e.kind === 'building_added')).toMatchObject({ by: 'hlj.staff' });
    const audit = (await t.database.db.execute(sql`select action from audit_log where (object_type = 'office_project' and object_id = ${String(project.id)}) or (object_type = 'office_building' and object_id = ${String(buildingId)}) order by id`)).rows.map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['office.project.complete', 'office.building.create']));
    // Entered once only.
    expect((await staff.post(`/api/office/projects/${project.id}/complete`, { ...body, building: { ...body.building, code: 'OTHER-1' } })).json().error.code).toBe('office_project_completed');
  });
});

describe('exports of the case lists', () => {
  it('exports rectification cases, vacate tasks, requests, leases and projects to Excel, each as the list shows them in scope', async () => {
    const lists: [string, string, string][] = [
      ['/api/office/rectifications', '/api/office/rectifications/export', '整改期限'],
      ['/api/office/vacate?open=true', '/api/office/vacate/export?open=true', '应腾退日期'],
      ['/api/office/requests', '/api/office/requests/export', '申请单位'],
      ['/api/office/leases', '/api/office/leases/export', '年租金(元)'],
      ['/api/office/projects', '/api/office/projects/export', '投资估算(元)'],
    ];
    for (const c of [staff, await t.login('hrb.staff')]) {
      for (const [list, exp, header] of lists) {
        const shown = (await c.get(list)).json() as unknown[];
        const x = await c.get(exp);
        expect(x.statusCode, exp).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        expect((ws.getRow(1).values as unknown[]).map(String), exp).toContain(header);
        expect(ws.actualRowCount - 1, exp).toBe(shown.length);
      }
    }
    // The province sees the seeded lease and project; Harbin sees neither.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await staff.get('/api/office/leases/export')).rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toContain('哈尔滨市国有资产经营有限公司');
  });
});

describe('exports of the compliance dashboard and the area standards', () => {
  /** A workbook's data rows as objects keyed by the header row. */
  const sheetRows = async (payload: unknown) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const out: Record<string, unknown>[] = [];
    for (let i = 2; i <= ws.actualRowCount; i++) out.push(Object.fromEntries(headers.map((h, j) => [h, ws.getRow(i).getCell(j + 1).value ?? null])));
    return out;
  };
  const LEVEL: Record<string, string> = { central: '中央', provincial: '省级', prefectural: '市级', county: '县级', township: '乡级' };

  it('exports the dashboard’s table as the user sees it — the unit’s children at that level and day — audited', async () => {
    const hrb = await t.login('hrb.staff');
    const harbin = (await staff.get('/api/office/compliance')).json().children.find((c: { name: string }) => c.name === '哈尔滨市').unitId as number;
    const cases: [Client, string][] = [[staff, ''], [staff, `?unitId=${harbin}&date=${day(-1)}`], [hrb, '']];
    for (const [c, q] of cases) {
      const shown = (await c.get(`/api/office/compliance${q}`)).json() as { date: string; children: { name: string; offices: number; compliant: number; over: number; rate: number | null; overArea: number }[] };
      const x = await c.get(`/api/office/compliance/export${q}`);
      expect(x.statusCode, q).toBe(200);
      const got = await sheetRows(x.rawPayload);
      expect(shown.children.length, q).toBeGreaterThan(0);
      expect(got.map((r) => [r['单位/地区'], r['在用办公室'], r['达标'], r['超标'], r['达标率(%)'], r['超标面积(m²)'], r['统计日期']]), q)
        .toEqual(shown.children.map((r) => [r.name, r.offices, r.compliant, r.over, r.rate, r.overArea, shown.date]));
    }
    // Harbin's bureau cannot export the province's table.
    const root = (await staff.get('/api/office/compliance')).json().unit.unitId as number;
    expect((await hrb.get(`/api/office/compliance/export?unitId=${root}`)).statusCode).toBe(404);
    const audit = (await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'office.compliance.export'`)).rows[0] as { n: number };
    expect(audit.n).toBe(3);
  });

  it('exports the area standard in force with its source and effective date, and the service-room standard of every organ level', async () => {
    const shown = (await staff.get('/api/office/standards')).json() as { current: { organLevel: string; areaM2: number; washroomM2: number; source: string; effectiveFrom: string }[] };
    const got = await sheetRows((await staff.get('/api/office/standards/export')).rawPayload);
    expect(got.length).toBe(shown.current.length);
    expect(got.map((r) => [r['单位层级'], r['使用面积(m²/人)'], r['卫生间(m²)'], r['依据'], r['生效日期']]))
      .toEqual(shown.current.map((r) => [LEVEL[r.organLevel], r.areaM2, r.washroomM2, r.source, r.effectiveFrom]));
    expect(got.find((r) => r['单位层级'] === '省级' && r['职级'] === '正厅(局)级')).toBeTruthy();

    const service = (await staff.get('/api/office/service-standards')).json() as { current: { organLevel: string; minM2: number | null; maxM2: number; source: string; effectiveFrom: string }[] };
    const rows2 = await sheetRows((await staff.get('/api/office/service-standards/export')).rawPayload);
    // Every level is listed, as on the page; a level the source gives no figure for is left blank.
    expect(rows2.map((r) => r['单位层级'])).toEqual(Object.values(LEVEL));
    expect(rows2.filter((r) => r['人均上限(m²)'] !== null).map((r) => [r['单位层级'], r['人均下限(m²)'], r['人均上限(m²)'], r['依据'], r['生效日期']]))
      .toEqual(service.current.map((r) => [LEVEL[r.organLevel], r.minM2, r.maxM2, r.source, r.effectiveFrom]).sort((a, b) => Object.values(LEVEL).indexOf(a[0] as string) - Object.values(LEVEL).indexOf(b[0] as string)));
  });
});

