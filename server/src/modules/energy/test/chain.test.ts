import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';

let t: TestApp;
let staff: Client;
let organ: Client;
let finance: number;
let q1: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  organ = await t.login('hlj.organ');
  finance = await unitId(t.database, '黑龙江省财政厅');
  q1 = (await staff.get('/api/energy/periods')).json().find((p: { kind: string; year: number }) => p.kind === 'quarterly' && p.year === 2026).id;
});
afterAll(() => t.close());

const fillMonth = (c: Client, unit: number, m: string, kwh = 8000) =>
  c.post('/api/energy/consumption', { orgUnitId: unit, month: m, entries: [{ energyType: 'electricity', quantity: kwh, costFen: kwh * 75 }, { energyType: 'water', quantity: 200, costFen: 90000 }] });
const reportOf = async (c: Client, unit: number, root: number) =>
  ((await c.get(`/api/energy/reports?periodId=${q1}&unitId=${root}`)).json() as { orgUnitId: number; id: number; status: string; version: number; returnReason: string | null }[]).find((r) => r.orgUnitId === unit)!;

describe('reporting chain', () => {
  it('fill in → submit → return with a reason → correct → resubmit → accept, with the months locked while filed', async () => {
    expect((await fillMonth(organ, finance, '2026-01')).statusCode).toBe(200);
    expect((await fillMonth(organ, finance, '2026-02')).statusCode).toBe(200);
    const early = await organ.post('/api/energy/reports/submit', { periodId: q1, orgUnitId: finance });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('energy_report_incomplete');
    expect(early.json().error.message).toContain('2026-03');
    expect((await fillMonth(organ, finance, '2026-03')).statusCode).toBe(200);

    const sub = await organ.post('/api/energy/reports/submit', { periodId: q1, orgUnitId: finance });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', totals: { totalTce: expect.any(Number) } });
    // Locked while under review: the API and the database both refuse.
    const edit = await organ.put(`/api/energy/consumption/${finance}/2026-02`, { entries: [{ energyType: 'electricity', quantity: 1 }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('energy_period_locked');
    await expect(t.database.db.execute(sql`update energy_consumption set quantity = 1 where org_unit_id = ${finance} and month = '2026-02-01'`)).rejects.toThrow();
    expect((await organ.get(`/api/energy/consumption/${finance}/2026-02`)).json()).toMatchObject({ locked: true });

    // The filler cannot review; the reviewer must give a reason to return.
    const rep = await reportOf(staff, finance, finance);
    expect((await organ.post(`/api/energy/reports/${rep.id}/accept`, { version: rep.version })).statusCode).toBe(403);
    expect((await staff.post(`/api/energy/reports/${rep.id}/return`, { version: rep.version })).json().error.code).toBe('energy_return_reason');
    const ret = await staff.post(`/api/energy/reports/${rep.id}/return`, { version: rep.version, reason: '2 月电量偏低,请核对电费单' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().status).toBe('returned');
    const inbox = (await organ.get('/api/notifications?page=1&pageSize=5')).json();
    expect(JSON.stringify(inbox)).toContain('2 月电量偏低,请核对电费单');

    // Unlocked again: correct and resubmit; a stale version loses.
    expect((await organ.put(`/api/energy/consumption/${finance}/2026-02`, { entries: [{ energyType: 'electricity', quantity: 9100, costFen: 682500 }, { energyType: 'water', quantity: 200, costFen: 90000 }] })).statusCode).toBe(200);
    expect((await organ.post('/api/energy/reports/submit', { periodId: q1, orgUnitId: finance })).statusCode).toBe(200);
    const again = await reportOf(staff, finance, finance);
    expect(again.returnReason).toBeNull();
    expect((await staff.post(`/api/energy/reports/${again.id}/accept`, { version: again.version - 1 })).statusCode).toBe(409);
    const acc = await staff.post(`/api/energy/reports/${again.id}/accept`, { version: again.version });
    expect(acc.json().status).toBe('accepted');
    expect((await organ.put(`/api/energy/consumption/${finance}/2026-03`, { entries: [{ energyType: 'electricity', quantity: 1 }] })).json().error.code).toBe('energy_period_locked');
    const trail = await t.database.db.execute(sql`select action from audit_log where object_type = 'energy_report' order by id`);
    expect(trail.rows.map((r) => (r as { action: string }).action)).toEqual(['energy.report.submit', 'energy.report.return', 'energy.report.submit', 'energy.report.accept']);
  });

  it('rolls a county up once everything below is accepted, and the prefecture above reviews it', async () => {
    const county = await unitId(t.database, '230125');
    const bxFinance = await unitId(t.database, '宾县财政局');
    const bxOrgan = await t.login('bx.organ');
    const bxStaff = await t.login('bx.staff');
    for (const m of ['2026-01', '2026-02', '2026-03']) expect((await fillMonth(bxOrgan, bxFinance, m, 3000)).statusCode).toBe(200);
    expect((await bxOrgan.post('/api/energy/reports/submit', { periodId: q1, orgUnitId: bxFinance })).statusCode).toBe(200);
    const early = await bxStaff.post('/api/energy/reports/rollup', { periodId: q1, orgUnitId: county });
    expect(early.json().error.code).toBe('energy_rollup_incomplete');
    const r = await reportOf(bxStaff, bxFinance, county);
    expect((await bxStaff.post(`/api/energy/reports/${r.id}/accept`, { version: r.version })).statusCode).toBe(200);
    // The other reporters in the county (its bureau, the township) accepted earlier in this round.
    await t.database.db.execute(sql`insert into energy_reports (org_unit_id, period_id, status) select u.id, ${q1}, 'accepted' from org_units u
      where u.path like (select path from org_units where id = ${county}) || '%' and u.id not in (${bxFinance}, ${county})
        and (u.id in (select org_unit_id from energy_institutions) or u.kind = 'region')`);
    const roll = await bxStaff.post('/api/energy/reports/rollup', { periodId: q1, orgUnitId: county });
    expect(roll.statusCode, roll.body).toBe(200);
    expect(roll.json()).toMatchObject({ status: 'submitted', kind: 'region' });
    // The county's own bureau cannot accept its roll-up; Harbin can.
    const cr = await reportOf(bxStaff, county, county);
    expect((await bxStaff.post(`/api/energy/reports/${cr.id}/accept`, { version: cr.version })).statusCode).toBe(404);
    const hrb = await t.login('hrb.staff');
    expect((await hrb.post(`/api/energy/reports/${cr.id}/accept`, { version: cr.version })).json().status).toBe('accepted');
    // An accepted institution below an accepted roll-up cannot be reopened on its own.
    const again = await reportOf(bxStaff, bxFinance, county);
    expect((await bxStaff.post(`/api/energy/reports/${again.id}/return`, { version: again.version, reason: '复核' })).json().error.code).toBe('energy_rollup_filed');
  });

  it('shows who has not reported and reminds them', async () => {
    const province = await unitId(t.database, '230000');
    const missing = (await staff.get(`/api/energy/reports?periodId=${q1}&unitId=${province}&status=none`)).json() as { name: string; overdue: boolean; kind: string }[];
    expect(missing.length).toBeGreaterThan(20);
    expect(missing.map((m) => m.name)).toContain('哈尔滨市财政局');
    expect(missing.map((m) => m.name)).not.toContain('黑龙江省财政厅');
    expect(missing.every((m) => m.overdue)).toBe(true); // due 2026-04-20
    const res = await staff.post(`/api/energy/periods/${q1}/remind`);
    expect(res.statusCode).toBe(200);
    expect(res.json().reminded).toBeGreaterThan(0);
    const hrbOrgan = await t.login('hrb.organ');
    const inbox = JSON.stringify((await hrbOrgan.get('/api/notifications?page=1&pageSize=5')).json());
    expect(inbox).toContain('哈尔滨市财政局');
    const organInbox = JSON.stringify((await organ.get('/api/notifications?page=1&pageSize=20')).json());
    expect(organInbox).not.toContain('逾期');

    // A prefecture bureau's 催报 reaches the fillers inside its prefecture only: Qiqihar's (it has unreported
    // institutions but no filler accounts in the demo) leaves Harbin's finance bureau alone; Harbin's reaches it.
    const hrbTotal = async () => ((await hrbOrgan.get('/api/notifications?page=1&pageSize=5')).json() as { total: number }).total;
    const before = await hrbTotal();
    const qq = await t.login('qqhr.staff');
    expect(((await qq.get(`/api/energy/reports?periodId=${q1}&unitId=${await unitId(t.database, '230200')}&status=none`)).json() as unknown[]).length).toBeGreaterThan(0);
    const qqRemind = await qq.post(`/api/energy/periods/${q1}/remind`);
    expect(qqRemind.statusCode).toBe(200);
    expect(qqRemind.json().reminded).toBe(0);
    expect(await hrbTotal()).toBe(before);
    const hrbRemind = await (await t.login('hrb.staff')).post(`/api/energy/periods/${q1}/remind`);
    expect(hrbRemind.json().reminded).toBeGreaterThan(0);
    expect(await hrbTotal()).toBeGreaterThan(before);
  });

  it('creates periodic deadlines; the annual one defaults to March 31', async () => {
    const annual = await staff.post('/api/energy/periods', { kind: 'annual', year: 2026 });
    expect(annual.json()).toMatchObject({ startsOn: '2026-01-01', endsOn: '2026-12-31', dueOn: '2027-03-31' });
    expect((await staff.post('/api/energy/periods', { kind: 'annual', year: 2026 })).json().error.code).toBe('energy_period_exists');
    expect((await staff.post('/api/energy/periods', { kind: 'monthly', year: 2026, seq: 5, dueOn: '2026-05-10' })).json().error.code).toBe('energy_due_before_end');
    const hrb = await t.login('hrb.staff');
    expect((await hrb.post('/api/energy/periods', { kind: 'monthly', year: 2026, seq: 6 })).statusCode).toBe(403);
  });

  it('the demo 2025 round: a region has filed only when every report below it is accepted, and most counties have', async () => {
    const province = await unitId(t.database, '230000');
    const y2025 = (await staff.get('/api/energy/periods')).json().find((p: { kind: string; year: number }) => p.kind === 'annual' && p.year === 2025).id;
    const rows = (await staff.get(`/api/energy/reports?periodId=${y2025}&unitId=${province}`)).json() as { orgUnitId: number; kind: string; status: string; overdue: boolean }[];
    const regions = rows.filter((r) => r.kind === 'region');
    const filed = regions.filter((r) => r.status === 'accepted');
    expect(filed.length).toBeGreaterThan(regions.length / 3);
    expect(regions.some((r) => r.overdue)).toBe(true); // late reporters keep their regions open
    const paths = new Map(((await t.database.db.execute(sql`select id, path from org_units`)).rows as { id: number; path: string }[]).map((x) => [x.id, x.path]));
    for (const region of filed) {
      const below = rows.filter((r) => r.orgUnitId !== region.orgUnitId && paths.get(r.orgUnitId)!.startsWith(paths.get(region.orgUnitId)!));
      expect(below.length).toBeGreaterThan(0);
      expect(below.filter((r) => r.status !== 'accepted')).toEqual([]);
    }
  });
});
