import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from '../../../../test/helpers';

let t: TestApp;
let staff: Client;
let province: number;
let harbin: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
  harbin = await unitId(t.database, '230100');
});
afterAll(() => t.close());

interface T { id: number; orgUnitId: number; indicator: string; tier: string; reductionPct: number; parentTargetId: number | null }

describe('targets', () => {
  it('the province holds the national 14th-FYP figures as its binding targets', async () => {
    const list = (await staff.get(`/api/energy/targets?unitId=${province}`)).json() as T[];
    const binding = Object.fromEntries(list.filter((x) => x.orgUnitId === province && x.tier === 'binding').map((x) => [x.indicator, x.reductionPct]));
    expect(binding).toEqual({ per_area: 5, per_capita: 6, water_per_capita: 6, co2_per_area: 7 });
  });

  it('cascades evenly and by hand, checking the baseline-weighted sum', async () => {
    const hrbStaff = await t.login('hrb.staff');
    const parent = ((await hrbStaff.get(`/api/energy/targets?unitId=${harbin}`)).json() as T[]).find((x) => x.orgUnitId === harbin && x.indicator === 'per_area' && x.tier === 'binding')!;
    const even = await hrbStaff.post('/api/energy/targets/cascade', { targetId: parent.id, mode: 'even' });
    expect(even.statusCode, even.body).toBe(200);
    const kids = even.json() as T[];
    expect(kids.length).toBeGreaterThan(4);
    expect(kids.every((k) => k.reductionPct === 5 && k.parentTargetId === parent.id)).toBe(true);

    // By hand: the first child takes less; unless the others make up for it, refused.
    const short = kids.map((k, i) => ({ orgUnitId: k.orgUnitId, reductionPct: i === 0 ? 1 : 5 }));
    const bad = await hrbStaff.post('/api/energy/targets/cascade', { targetId: parent.id, mode: 'manual', children: short });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('energy_cascade_short');
    const missing = await hrbStaff.post('/api/energy/targets/cascade', { targetId: parent.id, mode: 'manual', children: short.slice(1) });
    expect(missing.json().error.code).toBe('energy_cascade_children');
    const fair = kids.map((k, i) => ({ orgUnitId: k.orgUnitId, reductionPct: i === 0 ? 1 : 9 }));
    const ok = await hrbStaff.post('/api/energy/targets/cascade', { targetId: parent.id, mode: 'manual', children: fair });
    expect(ok.statusCode, ok.body).toBe(200);
    // Check the sum by hand from the 2020 baselines: Σ bᵢ(1 − rᵢ) ≤ Σ bᵢ(1 − 5 %).
    let base = 0;
    let allowed = 0;
    for (const c of fair) {
      const ind = (await staff.get(`/api/energy/indicators?unitId=${c.orgUnitId}&from=2020-01&to=2020-12`)).json();
      base += ind.total.totalTce;
      allowed += ind.total.totalTce * (1 - c.reductionPct / 100);
    }
    expect(allowed).toBeLessThanOrEqual(base * 0.95 + 1e-6);
    // Nothing of the refused cascades stayed.
    const stored = await t.database.db.execute(sql`select count(*)::int as n from energy_targets where parent_target_id = ${parent.id} and reduction_pct = 1`);
    expect((stored.rows[0] as { n: number }).n).toBe(1);
    // Qiqihar's staff cannot touch Harbin's targets.
    const qq = await t.login('qqhr.staff');
    expect((await qq.post('/api/energy/targets/cascade', { targetId: parent.id, mode: 'even' })).statusCode).toBe(404);
  });

  it('measures progress against the straight line to 2025 and raises alerts for off-pace units', async () => {
    // Demo data: every 7th institution grows 1 %/year (off pace), the others save 2 %/year.
    const inst = (await staff.get(`/api/energy/institutions?unitId=${province}&pageSize=200`)).json().items as { orgUnitId: number }[];
    const off = inst.find((i) => i.orgUnitId % 7 === 0 && i.orgUnitId % 6 !== 1)!;
    const good = inst.find((i) => i.orgUnitId % 7 !== 0 && i.orgUnitId % 6 !== 1)!;
    for (const u of [off, good]) expect((await staff.put('/api/energy/targets', { orgUnitId: u.orgUnitId, indicator: 'per_area', tier: 'binding' })).statusCode).toBe(200);
    const p = (id: number) => staff.get(`/api/energy/progress?unitId=${id}&year=2023`).then((r) => r.json() as { status: string; expectedPct: number; actualPct: number; baseline: number; current: number; pathValue: number }[]);
    const [offP] = await p(off.orgUnitId);
    const [goodP] = await p(good.orgUnitId);
    expect(offP!.expectedPct).toBe(3); // 5 % × 3/5
    expect(offP!.status).toBe('over_quota');
    expect(offP!.actualPct).toBeLessThan(0);
    expect(goodP!.status).toBe('on_track');
    expect(goodP!.pathValue).toBeCloseTo(goodP!.baseline * 0.97, 3);
    const alerts = (await staff.get(`/api/energy/alerts?unitId=${province}&year=2023`)).json() as { orgUnitId: number }[];
    expect(alerts.map((a) => a.orgUnitId)).toContain(off.orgUnitId);
    expect(alerts.map((a) => a.orgUnitId)).not.toContain(good.orgUnitId);
  });
});

describe('target alerts job', () => {
  it('tells each bureau how many targets in its region are off pace', async () => {
    const { enqueue, JobRunner } = await import('../../../kernel/jobs/jobs.service');
    await enqueue(t.database.db, 'energy.target_alerts', { year: 2023 });
    await new JobRunner(t.database.db).tick();
    // The province bureau's region holds the off-pace institution given a target above.
    const inbox = JSON.stringify((await staff.get('/api/notifications?page=1&pageSize=10')).json());
    expect(inbox).toMatch(/节能目标预警:\d+ 项/);
  });
});
