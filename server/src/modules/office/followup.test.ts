import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { testApp, type Client, type TestApp } from '../../../test/helpers';

let t: TestApp;
let staff: Client;
let organ: Client;
let financeId: number;
let ndrcId: number;
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  organ = await t.login('hlj.organ');
  financeId = (await t.database.db.execute(sql`select id from org_units where name = '黑龙江省财政厅'`)).rows[0]!.id as number;
  ndrcId = (await t.database.db.execute(sql`select id from org_units where name like '%发展和改革%' order by id limit 1`)).rows[0]!.id as number;
});
afterAll(() => t.close());

let seq = 0;
async function newRoom(orgUnitId: number, usableArea = 40) {
  const code = `FU-${++seq}-${Date.now() % 1e6}`;
  const b = await staff.post('/api/office/buildings', { orgUnitId, code, name: `${code}楼`, grossArea: 2000 });
  const f = await staff.post('/api/office/floors', { buildingId: b.json().id, level: 1, name: '1层' });
  const r = await staff.post('/api/office/rooms', { buildingId: b.json().id, floorId: f.json().id, orgUnitId, number: '101', roomClass: 'office', subType: 'office',
    usableArea, grossArea: usableArea + 8, capacity: 4, status: 'in_use', from: '2025-01-01' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().id as number;
}
async function approve(approvalId: number) {
  const a = (await staff.get(`/api/approvals/${approvalId}`)).json();
  return staff.post(`/api/approvals/${approvalId}/decide`, { decision: 'approve', version: a.request?.version ?? a.version ?? 0 });
}
async function ask(neededArea = 40) {
  const c = await organ.post('/api/office/requests', { kind: 'allocation', orgUnitId: financeId, neededArea, headcount: 2, reason: '新增处室' });
  expect(c.statusCode, c.body).toBe(200);
  return c.json() as { id: number; approvalId: number };
}

describe('allocation follow-up', () => {
  it('a two-way exchange hands each organ the other’s room in the one approval', async () => {
    const theirs = await newRoom(ndrcId, 11);
    const mine = await newRoom(financeId, 12);
    const q = await ask(11);
    const offer = (await staff.get(`/api/office/requests/${q.id}/suggestions`)).json() as { give: { id: number }[] };
    expect(offer.give.map((x) => x.id)).toContain(mine);
    const propose = (body: object) => staff.post(`/api/office/requests/${q.id}/propose`, body);
    // Both rooms needed, and they must be the right way round.
    expect((await propose({ path: 'exchange', roomId: theirs })).json().error.code).toBe('office_path_room');
    expect((await propose({ path: 'exchange', roomId: mine, giveRoomId: theirs })).json().error.code).toBe('office_exchange_room');
    expect((await propose({ path: 'exchange', roomId: theirs, giveRoomId: mine })).statusCode).toBe(200);
    const d = await approve(q.approvalId);
    expect(d.statusCode, d.body).toBe(200);
    const done = (await organ.get(`/api/office/requests/${q.id}`)).json();
    expect(done).toMatchObject({ status: 'approved', path: 'exchange', roomId: theirs, giveRoomId: mine });
    expect(done.certificateNo).toMatch(/^办分配/);
    const ndrcName = (await t.database.db.execute(sql`select name from org_units where id = ${ndrcId}`)).rows[0]!.name as string;
    expect((await staff.get(`/api/office/rooms/${theirs}`)).json().room.orgUnitName).toBe('黑龙江省财政厅');
    expect((await staff.get(`/api/office/rooms/${mine}`)).json().room.orgUnitName).toBe(ndrcName);
    // Yesterday each room was still the other organ's.
    const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
    expect((await staff.get(`/api/office/rooms/${theirs}?date=${yesterday}`)).json().room.orgUnitName).toBe(ndrcName);
  });

  it('an exchange whose room got an occupant before the decision fails and changes nothing', async () => {
    const theirs = await newRoom(ndrcId, 30);
    const mine = await newRoom(financeId, 30);
    const q = await ask(30);
    expect((await staff.post(`/api/office/requests/${q.id}/propose`, { path: 'exchange', roomId: theirs, giveRoomId: mine })).statusCode).toBe(200);
    const p = (await staff.post('/api/office/persons', { orgUnitId: ndrcId, name: '后入驻者', rankCode: 'staff' })).json();
    expect((await staff.post(`/api/office/rooms/${theirs}/occupants`, { personId: p.id, from: today })).statusCode).toBe(200);
    const d = await approve(q.approvalId);
    expect(d.statusCode).toBe(400);
    expect(d.json().error.code).toBe('office_exchange_room');
    expect((await organ.get(`/api/office/requests/${q.id}`)).json().status).toBe('pending');
    expect((await staff.get(`/api/office/rooms/${mine}`)).json().room.orgUnitName).toBe('黑龙江省财政厅');
  });

  it('a lease decision is followed by its lease, a build decision by a project tracked to completion', async () => {
    const leaseReq = await ask(2500);
    expect((await staff.post(`/api/office/requests/${leaseReq.id}/propose`, { path: 'lease' })).statusCode).toBe(200);
    const lease = { lessor: '哈尔滨某置业有限公司', address: '哈尔滨市南岗区中山路1号', area: 2400, startOn: `${year}-01-01`, endOn: `${year + 2}-12-31`, annualRentFen: 1_200_000_00 };
    // Not before the decision.
    expect((await staff.post(`/api/office/requests/${leaseReq.id}/lease`, lease)).json().error.code).toBe('office_follow_up_path');
    expect((await approve(leaseReq.approvalId)).statusCode).toBe(200);
    expect((await staff.post(`/api/office/requests/${leaseReq.id}/lease`, { ...lease, endOn: lease.startOn })).json().error.code).toBe('office_lease_invalid');
    expect((await staff.post(`/api/office/requests/${leaseReq.id}/project`, { name: 'x', area: 10, budgetFen: 0 })).json().error.code).toBe('office_follow_up_path');
    // An organ admin cannot record it (the bureau signs leases).
    expect((await organ.post(`/api/office/requests/${leaseReq.id}/lease`, lease)).statusCode).toBe(403);
    const l = await staff.post(`/api/office/requests/${leaseReq.id}/lease`, lease);
    expect(l.statusCode, l.body).toBe(200);
    expect(l.json()).toMatchObject({ ...lease, orgUnitName: '黑龙江省财政厅', status: 'active' });
    expect((await staff.post(`/api/office/requests/${leaseReq.id}/lease`, lease)).json().error.code).toBe('office_follow_up_exists');
    expect((await organ.get('/api/office/leases')).json().map((x: { requestId: number }) => x.requestId)).toContain(leaseReq.id);
    expect((await organ.get(`/api/office/requests/${leaseReq.id}`)).json().leaseId).toBe(l.json().id);
    const hrb = await t.login('hrb.staff');
    expect((await hrb.get('/api/office/leases')).json().map((x: { requestId: number }) => x.requestId)).not.toContain(leaseReq.id);

    const buildReq = await ask(3000);
    expect((await staff.post(`/api/office/requests/${buildReq.id}/propose`, { path: 'build' })).statusCode).toBe(200);
    expect((await approve(buildReq.approvalId)).statusCode).toBe(200);
    const p = await staff.post(`/api/office/requests/${buildReq.id}/project`, { name: '省财政厅业务用房建设项目', area: 3200, budgetFen: 4_800_000_000 });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'planned', startedOn: null, completedOn: null });
    const id = p.json().id as number;
    // Completed needs a completion date not before the start.
    expect((await staff.patch(`/api/office/projects/${id}`, { status: 'completed', startedOn: today })).json().error.code).toBe('office_project_dates');
    expect((await staff.patch(`/api/office/projects/${id}`, { status: 'under_construction' })).json().error.code).toBe('office_project_dates');
    expect((await staff.patch(`/api/office/projects/${id}`, { status: 'under_construction', startedOn: `${year}-01-02` })).json()).toMatchObject({ status: 'under_construction', startedOn: `${year}-01-02` });
    const done = await staff.patch(`/api/office/projects/${id}`, { status: 'completed', startedOn: `${year}-01-02`, completedOn: today < `${year}-01-02` ? `${year}-01-02` : today });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('completed');
    expect((await organ.get('/api/office/projects')).json().find((x: { id: number }) => x.id === id)).toMatchObject({ status: 'completed', budgetFen: 4_800_000_000 });
  });
});

describe('works plan of major repairs (大修)', () => {
  it('lists the approved major repairs of a year with cost and status, and exports them to Excel', async () => {
    const room = await newRoom(financeId, 30);
    const other = await newRoom(financeId, 30);
    const major = await organ.post('/api/office/requests', { kind: 'repair', orgUnitId: financeId, roomId: room, method: 'major', reason: '屋面防水大修', estimatedCostFen: 35_000_000, planYear: year + 1 });
    expect(major.statusCode, major.body).toBe(200);
    const routine = await organ.post('/api/office/requests', { kind: 'repair', orgUnitId: financeId, roomId: other, method: 'routine', reason: '更换灯具', estimatedCostFen: 50_000 });
    const plan = async (y: number) => (await staff.get(`/api/office/works-plan?year=${y}`)).json() as { items: { id: number; status: string; estimatedCostFen: number; reason: string }[]; totalFen: number };
    // Not in the plan until approved.
    expect((await plan(year + 1)).items.map((x) => x.id)).not.toContain(major.json().id);
    expect((await approve(major.json().approvalId)).statusCode).toBe(200);
    expect((await approve(routine.json().approvalId)).statusCode).toBe(200);
    const p = await plan(year + 1);
    expect(p.items.find((x) => x.id === major.json().id)).toMatchObject({ status: 'planned', estimatedCostFen: 35_000_000, reason: '屋面防水大修' });
    expect(p.items.map((x) => x.id)).not.toContain(routine.json().id);
    expect(p.totalFen).toBe(p.items.reduce((a, x) => a + x.estimatedCostFen, 0));
    expect((await plan(year)).items.map((x) => x.id)).not.toContain(major.json().id);
    // The room is under repair while the works run; the bureau moves the status on.
    expect((await staff.get(`/api/office/rooms/${room}`)).json().room.status).toBe('under_repair');
    expect((await organ.patch(`/api/office/works-plan/${major.json().id}`, { status: 'in_progress' })).statusCode).toBe(403);
    expect((await staff.patch(`/api/office/works-plan/${major.json().id}`, { status: 'in_progress' })).statusCode).toBe(200);
    expect((await staff.patch(`/api/office/works-plan/${routine.json().id}`, { status: 'in_progress' })).json().error.code).toBe('office_works_state');
    const x = await staff.request({ method: 'GET', url: `/api/office/works-plan/export?year=${year + 1}` });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().flat().map(String);
    expect(values).toContain('估算费用(元)');
    expect(values).toContain('屋面防水大修');
    expect(values).toContain('施工中');
    expect(values.some((v) => v === '350000' || v === '350000.00')).toBe(true);
    // Harbin's bureau does not see the province's organs' repairs.
    const hrb = await t.login('hrb.staff');
    expect((await hrb.get(`/api/office/works-plan?year=${year + 1}`)).json().items.map((i: { id: number }) => i.id)).not.toContain(major.json().id);
  });
});
