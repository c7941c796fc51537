import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, unitId, type Client, type TestApp } from '../../../test/helpers';
import { translate } from '../../kernel/i18n/messages';
import { building, office, organByLevel } from './fixtures';

let t: TestApp;
let staff: Client;
let province: number;
/** Days derived from the clock in Asia/Shanghai, valid at any hour of any day. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const today = day(0);
const lastYearEnd = `${Number(today.slice(0, 4)) - 1}-12-31`;

beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = (await t.database.db.execute(sql`select id from org_units where parent_id is null`)).rows[0]!.id as number;
});
afterAll(() => t.close());

const metric = async (c: Client, unit: number, to: string) => {
  const res = await c.get(`/api/metrics/values?keys=office.compliance_rate,office.over_standard_area&unitId=${unit}&from=${to.slice(0, 4)}-01-01&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  const v = res.json() as { key: string; value: number | null }[];
  return { rate: v.find((x) => x.key === 'office.compliance_rate')!.value, over: v.find((x) => x.key === 'office.over_standard_area')!.value };
};
const page = async (c: Client, unit: number, date: string) => {
  const res = await c.get(`/api/office/compliance?unitId=${unit}&date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().unit as { rate: number | null; overArea: number; offices: number };
};

describe('live metrics for the cockpit', () => {
  it('equal the compliance page’s figures for the province, on today and a past year end, and follow a room’s area change', async () => {
    for (const d of [today, lastYearEnd]) {
      const m = await metric(staff, province, d);
      const p = await page(staff, province, d);
      expect(p.offices).toBeGreaterThan(0);
      expect(m.rate).toBe(p.rate);
      expect(m.over).toBeCloseTo(p.overArea, 2);
    }
    // The day is kept: a second call reads the kept summary and gives the same figures.
    const kept = (await t.database.db.execute(sql`select day::text as d from office_compliance_days order by day`)).rows.map((r) => r.d);
    expect(kept).toEqual(expect.arrayContaining([today, lastYearEnd]));
    const before = await metric(staff, province, today);
    const pastBefore = await metric(staff, province, lastYearEnd);

    // A compliant provincial office grows by 7 m² today: today's over-standard area grows by 7, last year's does not move.
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    const room = await office(t.database.db, at, organ, 9, [{ rank: 'staff' }]);
    const withRoom = await metric(staff, province, today);
    const organClient = await t.login('hlj.staff');
    const res = await organClient.patch(`/api/office/rooms/${room}`, { usableArea: 16, grossArea: 26 });
    expect(res.statusCode, res.body).toBe(200);
    const after = await metric(staff, province, today);
    expect(after.over).toBeCloseTo((withRoom.over ?? 0) + 7, 2);
    expect(after.rate).toBeLessThan(withRoom.rate!);
    expect(after.over).toBeGreaterThan(before.over!);
    expect(await metric(staff, province, lastYearEnd)).toEqual(pastBefore);
    const p = await page(staff, province, today);
    expect(after.rate).toBe(p.rate);
    expect(after.over).toBeCloseTo(p.overArea, 2);
    // Harbin's figures come from the same kept day, equal to Harbin's page.
    const harbin = await unitId(t.database, '230100');
    const hrb = await t.login('hrb.staff');
    const hm = await metric(hrb, harbin, today);
    const hp = await page(hrb, harbin, today);
    expect(hm.rate).toBe(hp.rate);
    expect(hm.over).toBeCloseTo(hp.overArea, 2);
  });
});

describe('ranks over time (职级)', () => {
  it('a dated promotion changes the entitlement from that day only; an overlapping date is refused by the database', async () => {
    const organ = await organByLevel(t.database.db, 'provincial');
    const at = await building(t.database.db, organ);
    // 15 m² for a provincial staff member (9): over by 6; as a division chief (18) compliant.
    const room = await office(t.database.db, at, organ, 15, [{ rank: 'staff' }]);
    const person = (await t.database.db.execute(sql`select person_id as id from office_occupancies where room_id = ${room}`)).rows[0]!.id as number;
    const promoted = day(-10);
    const res = await staff.post(`/api/office/persons/${person}/ranks`, { rankCode: 'division_chief', from: promoted });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject([{ rankCode: 'staff', from: null, to: day(-11) }, { rankCode: 'division_chief', from: promoted, to: null }]);

    const on = async (d: string) => (await staff.get(`/api/office/rooms/${room}?date=${d}`)).json();
    const now = await on(today);
    expect(now.room).toMatchObject({ verdict: 'compliant', entitlement: 18 });
    expect(now.occupants[0]).toMatchObject({ rankCode: 'division_chief', entitlement: 18 });
    const before = await on(day(-11));
    expect(before.room).toMatchObject({ verdict: 'over', overArea: 6, entitlement: 9 });
    expect(before.occupants[0]).toMatchObject({ rankCode: 'staff', entitlement: 9 });
    expect((await t.database.db.execute(sql`select rank_code from office_persons where id = ${person}`)).rows[0]!.rank_code).toBe('division_chief');

    // A change dated before the current rank began would overlap: refused, in Chinese and English, nothing saved.
    const overlap = await staff.post(`/api/office/persons/${person}/ranks`, { rankCode: 'deputy_division_chief', from: day(-20) });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.code).toBe('office_rank_overlap');
    expect(overlap.json().error.message).toContain('重叠');
    expect(translate('en', 'office_rank_overlap')).toMatch(/overlaps/);
    const periods = (await staff.get(`/api/office/persons/${person}/ranks`)).json();
    expect(periods).toHaveLength(2);
    // The same rule holds for any writer: the database itself refuses overlapping periods.
    const direct = await t.database.db.execute(sql`insert into office_person_ranks (person_id, rank_code, during) values (${person}, 'staff', daterange(${day(-5)}::date, ${day(-3)}::date))`).then(() => 'saved', () => 'refused');
    expect(direct).toBe('refused');
    // Future dates and unknown ranks are refused; another region cannot touch the person.
    expect((await staff.post(`/api/office/persons/${person}/ranks`, { rankCode: 'staff', from: day(3) })).json().error.code).toBe('office_rank_future');
    expect((await staff.post(`/api/office/persons/${person}/ranks`, { rankCode: 'emperor', from: today })).json().error.code).toBe('office_rank_unknown');
    const hrb = await t.login('hrb.staff');
    expect((await hrb.post(`/api/office/persons/${person}/ranks`, { rankCode: 'staff', from: today })).statusCode).toBe(404);

    // A second change on the promotion day rewrites it rather than adding a period.
    expect((await staff.post(`/api/office/persons/${person}/ranks`, { rankCode: 'bureau_chief', from: promoted })).json()).toMatchObject([{ rankCode: 'staff' }, { rankCode: 'bureau_chief', from: promoted }]);
    expect((await on(today)).room).toMatchObject({ verdict: 'compliant', entitlement: 30 });
  });
});

describe('the using organ over time', () => {
  it('a past day shows, and is visible to, the organ that used the room then', async () => {
    const finance = await unitId(t.database, '黑龙江省财政厅');
    const other = (await t.database.db.execute(sql`select id from org_units where kind = 'organ' and organ_level = 'provincial' and id <> ${finance} order by id limit 1`)).rows[0]!.id as number;
    const at = await building(t.database.db, finance);
    const room = await office(t.database.db, at, finance, 20, []);
    const handover = day(-5);
    const moved = await staff.post(`/api/office/rooms/${room}/use`, { status: 'in_use', orgUnitId: other, from: handover });
    expect(moved.statusCode, moved.body).toBe(200);
    const list = async (c: Client, unit: number, d: string) =>
      ((await c.get(`/api/office/rooms?buildingId=${at.buildingId}&orgUnitId=${unit}&date=${d}`)).json().items as { id: number; orgUnitName: string }[]).map((r) => [r.id, r.orgUnitName]);
    const financeName = '黑龙江省财政厅';
    const otherName = (await t.database.db.execute(sql`select name from org_units where id = ${other}`)).rows[0]!.name as string;
    expect(await list(staff, finance, day(-6))).toEqual([[room, financeName]]);
    expect(await list(staff, finance, today)).toEqual([]);
    expect(await list(staff, other, today)).toEqual([[room, otherName]]);
    // The finance department's admin sees its former room as of a day it used it, not today.
    const organ = await t.login('hlj.organ');
    expect((await organ.get(`/api/office/rooms?buildingId=${at.buildingId}&date=${day(-6)}`)).json().items.map((r: { id: number }) => r.id)).toEqual([room]);
    expect((await organ.get(`/api/office/rooms?buildingId=${at.buildingId}`)).json().items).toEqual([]);
    expect((await organ.get(`/api/office/rooms/${room}?date=${day(-6)}`)).json().room.orgUnitName).toBe(financeName);
    expect((await organ.get(`/api/office/rooms/${room}`)).statusCode).toBe(404);
  });
});

describe('buildings over time', () => {
  it('a building’s certificate and areas are dated: a past day reads them as they were', async () => {
    const organ = await t.login('hlj.organ');
    const finance = await unitId(t.database, '黑龙江省财政厅');
    const body = { orgUnitId: finance, code: `BV-${Date.now() % 1e6}`, name: '历史测试楼', grossArea: 2000, certArea: 2000, titleCertNo: '黑(2020)第0000001号', owner: '黑龙江省机关事务管理局' };
    const b = (await organ.post('/api/office/buildings', body)).json();
    const changed = await organ.patch(`/api/office/buildings/${b.id}`, { ...body, grossArea: 2600, certArea: 2600, titleCertNo: '黑(2026)第0000009号' });
    expect(changed.statusCode, changed.body).toBe(200);
    const now = (await organ.get(`/api/office/buildings/${b.id}`)).json();
    expect(now).toMatchObject({ grossArea: 2600, titleCertNo: '黑(2026)第0000009号' });
    const then = (await organ.get(`/api/office/buildings/${b.id}?date=${day(-1)}`)).json();
    expect(then).toMatchObject({ grossArea: 2000, certArea: 2000, titleCertNo: '黑(2020)第0000001号' });
    expect(then.history.map((h: { grossArea: number; from: string | null; to: string | null }) => [h.grossArea, h.from, h.to])).toEqual([[2000, null, day(-1)], [2600, today, null]]);
    // The database refuses overlapping versions.
    const direct = await t.database.db.execute(sql`insert into office_building_versions (building_id, title_cert_no, owner, gross_area, structure, during)
      values (${b.id}, 'x', 'x', 100, 'frame', daterange(${day(-30)}::date, ${day(-20)}::date))`).then(() => 'saved', () => 'refused');
    expect(direct).toBe('refused');
  });
});
