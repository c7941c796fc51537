import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { translate } from '../../kernel/i18n/messages';
import { building, office, organByLevel } from './fixtures';

let t: TestApp;
let staff: Client;
/** Days derived from the clock in Asia/Shanghai, valid at any hour of any day. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const today = day(0);
const yesterday = day(-1);

beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
});
afterAll(() => t.close());

describe('floors over time', () => {
  it('a floor renamed today still shows its old name yesterday, and a floor recorded from a day is absent before it', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    // A storey added a month ago (its first day given).
    const added = await staff.post('/api/office/floors', { buildingId: at.buildingId, level: 2, name: '二层', from: day(-30) });
    expect(added.statusCode, added.body).toBe(200);
    const floorId = added.json().id as number;
    const floorsOn = async (d: string) => ((await staff.get(`/api/office/buildings/${at.buildingId}?date=${d}`)).json().floorList as { id: number; name: string; level: number }[]);
    expect((await floorsOn(day(-31))).map((f) => f.id)).not.toContain(floorId);
    expect((await floorsOn(day(-30))).find((f) => f.id === floorId)?.name).toBe('二层');

    // Renamed today: today reads the new name, yesterday the old one.
    const renamed = await staff.patch(`/api/office/floors/${floorId}`, { name: '二层(档案区)', from: today });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await floorsOn(today)).find((f) => f.id === floorId)?.name).toBe('二层(档案区)');
    expect((await floorsOn(yesterday)).find((f) => f.id === floorId)?.name).toBe('二层');
    // Without a date the building shows today's floors.
    expect(((await staff.get(`/api/office/buildings/${at.buildingId}`)).json().floorList as { id: number; name: string }[]).find((f) => f.id === floorId)?.name).toBe('二层(档案区)');
    // The floor that existed always (recorded without a first day) is there on any past day.
    expect((await floorsOn('2001-01-01')).map((f) => f.id)).toEqual([at.floorId]);

    // A change dated before the floor's current record, or after today: refused, nothing saved.
    const early = await staff.patch(`/api/office/floors/${floorId}`, { name: '错层', from: day(-40) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('office_floor_overlap');
    expect(early.json().error.message).toContain('楼层');
    expect(translate('en', 'office_floor_overlap')).toMatch(/floor/);
    expect((await staff.patch(`/api/office/floors/${floorId}`, { name: '错层', from: day(2) })).json().error.code).toBe('office_floor_overlap');
    expect((await floorsOn(today)).find((f) => f.id === floorId)?.name).toBe('二层(档案区)');
    const versions = (await t.database.db.execute(sql`select name, lower(during)::text as "from" from office_floor_versions where floor_id = ${floorId} order by lower(during)`)).rows;
    expect(versions).toEqual([{ name: '二层', from: day(-30) }, { name: '二层(档案区)', from: today }]);
    // The database itself refuses overlapping floor periods, whoever writes.
    const direct = await t.database.db.execute(sql`insert into office_floor_versions (floor_id, level, name, during) values (${floorId}, 2, 'x', daterange(${day(-5)}::date, ${day(-3)}::date))`).then(() => 'saved', () => 'refused');
    expect(direct).toBe('refused');
    // Another region cannot rename it.
    const hrb = await t.login('hrb.staff');
    expect((await hrb.patch(`/api/office/floors/${floorId}`, { name: 'x', from: today })).statusCode).toBe(404);
  });
});

describe('a past day shows what was recorded by then', () => {
  it('a floor and room entered today are absent in 2019, and each floor’s room count that day matches the room list', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    // Existing stock: a room on the first floor with no known first day, in use since 2024.
    await office(t.database.db, at, organ, 20, []);
    // Entered today as the registry does (新增楼层 and 新增房间 send today).
    const fifth = await staff.post('/api/office/floors', { buildingId: at.buildingId, level: 5, name: '五层', from: today });
    expect(fifth.statusCode, fifth.body).toBe(200);
    const room = { buildingId: at.buildingId, floorId: fifth.json().id, orgUnitId: organ, number: '501', roomClass: 'office', subType: 'office', usableArea: 18, grossArea: 24, capacity: 1, status: 'in_use' };
    expect((await staff.post('/api/office/rooms', { ...room, from: today })).statusCode).toBe(200);
    // A room cannot be on its floor before the floor was recorded.
    const early = await staff.post('/api/office/rooms', { ...room, number: '502', from: day(-10) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('office_room_before_floor');
    expect(early.json().error.message).toContain('楼层');

    const asOf = async (d: string) => {
      const list = (await staff.get(`/api/office/rooms?buildingId=${at.buildingId}&date=${d}&pageSize=100`)).json() as { total: number; items: { number: string; floorId: number }[] };
      const floors = (await staff.get(`/api/office/buildings/${at.buildingId}?date=${d}`)).json().floorList as { id: number; name: string; rooms: number }[];
      return { list, floors };
    };
    const past = await asOf('2019-06-01');
    expect(past.list.items.map((r) => r.number)).not.toContain('501');
    expect(past.floors.map((f) => f.name)).toEqual(['1层']);
    // The floors beside the room list count the rooms it lists, on any day.
    for (const d of ['2019-06-01', today]) {
      const { list, floors } = await asOf(d);
      expect(floors.map((f) => f.rooms)).toEqual(floors.map((f) => list.items.filter((r) => r.floorId === f.id).length));
      expect(floors.reduce((n, f) => n + f.rooms, 0)).toBe(list.total);
    }
    expect((await asOf(today)).list.items.map((r) => r.number)).toContain('501');
  });
});

describe('a person’s main organ over time (调动)', () => {
  it('a transfer today changes the entitlement, headcount and lists from today; yesterday still shows the old organ; an overlapping date is refused', async () => {
    const provincial = await organByLevel(t.database.db, 'provincial');
    const county = await organByLevel(t.database.db, 'county');
    const at = await building(t.database.db, provincial);
    // A bureau chief in a 24 m² office: provincial standard 30 (compliant), county standard 18 (over by 6).
    const room = await office(t.database.db, at, provincial, 24, [{ rank: 'bureau_chief' }]);
    const person = (await t.database.db.execute(sql`select person_id as id from office_occupancies where room_id = ${room}`)).rows[0]!.id as number;
    const headcount = async (organ: number, d: string) => Number((await t.database.db.execute(sql`select headcount from office_service_compliance(${d}::date) where org_unit_id = ${organ}`)).rows[0]!.headcount);
    const before = { prov: await headcount(provincial, today), county: await headcount(county, today) };

    const res = await staff.post(`/api/office/persons/${person}/transfer`, { orgUnitId: county, from: today });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject([{ orgUnitId: provincial, from: null, to: yesterday }, { orgUnitId: county, from: today, to: null }]);

    const on = async (d: string) => (await staff.get(`/api/office/rooms/${room}?date=${d}`)).json();
    const now = await on(today);
    expect(now.room).toMatchObject({ verdict: 'over', overArea: 6, entitlement: 18 });
    expect(now.occupants[0]).toMatchObject({ entitlement: 18 });
    const then = await on(yesterday);
    expect(then.room).toMatchObject({ verdict: 'compliant', entitlement: 30 });
    expect(then.occupants[0]).toMatchObject({ entitlement: 30 });
    // The person row carries today's organ; headcounts follow the day.
    expect((await t.database.db.execute(sql`select org_unit_id from office_persons where id = ${person}`)).rows[0]!.org_unit_id).toBe(county);
    expect(await headcount(provincial, today)).toBe(before.prov - 1);
    expect(await headcount(county, today)).toBe(before.county + 1);
    expect(await headcount(provincial, yesterday)).toBe(before.prov);
    // Who belongs where: the provincial organ's list shows the person yesterday, the county's today.
    const listed = async (organ: number, d?: string) => ((await staff.get(`/api/office/persons?orgUnitId=${organ}&q=${encodeURIComponent((await t.database.db.execute(sql`select name from office_persons where id = ${person}`)).rows[0]!.name as string)}&page=1&pageSize=50${d ? `&date=${d}` : ''}`)).json().items as { id: number }[]).map((p) => p.id);
    expect(await listed(provincial, yesterday)).toContain(person);
    expect(await listed(provincial, today)).not.toContain(person);
    expect(await listed(county)).toContain(person);
    expect(await listed(county, yesterday)).not.toContain(person);
    // The office at the old organ is to be vacated within a month.
    const task = (await t.database.db.execute(sql`select due_on::text as due from office_vacate_tasks t join office_occupancies o on o.id = t.occupancy_id where o.room_id = ${room}`)).rows;
    expect(task).toHaveLength(1);

    // A transfer dated before the current organ's start would overlap: refused in Chinese and English, nothing saved.
    const overlap = await staff.post(`/api/office/persons/${person}/transfer`, { orgUnitId: provincial, from: day(-3) });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.code).toBe('office_organ_overlap');
    expect(overlap.json().error.message).toContain('重叠');
    expect(translate('en', 'office_organ_overlap')).toMatch(/overlaps/);
    expect((await staff.get(`/api/office/persons/${person}/organs`)).json()).toHaveLength(2);
    const direct = await t.database.db.execute(sql`insert into office_person_organs (person_id, org_unit_id, during) values (${person}, ${provincial}, daterange(${day(-5)}::date, ${day(-3)}::date))`).then(() => 'saved', () => 'refused');
    expect(direct).toBe('refused');
    // A future date, the same organ, or a region out of scope: refused.
    expect((await staff.post(`/api/office/persons/${person}/transfer`, { orgUnitId: provincial, from: day(2) })).json().error.code).toBe('office_transfer_future');
    expect((await staff.post(`/api/office/persons/${person}/transfer`, { orgUnitId: county, from: today })).json().error.code).toBe('office_transfer_same');
    const hrb = await t.login('hrb.staff');
    expect((await hrb.post(`/api/office/persons/${person}/transfer`, { orgUnitId: provincial, from: today })).statusCode).toBe(404);
  });

  it('a transfer dated in the past keeps the kept compliance summary of the days before it', async () => {
    const provincial = await organByLevel(t.database.db, 'provincial');
    const county = await organByLevel(t.database.db, 'county');
    const at = await building(t.database.db, provincial);
    const room = await office(t.database.db, at, provincial, 24, [{ rank: 'bureau_chief' }]);
    const person = (await t.database.db.execute(sql`select person_id as id from office_occupancies where room_id = ${room}`)).rows[0]!.id as number;
    const page = async (d: string) => (await staff.get(`/api/office/compliance?date=${d}`)).json().unit as { overArea: number; offices: number };
    const before = { old: await page(day(-20)), now: await page(today) };
    const res = await staff.post(`/api/office/persons/${person}/transfer`, { orgUnitId: county, from: day(-10) });
    expect(res.statusCode, res.body).toBe(200);
    // Twenty days ago nothing changed; today the office is 6 m² over.
    expect(await page(day(-20))).toEqual(before.old);
    expect((await page(today)).overArea).toBeCloseTo(before.now.overArea + 6, 2);
    expect((await on(room, day(-11))).room).toMatchObject({ verdict: 'compliant' });
    expect((await on(room, day(-10))).room).toMatchObject({ verdict: 'over', overArea: 6 });
  });
});

const on = async (room: number, d: string) => (await staff.get(`/api/office/rooms/${room}?date=${d}`)).json();

describe('a building’s name, address, year and keeping organ over time', () => {
  type AsOf = { name: string; address: string; yearBuilt: number | null; orgUnitId: number; orgUnitName: string; history: { name: string; from: string | null }[] };
  it('a change today holds from today; yesterday still shows the old name, address, year and keeper, in the building, its rooms and its history', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const other = (((await t.database.db.execute(sql`select id from org_units where kind = 'organ' and organ_level = 'provincial' and id <> ${organ} order by id limit 1`)).rows[0]) as { id: number }).id;
    const at = await building(t.database.db, organ);
    await office(t.database.db, at, organ, 20, []);
    const b = (await staff.get(`/api/office/buildings/${at.buildingId}`)).json() as AsOf & Record<string, unknown>;
    const oldName = b.name;
    const changed = await staff.patch(`/api/office/buildings/${at.buildingId}`, { ...b, name: '省财政综合楼', address: '哈尔滨市南岗区中山路1号', yearBuilt: 1998, orgUnitId: other });
    expect(changed.statusCode, changed.body).toBe(200);
    const on = async (d: string) => (await staff.get(`/api/office/buildings/${at.buildingId}?date=${d}`)).json() as AsOf;
    expect(await on(today)).toMatchObject({ name: '省财政综合楼', address: '哈尔滨市南岗区中山路1号', yearBuilt: 1998, orgUnitId: other });
    expect(await on(yesterday)).toMatchObject({ name: oldName, address: '', yearBuilt: null, orgUnitId: organ });
    expect((await on(yesterday)).history.map((v) => [v.name, v.from])).toEqual([[oldName, null], ['省财政综合楼', today]]);
    // The room list as of a day names the building as it was called then.
    const roomsOn = async (d: string) => ((await staff.get(`/api/office/rooms?buildingId=${at.buildingId}&date=${d}`)).json().items as { buildingName: string }[]).map((r) => r.buildingName);
    expect(await roomsOn(yesterday)).toEqual([oldName]);
    expect(await roomsOn(today)).toEqual(['省财政综合楼']);
    // The timeline lists the change, field by field, with who made it.
    const history = (await staff.get(`/api/office/buildings/${at.buildingId}/history`)).json() as { day: string; kind: string; changes: { field: string; from: unknown; to: unknown }[]; by: string | null }[];
    const event = history.find((e) => e.kind === 'building_changed' && e.day === today)!;
    expect(event.by).toBe('hlj.staff');
    expect(Object.fromEntries(event.changes.map((c) => [c.field, [c.from, c.to]]))).toMatchObject({
      name: [oldName, '省财政综合楼'], address: ['', '哈尔滨市南岗区中山路1号'], yearBuilt: [null, 1998],
    });
    expect(event.changes.map((c) => c.field)).toContain('keeper');

    // A date before today's change, or after today, is refused and nothing changes.
    for (const from of [day(-3), day(1)]) {
      const bad = await staff.patch(`/api/office/buildings/${at.buildingId}`, { ...b, name: '别的名字', orgUnitId: other, from });
      expect(bad.statusCode, from).toBe(400);
      expect(bad.json().error.code, from).toBe('office_building_from');
    }
    expect((await on(today)).name).toBe('省财政综合楼');
  });

  it('the edit form’s date applies to the name too: a rename dated five days ago shows from that day on', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    const b = (await staff.get(`/api/office/buildings/${at.buildingId}`)).json() as AsOf & Record<string, unknown>;
    const r = await staff.patch(`/api/office/buildings/${at.buildingId}`, { ...b, name: '新办公楼', address: '中央大街8号', from: day(-5) });
    expect(r.statusCode, r.body).toBe(200);
    const on = async (d: string) => (await staff.get(`/api/office/buildings/${at.buildingId}?date=${d}`)).json() as AsOf;
    expect(await on(day(-6))).toMatchObject({ name: b.name, address: '' });
    expect(await on(day(-5))).toMatchObject({ name: '新办公楼', address: '中央大街8号' });
    expect(await on(today)).toMatchObject({ name: '新办公楼' });
  });
});
