import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, unitId, type TestApp } from '../../../test/helpers';
import { building, office, organByLevel, verdictOf } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** The 2014 standard (发改投资〔2014〕2674号) and Heilongjiang's township rule; null = "—" (not in the standard). */
const TABLE: Record<string, Record<string, number | null>> = {
  central: { head: 54, deputy_head: 42, bureau_chief: 24, deputy_bureau_chief: 18, division_chief: 12, deputy_division_chief: 12, section_chief: 9, deputy_section_chief: 9, staff: 9 },
  provincial: { head: 54, deputy_head: 42, bureau_chief: 30, deputy_bureau_chief: 24, division_chief: 18, deputy_division_chief: 12, section_chief: 9, deputy_section_chief: 9, staff: 9 },
  prefectural: { head: 42, deputy_head: 30, bureau_chief: 24, deputy_bureau_chief: 18, division_chief: null, deputy_division_chief: null, section_chief: 9, deputy_section_chief: 9, staff: 9 },
  county: { head: 30, deputy_head: 24, bureau_chief: 18, deputy_bureau_chief: 12, division_chief: null, deputy_division_chief: null, section_chief: 9, deputy_section_chief: 9, staff: 9 },
  township: { head: 24, deputy_head: 18, bureau_chief: null, deputy_bureau_chief: null, division_chief: null, deputy_division_chief: null, section_chief: 9, deputy_section_chief: 9, staff: 9 },
};

describe('area standard', () => {
  it('is seeded with the 2014 figures, not the 1999 ones printed under the 2014 title', async () => {
    const staff = await t.login('hlj.staff');
    const res = await staff.get('/api/office/standards');
    expect(res.statusCode).toBe(200);
    const cur = res.json().current as { organLevel: string; rankCode: string; areaM2: number; source: string }[];
    const get = (l: string, r: string) => cur.find((x) => x.organLevel === l && x.rankCode === r)?.areaM2 ?? null;
    for (const [level, row] of Object.entries(TABLE)) for (const [rank, area] of Object.entries(row)) expect(get(level, rank), `${level}/${rank}`).toBe(area);
    // The 1999 trap: 省级处级 12 / 处以下 6, 市级正职 32, 县级正职 20 are wrong.
    expect(get('provincial', 'division_chief')).toBe(18);
    expect(get('provincial', 'staff')).toBe(9);
    expect(get('prefectural', 'head')).toBe(42);
    expect(get('county', 'head')).toBe(30);
    expect(cur.find((x) => x.organLevel === 'township')!.source).toContain('黑发改投资〔2015〕43号');
    expect(cur.find((x) => x.organLevel === 'provincial')!.source).toContain('2674');
  });

  it('a new version applies from its effective date; only the province bureau may add one', async () => {
    const hrb = await t.login('hrb.staff');
    const body = { source: '测试新标准', effectiveFrom: '2099-01-01', rows: [{ organLevel: 'county', rankCode: 'staff', areaM2: 10, washroomM2: 0 }] };
    expect((await hrb.post('/api/office/standards', body)).statusCode).toBe(403);
    const staff = await t.login('hlj.staff');
    const bad = await staff.post('/api/office/standards', { ...body, rows: [{ organLevel: 'county', rankCode: 'emperor', areaM2: 10 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('emperor');
    expect((await staff.post('/api/office/standards', body)).statusCode).toBe(200);
    const now = (await staff.get('/api/office/standards')).json().current as { organLevel: string; rankCode: string; areaM2: number }[];
    expect(now.find((x) => x.organLevel === 'county' && x.rankCode === 'staff')!.areaM2).toBe(9);
    const later = (await staff.get('/api/office/standards?date=2099-06-01')).json().current as { organLevel: string; rankCode: string; areaM2: number }[];
    expect(later.find((x) => x.organLevel === 'county' && x.rankCode === 'staff')!.areaM2).toBe(10);
    expect(later.find((x) => x.organLevel === 'county' && x.rankCode === 'head')!.areaM2).toBe(30);
    // An older date than the latest version is refused.
    expect((await staff.post('/api/office/standards', { ...body, effectiveFrom: '2098-01-01' })).statusCode).toBe(400);
  });
});

describe('entitlement engine', () => {
  it('judges an office exactly at the standard compliant and 1 m² above it over, for every cell of the table', async () => {
    const db = t.database.db;
    for (const [level, row] of Object.entries(TABLE)) {
      const organ = await organByLevel(db, level);
      const at = await building(db, organ);
      for (const [rank, area] of Object.entries(row)) {
        const exact = await office(db, at, organ, area ?? 20, [{ rank }]);
        const above = await office(db, at, organ, (area ?? 20) + 1, [{ rank }]);
        if (area === null) {
          expect((await verdictOf(db, exact)).verdict, `${level}/${rank}`).toBe('no_standard');
          continue;
        }
        expect(await verdictOf(db, exact), `${level}/${rank}`).toMatchObject({ verdict: 'compliant', overArea: 0, allowed: area });
        expect(await verdictOf(db, above), `${level}/${rank}`).toMatchObject({ verdict: 'over', overArea: 1 });
      }
    }
  });

  it('a shared room complies when its area is within the sum of its occupants’ entitlements', async () => {
    const db = t.database.db;
    const organ = await organByLevel(db, 'provincial', '%财政厅%');
    const at = await building(db, organ);
    expect(await verdictOf(db, await office(db, at, organ, 18, [{ rank: 'staff' }, { rank: 'staff' }]))).toMatchObject({ verdict: 'compliant', allowed: 18 });
    expect(await verdictOf(db, await office(db, at, organ, 19, [{ rank: 'staff' }, { rank: 'staff' }]))).toMatchObject({ verdict: 'over', overArea: 1 });
    expect(await verdictOf(db, await office(db, at, organ, 33, [{ rank: 'deputy_bureau_chief' }, { rank: 'staff' }]))).toMatchObject({ verdict: 'compliant', allowed: 33 });
  });

  it('adds a washroom of up to 6 m² for top heads only', async () => {
    const db = t.database.db;
    const organ = await organByLevel(db, 'provincial', '%财政厅%');
    const at = await building(db, organ);
    // 厅局 head: 30 + washroom 6
    expect(await verdictOf(db, await office(db, at, organ, 36, [{ rank: 'bureau_chief' }], 6))).toMatchObject({ verdict: 'compliant', allowed: 36 });
    // the allowance is at most the washroom actually there, and at most 6
    expect(await verdictOf(db, await office(db, at, organ, 36, [{ rank: 'bureau_chief' }], 0))).toMatchObject({ verdict: 'over', overArea: 6 });
    expect(await verdictOf(db, await office(db, at, organ, 40, [{ rank: 'bureau_chief' }], 10))).toMatchObject({ verdict: 'over', overArea: 4 });
    // a deputy gets no washroom allowance: the washroom counts inside the 24
    expect(await verdictOf(db, await office(db, at, organ, 30, [{ rank: 'deputy_bureau_chief' }], 6))).toMatchObject({ verdict: 'over', overArea: 6 });
    // county head (县政府主要负责人) 30 + 6; county deputy head no washroom
    const county = await organByLevel(db, 'county');
    const cat = await building(db, county);
    expect(await verdictOf(db, await office(db, cat, county, 36, [{ rank: 'head' }], 6))).toMatchObject({ verdict: 'compliant' });
    expect(await verdictOf(db, await office(db, cat, county, 30, [{ rank: 'deputy_head' }], 6))).toMatchObject({ verdict: 'over', overArea: 6 });
  });

  it('a leader with posts in two organs has one main office; the extra one is flagged and counted by the main organ’s level', async () => {
    const db = t.database.db;
    const finance = await organByLevel(db, 'provincial', '%财政厅%');
    const ndrc = await organByLevel(db, 'provincial', '%发展和改革%');
    const at = await building(db, ndrc);
    const p = await db.execute(sql`insert into office_persons (org_unit_id, name, rank_code) values (${finance}, '兼职领导', 'deputy_bureau_chief') returning id`);
    const personId = (p.rows[0] as { id: number }).id;
    const main = await office(db, await building(db, finance), finance, 24, []);
    const extra = await office(db, at, ndrc, 16, []);
    const second = await office(db, at, ndrc, 16, []);
    const staff = await t.login('hlj.staff');
    expect((await staff.post(`/api/office/rooms/${main}/occupants`, { personId, kind: 'main', from: '2025-01-01' })).statusCode).toBe(200);
    const twoMain = await staff.post(`/api/office/rooms/${extra}/occupants`, { personId, kind: 'main', from: '2025-01-01' });
    expect(twoMain.statusCode).toBe(400);
    expect(twoMain.json().error.code).toBe('office_main_overlap');
    expect((await staff.post(`/api/office/rooms/${extra}/occupants`, { personId, kind: 'extra', from: '2025-01-01' })).statusCode).toBe(200);
    expect(await verdictOf(db, extra)).toMatchObject({ verdict: 'compliant', hasExtra: true, allowed: 24 });
    expect(await verdictOf(db, main)).toMatchObject({ verdict: 'compliant', hasExtra: false });
    // overlapping dates in the same room are refused too
    expect((await staff.post(`/api/office/rooms/${extra}/occupants`, { personId, kind: 'extra', from: '2025-06-01' })).json().error.code).toBe('office_same_room_overlap');
    expect(second).toBeGreaterThan(0);
  });

  it('rolls compliance up organ → county → prefecture → province, and publishes live metrics', async () => {
    const staff = await t.login('hlj.staff');
    const province = await unitId(t.database, '230000');
    const res = await staff.get(`/api/office/compliance?unitId=${province}`);
    expect(res.statusCode).toBe(200);
    const s = res.json() as { unit: { offices: number; compliant: number; over: number; noStandard: number; overArea: number; rate: number }; children: { kind: string; name: string; offices: number; over: number; overArea: number }[] };
    expect(s.unit.offices).toBe(s.unit.compliant + s.unit.over + s.unit.noStandard);
    // children partition the province's rooms
    expect(s.children.reduce((a, c) => a + c.offices, 0)).toBe(s.unit.offices);
    expect(s.children.reduce((a, c) => a + c.overArea, 0)).toBeCloseTo(s.unit.overArea, 5);
    const harbin = s.children.find((c) => c.name === '哈尔滨市')!;
    expect(harbin.over).toBeGreaterThan(0);
    const m = await staff.get(`/api/metrics/values?keys=office.compliance_rate,office.over_standard_area&unitId=${province}&from=2026-01-01&to=2026-12-31`);
    expect(m.statusCode).toBe(200);
    const values = m.json() as { key: string; value: number }[];
    expect(values.find((v) => v.key === 'office.over_standard_area')!.value).toBeGreaterThan(0);
    const rate = values.find((v) => v.key === 'office.compliance_rate')!.value;
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThan(100);
  });
});

describe('service rooms (服务用房) per head', () => {
  it('judges an organ’s service rooms against 9 m² per person (provincial), from versioned data only the province bureau may change', async () => {
    const staff = await t.login('hlj.staff');
    const std = (await staff.get('/api/office/service-standards')).json() as { current: { organLevel: string; minM2: number | null; maxM2: number; source: string }[] };
    expect(std.current.find((x) => x.organLevel === 'provincial')).toMatchObject({ minM2: 7, maxM2: 9 });
    expect(std.current.find((x) => x.organLevel === 'township')).toMatchObject({ minM2: null, maxM2: 8, source: '黑发改投资〔2015〕43号' });

    const organ = await organByLevel(t.database.db, 'provincial');
    const db = t.database.db;
    const figures = async () => (await db.execute(sql`select
        (select coalesce(sum(r.usable_area), 0)::float8 from office_room_uses u join office_rooms r on r.id = u.room_id
          where u.org_unit_id = ${organ} and u.status = 'in_use' and u.during @> current_date and r.room_class = 'service') as a,
        (select count(*)::int from office_persons where org_unit_id = ${organ} and status = 'active') as n`)).rows[0] as { a: number; n: number };
    let { a, n } = await figures();
    // Enough people that one more service room can bring the organ exactly to the standard.
    for (let k = Math.max(0, Math.ceil((a + 5 - 9 * n) / 9)); k > 0; k--) await db.execute(sql`insert into office_persons (org_unit_id, name, rank_code) values (${organ}, '服务测试', 'staff')`);
    ({ a, n } = await figures());
    const at = await building(db, organ);
    const x = 9 * n - a;
    const room = (await db.execute(sql`insert into office_rooms (building_id, floor_id, org_unit_id, number, room_class, sub_type, usable_area, gross_area, capacity)
      values (${at.buildingId}, ${at.floorId}, ${organ}, 'S1', 'service', 'meeting', ${x}, ${x + 10}, 1) returning id`)).rows[0] as { id: number };
    await db.execute(sql`insert into office_room_uses (room_id, org_unit_id, status, during) values (${room.id}, ${organ}, 'in_use', daterange('2024-01-01', null))`);

    const summary = async (date?: string) => (await staff.get(`/api/office/compliance?unitId=${organ}${date ? `&date=${date}` : ''}`)).json().unit;
    expect(await summary()).toMatchObject({ servicePerHead: 9, serviceMin: 7, serviceMax: 9, serviceHeadcount: n, serviceAllowed: 9 * n, serviceOverOrgans: 0, serviceOverArea: 0 });
    await db.execute(sql`update office_rooms set usable_area = usable_area + 2, gross_area = gross_area + 2 where id = ${room.id}`);
    expect(await summary()).toMatchObject({ serviceOverOrgans: 1, serviceOverArea: 2 });
    // The organ's region counts it among its organs over the service-room standard.
    const province = await unitId(t.database, '230000');
    const top = (await staff.get(`/api/office/compliance?unitId=${province}`)).json();
    expect(top.unit.serviceOverOrgans).toBeGreaterThanOrEqual(1);
    expect(top.children.reduce((s: number, c: { serviceOverOrgans: number }) => s + c.serviceOverOrgans, 0)).toBe(top.unit.serviceOverOrgans);

    // A new version applies from its date; only the province bureau may add one; a reversed range is refused.
    const body = { source: '测试服务用房新标准', effectiveFrom: '2098-01-01', rows: [{ organLevel: 'provincial', minM2: 7, maxM2: 10 }] };
    expect((await (await t.login('hrb.staff')).post('/api/office/service-standards', body)).statusCode).toBe(403);
    expect((await staff.post('/api/office/service-standards', { ...body, rows: [{ organLevel: 'provincial', minM2: 12, maxM2: 10 }] })).json().error.code).toBe('office_service_range');
    expect((await staff.post('/api/office/service-standards', body)).statusCode).toBe(200);
    expect(await summary('2098-06-01')).toMatchObject({ serviceMax: 10, serviceOverOrgans: 0 });
    expect(await summary()).toMatchObject({ serviceMax: 9, serviceOverOrgans: 1 });
  });
});

describe('scope', () => {
  it('a county organ admin sees only its organ', async () => {
    const bx = await t.login('bx.organ');
    const rooms = (await bx.get('/api/office/rooms?pageSize=500')).json() as { items: { orgUnitName: string }[]; total: number };
    expect(rooms.total).toBeGreaterThan(0);
    expect(new Set(rooms.items.map((r) => r.orgUnitName))).toEqual(new Set(['宾县财政局']));
    expect((await bx.get(`/api/office/compliance?unitId=${await unitId(t.database, '230125')}`)).statusCode).toBe(404);
    const other = await t.database.db.execute(sql`select r.id from office_rooms r join org_units g on g.id = r.org_unit_id where g.name = '宾县机关事务服务中心' limit 1`);
    expect((await bx.get(`/api/office/rooms/${(other.rows[0] as { id: number }).id}`)).statusCode).toBe(404);
  });

  it('Harbin’s bureau sees only Harbin', async () => {
    const hrb = await t.login('hrb.staff');
    const rooms = (await hrb.get('/api/office/rooms?pageSize=500')).json() as { items: { orgUnitId: number }[]; total: number };
    const harbinPath = (await t.database.db.execute(sql`select path from org_units where region_code = '230100'`)).rows[0] as { path: string };
    const inHarbin = await t.database.db.execute(sql`select count(*)::int as n from office_rooms r join org_units g on g.id = r.org_unit_id where g.path like ${`${harbinPath.path}%`}`);
    expect(rooms.total).toBe((inHarbin.rows[0] as { n: number }).n);
    expect((await hrb.get(`/api/office/compliance?unitId=${await unitId(t.database, '230200')}`)).statusCode).toBe(404);
    const top = (await hrb.get('/api/office/compliance')).json() as { unit: { name: string } };
    expect(top.unit.name).toBe('哈尔滨市');
  });

  it('employees have no access to the registry', async () => {
    expect((await (await t.login('hrb.employee')).get('/api/office/rooms')).statusCode).toBe(403);
  });
});
