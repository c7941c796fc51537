import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { translate } from '../../kernel/i18n/messages';
import { sendOfficeReminders } from './jobs';

let t: TestApp;
let staff: Client;
let organ: Client;
let financeId: number;
const count = async (table: string) => ((await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0] as { n: number }).n;

beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  organ = await t.login('hlj.organ');
  financeId = ((await t.database.db.execute(sql`select id from org_units where name = '黑龙江省财政厅'`)).rows[0] as { id: number }).id;
});
afterAll(() => t.close());

async function newBuilding(code: string) {
  const b = await organ.post('/api/office/buildings', { orgUnitId: financeId, code, name: `${code}楼`, grossArea: 2000, certArea: 2000, titleCertNo: '黑(2020)哈尔滨市不动产权第0000001号' });
  expect(b.statusCode, b.body).toBe(200);
  const f = await organ.post('/api/office/floors', { buildingId: b.json().id, level: 1, name: '1层' });
  expect(f.statusCode, f.body).toBe(200);
  return { buildingId: b.json().id as number, floorId: f.json().id as number };
}

const room = (at: { buildingId: number; floorId: number }, extra: Record<string, unknown> = {}) => ({
  ...at, orgUnitId: financeId, number: `${Math.floor(Math.random() * 1e6)}`, roomClass: 'office', subType: 'office', usableArea: 18, grossArea: 24, capacity: 1, status: 'in_use', from: '2025-01-01', ...extra,
});

describe('registry', () => {
  it('refuses a year built after next year, with the latest year accepted, on entry and on edit', async () => {
    const next = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) + 1;
    const body = { orgUnitId: financeId, code: `YB-${Date.now() % 1e6}`, name: '年份楼', grossArea: 2000 };
    const typo = await organ.post('/api/office/buildings', { ...body, yearBuilt: 2090 });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'office_year_built', message: `建成年份不能晚于 ${next} 年(在建建筑最多填明年)` });
    expect(translate('en', 'office_year_built', { max: next })).toContain(`after ${next}`);
    // A building under construction may give next year.
    const built = await organ.post('/api/office/buildings', { ...body, yearBuilt: next });
    expect(built.statusCode, built.body).toBe(200);
    const edit = await organ.patch(`/api/office/buildings/${built.json().id}`, { ...body, yearBuilt: next + 1 });
    expect(edit.json().error.code).toBe('office_year_built');
    expect((await organ.get(`/api/office/buildings/${built.json().id}`)).json().yearBuilt).toBe(next);
  });

  it('creates a building, floor and room that the room list and tree show with its verdict', async () => {
    const at = await newBuilding('REG-1');
    const r = await organ.post('/api/office/rooms', room(at, { number: '101' }));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ number: '101', status: 'in_use', verdict: 'unoccupied', orgUnitName: '黑龙江省财政厅' });
    const list = (await organ.get(`/api/office/rooms?buildingId=${at.buildingId}`)).json();
    expect(list.total).toBe(1);
    const tree = (await organ.get(`/api/office/buildings?q=REG-1`)).json();
    expect(tree.items[0]).toMatchObject({ code: 'REG-1', floors: 1, rooms: 1 });
  });

  it('refuses bad input with a clear message and saves nothing', async () => {
    const at = await newBuilding('REG-2');
    const other = await newBuilding('REG-3');
    const before = await count('office_rooms');
    const zero = await organ.post('/api/office/rooms', room(at, { usableArea: 0 }));
    expect(zero.statusCode).toBe(400);
    const absurd = await organ.post('/api/office/rooms', room(at, { usableArea: 90000, grossArea: 90000 }));
    expect(absurd.statusCode).toBe(400);
    const grossBelow = await organ.post('/api/office/rooms', room(at, { usableArea: 30, grossArea: 20 }));
    expect(grossBelow.json().error.code).toBe('office_area_invalid');
    expect(grossBelow.json().error.message).toContain('面积');
    // a room on a floor of another building: one room, one building
    const twoBuildings = await organ.post('/api/office/rooms', room({ buildingId: at.buildingId, floorId: other.floorId }));
    expect(twoBuildings.statusCode).toBe(400);
    expect(twoBuildings.json().error.code).toBe('office_floor_building');
    const dup = room(at, { number: 'D1' });
    expect((await organ.post('/api/office/rooms', dup)).statusCode).toBe(200);
    expect((await organ.post('/api/office/rooms', dup)).json().error.code).toBe('office_room_number_taken');
    const wrongSub = await organ.post('/api/office/rooms', room(at, { roomClass: 'service', subType: 'office' }));
    expect(wrongSub.json().error.code).toBe('office_sub_type');
    const badBuilding = await organ.post('/api/office/buildings', { orgUnitId: financeId, code: 'REG-X', name: 'x', grossArea: -5 });
    expect(badBuilding.statusCode).toBe(400);
    expect(await count('office_rooms')).toBe(before + 1);
    // English message too
    expect(translate('en', 'office_area_invalid')).toMatch(/area/i);
  });

  it('refuses an unknown rank, occupants beyond capacity, and overlapping or reversed dates', async () => {
    const unknown = await organ.post('/api/office/persons', { orgUnitId: financeId, name: '某人', rankCode: 'emperor' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('emperor');
    const at = await newBuilding('REG-4');
    const single = (await organ.post('/api/office/rooms', room(at, { capacity: 1 }))).json();
    const a = (await organ.post('/api/office/persons', { orgUnitId: financeId, name: '甲', rankCode: 'staff' })).json();
    const b = (await organ.post('/api/office/persons', { orgUnitId: financeId, name: '乙', rankCode: 'staff' })).json();
    expect((await organ.post(`/api/office/rooms/${single.id}/occupants`, { personId: a.id, from: '2025-01-01' })).statusCode).toBe(200);
    const before = await count('office_occupancies');
    const over = await organ.post(`/api/office/rooms/${single.id}/occupants`, { personId: b.id, from: '2025-03-01' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('office_capacity');
    // after the first leaves, the second fits
    const first = (await organ.get(`/api/office/rooms/${single.id}`)).json().occupants[0];
    expect((await organ.post(`/api/office/occupancies/${first.occupancyId}/end`, { to: '2025-02-28' })).statusCode).toBe(200);
    expect((await organ.post(`/api/office/rooms/${single.id}/occupants`, { personId: b.id, from: '2025-03-01' })).statusCode).toBe(200);
    expect(await count('office_occupancies')).toBe(before + 1);
    const reversed = await organ.post(`/api/office/rooms/${single.id}/occupants`, { personId: a.id, kind: 'extra', from: '2025-05-01', to: '2025-04-01' });
    expect(reversed.statusCode).toBe(400);
    // a meeting room has no occupants
    const meeting = (await organ.post('/api/office/rooms', room(at, { roomClass: 'service', subType: 'meeting' }))).json();
    expect((await organ.post(`/api/office/rooms/${meeting.id}/occupants`, { personId: a.id, kind: 'extra', from: '2025-06-01' })).json().error.code).toBe('office_not_office');
  });

  it('keeps the past: a room’s use is effective-dated and any day reads as it was', async () => {
    const at = await newBuilding('REG-5');
    const r = (await organ.post('/api/office/rooms', room(at, { status: 'vacant', from: '2024-01-01' }))).json();
    expect((await organ.post(`/api/office/rooms/${r.id}/use`, { status: 'in_use', orgUnitId: financeId, from: '2025-07-01' })).statusCode).toBe(200);
    const then = (await organ.get(`/api/office/rooms/${r.id}?date=2025-01-01`)).json();
    expect(then.uses.map((u: { status: string; from: string; to: string | null }) => [u.status, u.from, u.to])).toEqual([['in_use', '2025-07-01', null], ['vacant', '2024-01-01', '2025-06-30']]);
    const vacantThen = (await organ.get(`/api/office/rooms?buildingId=${at.buildingId}&date=2025-01-01`)).json().items[0];
    expect(vacantThen.verdict).toBeNull();
    const overlapping = await t.database.db.execute(sql`select 1`).then(async () => {
      try {
        await t.database.db.execute(sql`insert into office_room_uses (room_id, org_unit_id, status, during) values (${r.id}, ${financeId}, 'vacant', daterange('2025-06-01', '2025-08-01'))`);
        return 'saved';
      } catch {
        return 'refused';
      }
    });
    expect(overlapping).toBe('refused');
  });
});

describe('floors', () => {
  it('an empty floor entered by mistake is deleted with its dated names and audited; a floor that had a room, or one out of scope, stays', async () => {
    const at = await newBuilding('REG-FL');
    const extra = await organ.post('/api/office/floors', { buildingId: at.buildingId, level: 9, name: '9层(误录)' });
    expect(extra.statusCode, extra.body).toBe(200);
    const floorId = extra.json().id as number;
    // Harbin's bureau cannot see a provincial organ's floor.
    const hrb = await t.login('hrb.staff');
    expect((await hrb.del(`/api/office/floors/${floorId}`)).statusCode).toBe(404);
    const used = await organ.post('/api/office/rooms', room(at, { number: 'FL1' }));
    expect(used.statusCode, used.body).toBe(200);
    const refused = await organ.del(`/api/office/floors/${at.floorId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('office_floor_has_rooms');
    expect(refused.json().error.message).toContain('不能删除');
    const gone = await organ.del(`/api/office/floors/${floorId}`);
    expect(gone.statusCode, gone.body).toBe(200);
    const b = (await organ.get(`/api/office/buildings/${at.buildingId}`)).json();
    expect(b.floorList.map((f: { name: string }) => f.name)).toEqual(['1层']);
    expect((await t.database.db.execute(sql`select count(*)::int as n from office_floor_versions where floor_id = ${floorId}`)).rows[0]).toEqual({ n: 0 });
    const logged = await t.database.db.execute(sql`select before->>'name' as name from audit_log where action = 'office.floor.delete' and object_id = ${String(floorId)}`);
    expect(logged.rows).toEqual([{ name: '9层(误录)' }]);
    expect((await organ.del(`/api/office/floors/${floorId}`)).statusCode).toBe(404);
  });
});

describe('history', () => {
  it('room areas and class are effective-dated: an area changed today leaves yesterday with the old area and the old verdict', async () => {
    const at = await newBuilding('HIS-1');
    const ent = Number(((await t.database.db.execute(sql`select area_m2 from office_standard_on(current_date) where organ_level = 'provincial' and rank_code = 'staff'`)).rows[0] as { area_m2: string }).area_m2);
    const r = (await organ.post('/api/office/rooms', room(at, { usableArea: ent, grossArea: ent + 10 }))).json();
    const p = (await organ.post('/api/office/persons', { orgUnitId: financeId, name: '科员甲', rankCode: 'staff' })).json();
    expect((await organ.post(`/api/office/rooms/${r.id}/occupants`, { personId: p.id, from: '2025-01-01' })).statusCode).toBe(200);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
    expect((await organ.get(`/api/office/rooms/${r.id}`)).json().room).toMatchObject({ usableArea: ent, verdict: 'compliant' });

    const changed = await organ.patch(`/api/office/rooms/${r.id}`, { usableArea: ent + 5, grossArea: ent + 12 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ usableArea: ent + 5, verdict: 'over', overArea: 5 });
    // Yesterday reads as it was: the old area, compliant; so do the list and the engine.
    expect((await organ.get(`/api/office/rooms/${r.id}?date=${yesterday}`)).json().room).toMatchObject({ usableArea: ent, grossArea: ent + 10, verdict: 'compliant' });
    const list = (await organ.get(`/api/office/rooms?buildingId=${at.buildingId}&date=${yesterday}`)).json();
    expect(list.items[0]).toMatchObject({ id: r.id, usableArea: ent, verdict: 'compliant' });
    const engine = async (d: string) => (await t.database.db.execute(sql`select verdict, usable_area::float8 as a from office_room_compliance(${d}::date) where room_id = ${r.id}`)).rows[0];
    expect(await engine(yesterday)).toEqual({ verdict: 'compliant', a: ent });
    expect(await engine(today)).toEqual({ verdict: 'over', a: ent + 5 });
    // A second change the same day rewrites the day's version; a class change is dated too.
    expect((await organ.patch(`/api/office/rooms/${r.id}`, { usableArea: ent + 2 })).json()).toMatchObject({ usableArea: ent + 2, overArea: 2 });
    const versions = (await t.database.db.execute(sql`select usable_area::float8 as a, lower(during)::text as "from", upper(during)::text as "to" from office_room_versions where room_id = ${r.id} order by lower(during) nulls first`)).rows;
    // The first version starts with the room's first day (its use from 2025-01-01).
    expect(versions).toEqual([{ a: ent, from: '2025-01-01', to: today }, { a: ent + 2, from: today, to: null }]);
    // Versions never overlap (the database refuses).
    await expect(t.database.db.execute(sql`insert into office_room_versions (room_id, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, during)
      values (${r.id}, 'office', 'office', 10, 12, 0, 1, daterange('2020-01-01', null))`)).rejects.toThrow();
  });
});

describe('rectification, vacate and allocation flows', () => {
  it('an over-standard room gets a case; the organ reports measures; the bureau approves and it closes', async () => {
    const over = (await staff.get(`/api/office/rooms?orgUnitId=${financeId}&verdict=over`)).json().items[0];
    expect(over).toBeTruthy();
    const existing = (await staff.get('/api/office/rectifications')).json() as { roomId: number; id: number; status: string }[];
    let caseId = existing.find((c) => c.roomId === over.id && c.status === 'open')?.id;
    if (!caseId) {
      const opened = await staff.post('/api/office/rectifications', { roomId: over.id, deadline: '2099-12-31' });
      expect(opened.statusCode, opened.body).toBe(200);
      caseId = opened.json().id;
    }
    // A deadline already past is refused with what is wrong, not a generic period error.
    const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
    for (const late of [await staff.post('/api/office/rectifications', { roomId: over.id, deadline: yesterday }), await staff.post('/api/office/rectifications/sweep', { deadline: yesterday })]) {
      expect(late.statusCode).toBe(400);
      expect(late.json().error).toMatchObject({ code: 'office_deadline_past', message: '整改期限不能早于今天' });
    }
    expect(translate('en', 'office_deadline_past')).toBe('The rectification deadline cannot be before today');
    expect((await staff.post('/api/office/rectifications', { roomId: over.id, deadline: '2099-12-31' })).json().error.code).toBe('office_rectification_exists');
    const compliantRoom = (await staff.get(`/api/office/rooms?orgUnitId=${financeId}&verdict=compliant`)).json().items[0];
    expect((await staff.post('/api/office/rectifications', { roomId: compliantRoom.id, deadline: '2099-12-31' })).json().error.code).toBe('office_not_over');
    const close = await organ.post(`/api/office/rectifications/${caseId}/close`, { measures: '隔出一间会议室' });
    expect(close.statusCode, close.body).toBe(200);
    // The approver sees the case inside the request: the room, the excess and the measures; Harbin does not.
    expect((await staff.get(`/api/office/rectifications/${caseId}`)).json()).toMatchObject({ id: caseId, status: 'closing', measures: '隔出一间会议室', roomNumber: over.number, overArea: over.overArea });
    expect((await (await t.login('hrb.staff')).get(`/api/office/rectifications/${caseId}`)).statusCode).toBe(404);
    const approval = (await staff.get(`/api/approvals/${close.json().approvalId}`)).json();
    const d = await staff.post(`/api/approvals/${close.json().approvalId}/decide`, { decision: 'approve', version: approval.request?.version ?? approval.version ?? 0 });
    expect(d.statusCode, d.body).toBe(200);
    const after = ((await organ.get('/api/office/rectifications')).json() as { id: number; status: string }[]).find((c) => c.id === caseId);
    expect(after!.status).toBe('closed');
  });

  it('a retired person’s office is to be vacated in 1 month, an extra office in 2, with reminders', async () => {
    const at = await newBuilding('VAC-1');
    const ndrc = ((await t.database.db.execute(sql`select id from org_units where name like '%发展和改革%'`)).rows[0] as { id: number }).id;
    const main = (await organ.post('/api/office/rooms', room(at))).json();
    const extraRoom = (await staff.post('/api/office/rooms', room(at, { orgUnitId: ndrc }))).json();
    const p = (await organ.post('/api/office/persons', { orgUnitId: financeId, name: '退休者', rankCode: 'division_chief' })).json();
    await organ.post(`/api/office/rooms/${main.id}/occupants`, { personId: p.id, from: '2025-01-01' });
    expect((await staff.post(`/api/office/rooms/${extraRoom.id}/occupants`, { personId: p.id, kind: 'extra', from: '2025-01-01' })).statusCode).toBe(200);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    expect((await organ.post(`/api/office/persons/${p.id}/leave`, { status: 'retired', leftOn: '2026-01-15' })).statusCode).toBe(200);
    const tasks = (await staff.get('/api/office/vacate')).json() as { personName: string; kind: string; dueOn: string }[];
    const mine = tasks.filter((x) => x.personName === '退休者');
    expect(mine.map((x) => [x.kind, x.dueOn]).sort()).toEqual([['extra', '2026-03-15'], ['main', '2026-02-15']]);
    const sent = await sendOfficeReminders(t.database.db);
    expect(sent.vacate).toBeGreaterThan(0);
    const inbox = (await organ.get('/api/notifications?page=1&pageSize=50')).json();
    expect(JSON.stringify(inbox)).toContain('退休者');
    expect(today.length).toBe(10);
  });

  it('a vacated room is closed through an approval: the occupancy ends, the room enters the vacancy pool from that day', async () => {
    const at = await newBuilding('VAC-2');
    const r = (await organ.post('/api/office/rooms', room(at))).json();
    const p = (await organ.post('/api/office/persons', { orgUnitId: financeId, name: '调离者', rankCode: 'staff' })).json();
    const occ = (await organ.post(`/api/office/rooms/${r.id}/occupants`, { personId: p.id, from: '2025-01-01' })).json();
    expect((await organ.post(`/api/office/persons/${p.id}/leave`, { status: 'transferred', leftOn: '2026-01-10' })).statusCode).toBe(200);
    const task = ((await organ.get('/api/office/vacate')).json() as { id: number; personName: string; status: string }[]).find((x) => x.personName === '调离者')!;
    expect(task.status).toBe('open');
    // The occupancy cannot simply be ended: vacating goes through the bureau.
    expect((await organ.post(`/api/office/occupancies/${occ.occupancyId}/end`, { to: '2026-01-20' })).json().error.code).toBe('office_vacate_needs_approval');
    const future = new Date(Date.now() + 8 * 3600e3 + 3 * 86400e3).toISOString().slice(0, 10);
    const bad = await organ.post(`/api/office/vacate/${task.id}/close`, { vacatedOn: future });
    expect(bad.json().error.code).toBe('office_vacate_date');
    expect((await organ.post(`/api/office/vacate/${task.id}/close`, { vacatedOn: '2024-12-31' })).json().error.code).toBe('office_vacate_date');
    const close = await organ.post(`/api/office/vacate/${task.id}/close`, { vacatedOn: '2026-01-20', note: '钥匙已交回' });
    expect(close.statusCode, close.body).toBe(200);
    expect((await organ.post(`/api/office/vacate/${task.id}/close`, { vacatedOn: '2026-01-20' })).json().error.code).toBe('office_vacate_state');
    const closing = ((await organ.get('/api/office/vacate')).json() as { id: number; status: string; vacatedOn: string }[]).find((x) => x.id === task.id)!;
    expect(closing).toMatchObject({ status: 'closing', vacatedOn: '2026-01-20' });
    // Still in use until the bureau decides.
    expect((await organ.get(`/api/office/rooms/${r.id}`)).json().room.status).toBe('in_use');
    const approval = (await staff.get(`/api/approvals/${close.json().approvalId}`)).json();
    const d = await staff.post(`/api/approvals/${close.json().approvalId}/decide`, { decision: 'approve', version: approval.request?.version ?? approval.version ?? 0 });
    expect(d.statusCode, d.body).toBe(200);
    const done = ((await organ.get('/api/office/vacate?open=false')).json() as { id: number; status: string; doneOn: string }[]).find((x) => x.id === task.id)!;
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-01-20' });
    expect(((await organ.get('/api/office/vacate')).json() as { id: number }[]).some((x) => x.id === task.id)).toBe(false);
    const now = (await organ.get(`/api/office/rooms/${r.id}`)).json();
    expect(now.room.status).toBe('vacant');
    expect(now.occupants).toEqual([]);
    const vacancy = (await staff.get(`/api/office/rooms?status=vacant&buildingId=${at.buildingId}`)).json();
    expect(vacancy.items.map((x: { id: number }) => x.id)).toContain(r.id);
    // The day before it was handed back, the room read as it was: in use, with its occupant.
    const before = (await organ.get(`/api/office/rooms/${r.id}?date=2026-01-19`)).json();
    expect(before.occupants.map((o: { name: string }) => o.name)).toEqual(['调离者']);
    expect(before.uses.map((u: { status: string; from: string; to: string | null }) => [u.status, u.from, u.to])).toEqual([['vacant', '2026-01-20', null], ['in_use', '2025-01-01', '2026-01-19']]);
  });

  it('an allocation request shows the reviewer fitting vacant rooms; approval hands the room over with a certificate', async () => {
    const bx = await t.login('bx.organ');
    const bxStaff = await t.login('bx.staff');
    const bxFinance = ((await t.database.db.execute(sql`select id from org_units where name = '宾县财政局'`)).rows[0] as { id: number }).id;
    const created = await bx.post('/api/office/requests', { kind: 'allocation', orgUnitId: bxFinance, neededArea: 36, headcount: 3, reason: '新增编制 3 人' });
    expect(created.statusCode, created.body).toBe(200);
    const pending = { id: created.json().id as number };
    expect((await bx.post('/api/office/requests', { kind: 'allocation', orgUnitId: bxFinance, reason: '缺面积' })).json().error.code).toBe('office_request_fields');
    const offer = (await bxStaff.get(`/api/office/requests/${pending.id}/suggestions`)).json() as { recommended: string; reassign: { id: number; usableArea: number }[] };
    expect(offer.recommended).toBe('reassign');
    const suggestions = offer.reassign;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]!.usableArea).toBeGreaterThanOrEqual(36 * 0.8);
    expect((await bx.get(`/api/office/requests/${pending.id}/suggestions`)).statusCode).toBe(403);
    expect((await bxStaff.post(`/api/office/requests/${pending.id}/propose`, { path: 'reassign', roomId: suggestions[0]!.id })).statusCode).toBe(200);
    const detail = (await bx.get(`/api/office/requests/${pending.id}`)).json();
    const approval = (await bxStaff.get(`/api/approvals/${detail.approvalId}`)).json();
    const d = await bxStaff.post(`/api/approvals/${detail.approvalId}/decide`, { decision: 'approve', version: approval.request?.version ?? approval.version ?? 0 });
    expect(d.statusCode, d.body).toBe(200);
    const done = (await bx.get(`/api/office/requests/${pending.id}`)).json();
    expect(done.status).toBe('approved');
    expect(done.certificateNo).toMatch(/^办分配〔\d{4}〕\d{5}号$/);
    expect(done.path).toBe('reassign');
    const handed = (await bx.get(`/api/office/rooms/${suggestions[0]!.id}`)).json();
    expect(handed.room).toMatchObject({ status: 'in_use', orgUnitName: '宾县财政局' });
  });

  it('with no vacant room that fits the reviewer is offered a swap, then lease, then build; the decision records the path', async () => {
    const approve = async (approvalId: number) => {
      const a = (await staff.get(`/api/approvals/${approvalId}`)).json();
      const d = await staff.post(`/api/approvals/${approvalId}/decide`, { decision: 'approve', version: a.request?.version ?? a.version ?? 0 });
      expect(d.statusCode, d.body).toBe(200);
    };
    const ask = async () => {
      const c = await organ.post('/api/office/requests', { kind: 'allocation', orgUnitId: financeId, neededArea: 1800, headcount: 60, reason: '新组建的专班' });
      expect(c.statusCode, c.body).toBe(200);
      return c.json() as { id: number; approvalId: number };
    };
    // An office another organ keeps in use with nobody in it: under-used, a swap candidate.
    const at = await newBuilding('SWP-1');
    const ndrc = ((await t.database.db.execute(sql`select id from org_units where name like '%发展和改革%'`)).rows[0] as { id: number }).id;
    const idle = (await staff.post('/api/office/rooms', room(at, { orgUnitId: ndrc, usableArea: 1900, grossArea: 2100, capacity: 80 }))).json();
    const own = (await organ.post('/api/office/rooms', room(at, { usableArea: 1900, grossArea: 2100, capacity: 80 }))).json();

    const first = await ask();
    const offer = (await staff.get(`/api/office/requests/${first.id}/suggestions`)).json() as { recommended: string; reassign: unknown[]; swap: { id: number; keeper: string }[] };
    expect(offer.reassign).toEqual([]);
    expect(offer.recommended).toBe('swap');
    expect(offer.swap.map((x) => x.id)).toContain(idle.id);
    expect(offer.swap.map((x) => x.id)).not.toContain(own.id);
    const propose = (body: object) => staff.post(`/api/office/requests/${first.id}/propose`, body);
    expect((await propose({ path: 'swap', roomId: own.id })).json().error.code).toBe('office_room_not_swappable');
    expect((await propose({ path: 'lease', roomId: idle.id })).json().error.code).toBe('office_path_room');
    expect((await propose({ path: 'swap', roomId: null })).json().error.code).toBe('office_path_room');
    expect((await propose({ path: 'swap', roomId: idle.id })).statusCode).toBe(200);
    await approve(first.approvalId);
    const swapped = (await organ.get(`/api/office/requests/${first.id}`)).json();
    expect(swapped).toMatchObject({ status: 'approved', path: 'swap' });
    expect(swapped.certificateNo).toMatch(/^办分配/);
    expect((await organ.get(`/api/office/rooms/${idle.id}`)).json().room).toMatchObject({ status: 'in_use', orgUnitName: '黑龙江省财政厅' });

    // Nothing left to reassign or swap: lease is recommended; the bureau decides to build.
    const second = await ask();
    const next = (await staff.get(`/api/office/requests/${second.id}/suggestions`)).json();
    expect(next).toMatchObject({ recommended: 'lease', reassign: [], swap: [] });
    expect((await staff.post(`/api/office/requests/${second.id}/propose`, { path: 'build' })).statusCode).toBe(200);
    await approve(second.approvalId);
    expect((await organ.get(`/api/office/requests/${second.id}`)).json()).toMatchObject({ status: 'approved', path: 'build', certificateNo: null, roomId: null });
  });

  it('repair and disposal requests go through approvals and change the room', async () => {
    const at = await newBuilding('DSP-1');
    const r = (await organ.post('/api/office/rooms', room(at, { status: 'vacant' }))).json();
    expect((await organ.post('/api/office/requests', { kind: 'disposal', orgUnitId: financeId, reason: '闲置', method: 'routine', roomId: r.id })).json().error.code).toBe('office_request_fields');
    const q = await organ.post('/api/office/requests', { kind: 'disposal', orgUnitId: financeId, reason: '闲置出租', method: 'lease_out', roomId: r.id });
    expect(q.statusCode, q.body).toBe(200);
    const approval = (await staff.get(`/api/approvals/${q.json().approvalId}`)).json();
    expect((await staff.post(`/api/approvals/${q.json().approvalId}/decide`, { decision: 'approve', version: approval.request?.version ?? approval.version ?? 0 })).statusCode).toBe(200);
    expect((await organ.get(`/api/office/rooms/${r.id}`)).json().room.status).toBe('leased_out');
    const rep = await organ.post('/api/office/requests', { kind: 'repair', orgUnitId: financeId, reason: '屋顶漏水', method: 'major', roomId: r.id });
    expect(rep.statusCode).toBe(200);
  });
});
