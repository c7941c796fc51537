import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { registerMetric } from '../../kernel/metrics/metrics';
import { multipart, testApp, unitId, type Client, type TestApp } from '../../../test/helpers';
import { sendReminders } from './progress.service';
import { liveValue } from './live';
import { cockpitPeriod, metricsFor, monthlyFor } from './cockpit.service';
import { today } from '../../kernel/excel/reply';

// A live metric computed from kernel data, standing in for another module's figure.
registerMetric({
  key: 'test.plan_organs', nameZh: '机关数(测试)', nameEn: 'Organs (test)', unit: '个', better: 'higher',
  async compute(db, q) {
    const r = await db.execute(sql`select count(*)::int as n from org_units where kind = 'organ' and path like ${`${q.path}%`}`);
    const n = (r.rows[0] as { n: number }).n;
    return n === 0 ? null : n;
  },
});

// A metric whose query fails (its module's table is missing).
registerMetric({
  key: 'test.plan_broken', nameZh: '故障指标(测试)', nameEn: 'Broken (test)', unit: '', better: 'higher',
  async compute(db) {
    await db.execute(sql`select count(*) from no_such_table_for_plans`);
    return 1;
  },
});

// A monthly figure (any single month answers): month × 10 in 2025, month × 10 + 5 in 2024; over a longer
// range 50 in 2025 and 60 in 2024 — "higher is better", so 2025 got worse than the same period of 2024.
registerMetric({
  key: 'test.plan_monthly', nameZh: '月度指标(测试)', nameEn: 'Monthly (test)', unit: '分', better: 'higher',
  async compute(_db, q) {
    const y = Number(q.to.slice(0, 4));
    if (y !== 2024 && y !== 2025) return null;
    if (q.from.slice(0, 7) === q.to.slice(0, 7)) return Number(q.to.slice(5, 7)) * 10 + (y === 2024 ? 5 : 0);
    return y === 2025 ? 50 : 60;
  },
});
// A yearly-only figure: answers for whole calendar years, not for months.
registerMetric({
  key: 'test.plan_yearly', nameZh: '年度指标(测试)', nameEn: 'Yearly (test)', unit: '个', better: 'lower',
  async compute(_db, q) {
    return q.from.endsWith('-01-01') && q.to.endsWith('-12-31') ? Number(q.to.slice(0, 4)) - 2000 : null;
  },
});

// Data for 2022 and 2023 only (whole years): a later year falls back to 2023, labelled.
registerMetric({
  key: 'test.plan_sparse', nameZh: '稀疏指标(测试)', nameEn: 'Sparse (test)', unit: '分', better: 'lower', monthly: false,
  async compute(_db, q) {
    const whole = q.from.endsWith('-01-01') && q.to.endsWith('-12-31') && q.from.slice(0, 4) === q.to.slice(0, 4);
    return !whole ? null : q.from.startsWith('2023') ? 42 : q.from.startsWith('2022') ? 40 : null;
  },
});

let t: TestApp;
let staff: Client;
let province: number, harbin: number, qqhr: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
  harbin = await unitId(t.database, '230100');
  qqhr = await unitId(t.database, '230200');
});
afterAll(() => t.close());

async function plan(c: Client, orgUnitId: number, name: string, level: string, parentPlanId?: number): Promise<number> {
  const res = await c.post('/api/plans', { orgUnitId, name, level, kind: 'special', startYear: 2021, endYear: 2030, parentPlanId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}
async function item(c: Client, planId: number, body: Record<string, unknown>): Promise<number> {
  const res = await c.post(`/api/plans/${planId}/items`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}
const indicator = (code: string, title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'indicator', code, title, unit: '%', baselineYear: 2020, baselineValue: 0, targetYear: 2025, targetValue: 100, direction: 'up', binding: 'binding', ...extra,
});
const tree = async (c: Client, id: number) => (await c.get(`/api/plans/${id}?year=2025`)).json();

describe('plan structure and progress', () => {
  it('rolls up reported progress with the published weights (82.6 / 16.5 / 0.8 %) and ignores unmeasured items', async () => {
    const p = await plan(staff, province, '权重测试规划', 'provincial');
    const ch = await item(staff, p, { kind: 'chapter', title: '第一章' });
    const a = await item(staff, p, indicator('W1', '大额指标', { parentId: ch, weight: 100_000 }));
    const b = await item(staff, p, indicator('W2', '中额指标', { parentId: ch, weight: 20_000 }));
    const c = await item(staff, p, indicator('W3', '小额指标', { parentId: ch, weight: 1_000 }));
    const period = (await staff.post(`/api/plans/${p}/periods`, { label: '2025年', starts: '2025-01-01', ends: '2025-12-31' })).json().id;
    for (const [id, value] of [[a, 100], [b, 0], [c, 0]] as const) expect((await staff.post(`/api/plans/items/${id}/reports`, { periodId: period, value })).statusCode).toBe(200);
    let tr = await tree(staff, p);
    const byId = (id: number) => tr.items.find((i: { id: number }) => i.id === id);
    expect(Math.round(byId(a).share * 1000) / 10).toBe(82.6);
    expect(Math.round(byId(b).share * 1000) / 10).toBe(16.5);
    expect(Math.round(byId(c).share * 1000) / 10).toBe(0.8);
    expect(byId(ch).score).toBeCloseTo(100_000 / 121_000, 6);
    expect(tr.plan.score).toBeCloseTo(100_000 / 121_000, 6);
    // A heavy task nobody has reported on yet does not pull the chapter down.
    await item(staff, p, { kind: 'task', title: '未填报任务', parentId: ch, weight: 500_000, ownerUnitId: province, deadline: '2025-12-31' });
    tr = await tree(staff, p);
    expect(byId(ch).score).toBeCloseTo(100_000 / 121_000, 6);
    expect(byId(a).colour).toBe('green');
    expect(byId(b).colour).toBe('red');
  });

  it('refuses a report for a closed period, and a report without its measure; nothing is saved', async () => {
    const p = await plan(staff, province, '关闭填报期测试', 'provincial');
    const task = await item(staff, p, { kind: 'task', title: '建设办公用房管理系统', ownerUnitId: province, deadline: '2025-06-30', milestones: [{ title: '完成招标', due: '2025-03-31' }] });
    const period = (await staff.post(`/api/plans/${p}/periods`, { label: '2025年一季度', starts: '2025-01-01', ends: '2025-03-31' })).json().id;
    expect((await staff.post(`/api/plans/items/${task}/reports`, { periodId: period, note: '无状态' })).statusCode).toBe(400);
    expect((await staff.post(`/api/plans/items/${task}/reports`, { periodId: period, status: 'amber', note: '招标延期' })).statusCode).toBe(200);
    expect((await staff.post(`/api/plans/periods/${period}/close`)).statusCode).toBe(200);
    const late = await staff.post(`/api/plans/items/${task}/reports`, { periodId: period, status: 'green', note: '补报' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('plan_period_closed');
    expect(late.json().error.message).toContain('2025年一季度');
    const en = await staff.request({ method: 'POST', url: `/api/plans/items/${task}/reports`, payload: { periodId: period, status: 'green' }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.code).toBe('plan_period_closed');
    const tl = (await staff.get(`/api/plans/items/${task}/timeline`)).json() as { kind: string; status: string | null; title: string }[];
    expect(tl.filter((x) => x.kind === 'report')).toHaveLength(1);
    expect(tl.find((x) => x.kind === 'report')!.status).toBe('amber');
    expect(tl.some((x) => x.kind === 'milestone' && x.title === '完成招标')).toBe(true);
    expect((await tree(staff, p)).items[0].colour).toBe('amber');
  });

  it('attaches evidence files to a report within the reporter\'s scope; others cannot report or read them', async () => {
    const p = await plan(staff, harbin, '哈尔滨佐证测试', 'prefecture');
    const ind = await item(staff, p, indicator('F1', '节能改造完成率'));
    const period = (await staff.post(`/api/plans/${p}/periods`, { label: '2025年', starts: '2025-01-01', ends: '2025-12-31' })).json().id;
    const hrb = await t.login('hrb.staff');
    const rep = await hrb.post(`/api/plans/items/${ind}/reports`, { periodId: period, value: 60, note: '完成12家单位改造' });
    expect(rep.statusCode, rep.body).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n% evidence\n');
    const up = await hrb.request({ method: 'POST', url: '/api/files', ...multipart({ name: '验收报告.pdf', data: pdf }, { objectType: 'plan_report', objectId: String(rep.json().id) }) });
    expect(up.statusCode, up.body).toBe(200);
    const tl = (await hrb.get(`/api/plans/items/${ind}/timeline`)).json();
    expect(tl.find((x: { kind: string }) => x.kind === 'report').files).toBe(1);
    const qq = await t.login('qqhr.staff');
    expect((await qq.post(`/api/plans/items/${ind}/reports`, { periodId: period, value: 99 })).statusCode).toBe(404);
    expect((await qq.get(`/api/files?objectType=plan_report&objectId=${rep.json().id}`)).statusCode).toBe(404);
  });

  it('refuses an indicator without its target or a section outside a chapter', async () => {
    const p = await plan(staff, province, '字段校验测试', 'provincial');
    const res = await staff.post(`/api/plans/${p}/items`, { kind: 'indicator', title: '缺目标值', unit: '%', direction: 'up', binding: 'binding' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('plan_indicator_fields');
    expect((await staff.post(`/api/plans/${p}/items`, { kind: 'section', title: '无章之节' })).json().error.code).toBe('plan_item_parent');
    expect((await tree(staff, p)).items).toHaveLength(0);
  });

  it('edits an item: fields, co-owner departments and milestones; a milestone done shows in the timeline; bad input changes nothing', async () => {
    const p = await plan(staff, province, '编辑测试规划', 'provincial');
    const task = await item(staff, p, { kind: 'task', title: '建设公物仓', ownerUnitId: province, deadline: '2026-06-30', milestones: [{ title: '选址', due: '2026-02-28' }, { title: '招标', due: '2026-04-30' }] });
    let d = (await staff.get(`/api/plans/items/${task}/detail`)).json();
    expect(d.milestones.map((m: { title: string }) => m.title)).toEqual(['选址', '招标']);
    const [site, tender] = d.milestones as { id: number }[];
    const edit = await staff.patch(`/api/plans/items/${task}`, {
      title: '建设省级公物仓', weight: 3, deadline: '2026-09-30', coOwnerUnitIds: [harbin, qqhr, harbin],
      milestones: [{ id: site!.id, title: '完成选址', due: '2026-03-15' }, { title: '竣工验收', due: '2026-09-15' }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    d = (await staff.get(`/api/plans/items/${task}/detail`)).json();
    expect(d.milestones.map((m: { title: string; due: string }) => `${m.title} ${m.due}`)).toEqual(['完成选址 2026-03-15', '竣工验收 2026-09-15']);
    expect(d.coOwners.map((u: { id: number }) => u.id)).toEqual([harbin, qqhr]);
    const row = (await tree(staff, p)).items.find((i: { id: number }) => i.id === task);
    expect([row.title, row.weight, row.deadline, row.coOwnerUnitIds]).toEqual(['建设省级公物仓', 3, '2026-09-30', [harbin, qqhr]]);
    // Bad input: an unknown co-owner, another item's milestone, a task without its owner — nothing changes.
    for (const body of [{ title: 'X', coOwnerUnitIds: [9_999_999] }, { title: 'X', milestones: [{ id: tender!.id, title: '招标', due: '2026-04-30' }] }, { title: 'X', ownerUnitId: null }]) {
      const bad = await staff.patch(`/api/plans/items/${task}`, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await tree(staff, p)).items.find((i: { id: number }) => i.id === task).title).toBe('建设省级公物仓');
    expect((await staff.get(`/api/plans/items/${task}/detail`)).json().milestones).toHaveLength(2);
    // Milestone done: dated, in the timeline; another prefecture cannot mark it.
    const ms = d.milestones[0].id;
    expect((await (await t.login('qqhr.staff')).post(`/api/plans/milestones/${ms}/done`, {})).statusCode).toBe(404);
    expect((await staff.post(`/api/plans/milestones/${ms}/done`, { doneOn: '2026-03-10' })).statusCode).toBe(200);
    const tl = (await staff.get(`/api/plans/items/${task}/timeline`)).json() as { kind: string; title: string; status: string | null; at: string }[];
    const done = tl.find((x) => x.kind === 'milestone' && x.title === '完成选址')!;
    expect(done.status).toBe('done');
    expect(tl.find((x) => x.title === '竣工验收')!.status).toBeNull();
  });

  it('reminds the owner department of a task due within a week', async () => {
    const p = await plan(staff, province, '提醒测试', 'provincial');
    const bureau = (await t.database.db.execute(sql`select org_unit_id as id from users where username = 'hrb.staff'`)).rows[0] as { id: number };
    await item(staff, p, { kind: 'task', title: '提醒任务甲', ownerUnitId: bureau.id, deadline: '2030-01-05' });
    expect(await sendReminders(t.database.db, 7, '2030-01-01')).toBeGreaterThan(0);
    const hrb = await t.login('hrb.staff');
    const inbox = (await hrb.get('/api/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('提醒任务甲');
  });
});

describe('live indicators', () => {
  it('reads a bound indicator from the metric registry, and it changes when the module data changes', async () => {
    const p = await plan(staff, harbin, '哈尔滨活指标测试', 'prefecture');
    const ind = await item(staff, p, indicator('L1', '机关数量', { metricKey: 'test.plan_organs', unit: '个', targetValue: 1000, baselineValue: 0 }));
    const missing = await item(staff, p, indicator('L2', '人均能耗', { metricKey: 'energy.nonexistent_metric', unit: 'kgce/人' }));
    const before = (await tree(staff, p)).items.find((i: { id: number }) => i.id === ind);
    expect(before.actualSource).toBe('live');
    expect(before.actual).toBeGreaterThan(0);
    const admin = await t.login('hrb.sysadmin');
    expect((await admin.post('/api/org/units', { kind: 'organ', parentId: harbin, name: '哈尔滨市规划测试局', organLevel: 'prefectural' })).statusCode).toBe(200);
    const after = (await tree(staff, p)).items;
    expect(after.find((i: { id: number }) => i.id === ind).actual).toBe(before.actual + 1);
    // An unregistered key is "unavailable", never an error.
    const m = after.find((i: { id: number }) => i.id === missing);
    expect(m.actualSource).toBe('unavailable');
    expect(m.liveStatus).toBe('unavailable');
    expect(after.find((i: { id: number }) => i.id === ind).liveStatus).toBe('live');
    expect(m.actual).toBeNull();
    const cockpit = (await staff.get(`/api/plans/cockpit?unitId=${harbin}&year=2025`)).json();
    expect(cockpit.metrics.find((x: { key: string }) => x.key === 'test.plan_organs').value).toBe(before.actual + 1);
    expect(cockpit.alerts.some((a: { kind: string; detail: string }) => a.kind === 'unbound_metric' && a.detail === 'energy.nonexistent_metric')).toBe(true);
  });

  it('treats a failing metric as unavailable without breaking the transaction around it', async () => {
    await t.database.db.transaction(async (tx) => {
      expect(await liveValue(tx, 'test.plan_broken', harbin, '2025-01-01', '2025-12-31')).toEqual({ value: null, available: false });
      expect((await tx.execute(sql`select 1 as one`)).rows).toEqual([{ one: 1 }]);
    });
  });
});

describe('cockpit trends and alerts', () => {
  it('shows monthly trends where the metric answers for months, yearly otherwise, and alerts when a figure got worse than the same period a year earlier', async () => {
    const all = await metricsFor(t.database.db, province, 2025, '2026-03-01');
    const monthly = all.find((m) => m.key === 'test.plan_monthly')!;
    expect([monthly.value, monthly.previous, monthly.monthly]).toEqual([50, 60, true]);
    const yearly = all.find((m) => m.key === 'test.plan_yearly')!;
    expect(yearly.monthly).toBe(false);
    expect(yearly.trend.map((x) => x.value)).toEqual([21, 22, 23, 24, 25]);
    // A past year: twelve months, each with the same month a year earlier.
    const months = (await staff.get(`/api/plans/cockpit/monthly?key=test.plan_monthly&unitId=${province}&year=2025`)).json();
    expect(months.points.map((x: { label: string }) => x.label)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(months.points[2]).toEqual({ label: '2025-03', value: 30, lastYear: 35 });
    expect((await staff.get(`/api/plans/cockpit/monthly?key=test.nonexistent&unitId=${province}&year=2025`)).statusCode).toBe(404);
    expect((await (await t.login('qqhr.staff')).get(`/api/plans/cockpit/monthly?key=test.plan_monthly&unitId=${province}&year=2025`)).statusCode).toBe(404);
    // The current year runs to today: months so far, compared with the same days a year earlier.
    expect(cockpitPeriod(2025, '2025-06-15')).toEqual({ from: '2025-01-01', to: '2025-06-15', lastFrom: '2024-01-01', lastTo: '2024-06-15', months: 6 });
    expect(cockpitPeriod(2024, '2024-02-29').lastTo).toBe('2023-02-28');
    const ytd = await monthlyFor(t.database.db, 'test.plan_monthly', province, 2025, '2025-06-15');
    expect(ytd.points.map((x) => x.value)).toEqual([10, 20, 30, 40, 50, 60]);
    // Through the API (a past year): the alert names the period and both values.
    const c = (await staff.get(`/api/plans/cockpit?unitId=${province}&year=2025`)).json();
    expect(c.period).toEqual({ from: '2025-01-01', to: '2025-12-31', lastFrom: '2024-01-01', lastTo: '2024-12-31' });
    const alert = c.alerts.find((a: { kind: string; title: string }) => a.kind === 'metric_worse' && a.title === '月度指标(测试)');
    expect(alert.detail).toBe('全年同比:60 → 50 分');
    // Lower is better and 2025 (25) is above 2024 (24): also worse.
    expect(c.alerts.some((a: { kind: string; title: string }) => a.kind === 'metric_worse' && a.title === '年度指标(测试)')).toBe(true);
  });
});

describe('cockpit without data for the period', () => {
  it('falls back to the latest year with data, says which year, and compares it with the year before', async () => {
    const year = Number(today().slice(0, 4));
    const all = await metricsFor(t.database.db, province, year);
    expect(all.find((m) => m.key === 'test.plan_sparse')).toMatchObject({ value: 42, previous: 40, dataYear: 2023 });
    // A metric with data for the period is not relabelled; one without any data stays empty.
    expect(all.find((m) => m.key === 'test.plan_organs')!.dataYear).toBeNull();
    expect(all.find((m) => m.key === 'test.plan_broken')).toMatchObject({ value: null, dataYear: null });
    const c = (await staff.get(`/api/plans/cockpit?unitId=${province}&year=${year}`)).json();
    expect(c.alerts.find((a: { kind: string; title: string }) => a.kind === 'metric_worse' && a.title === '稀疏指标(测试)').detail).toBe('2023年同比:40 → 42 分');
  });
});

describe('alignment', () => {
  it('refuses cycles and aligning within the same plan; nothing changes', async () => {
    const up = await plan(staff, province, '循环测试上位', 'provincial');
    const low = await plan(staff, harbin, '循环测试下位', 'prefecture', up);
    const a = await item(staff, up, indicator('C1', '上位指标'));
    const a2 = await item(staff, up, indicator('C2', '上位指标二'));
    const b = await item(staff, low, indicator('C1', '下位指标'));
    expect((await staff.put(`/api/plans/items/${b}/alignment`, { upperItemIds: [a] })).statusCode).toBe(200);
    const cyc = await staff.put(`/api/plans/items/${a}/alignment`, { upperItemIds: [b] });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().error.code).toBe('plan_alignment_cycle');
    expect((await tree(staff, up)).items.find((i: { id: number }) => i.id === a).upperItemIds).toEqual([]);
    expect((await staff.put(`/api/plans/items/${b}/alignment`, { upperItemIds: [b] })).statusCode).toBe(400);
    const same = await staff.put(`/api/plans/items/${a}/alignment`, { upperItemIds: [a2] });
    expect(same.json().error.code).toBe('plan_align_same_plan');
  });

  it('shows upper items no lower plan covers and lower binding targets weaker than the upper one', async () => {
    const up = await plan(staff, province, '矩阵测试上位', 'provincial');
    const g = await item(staff, up, { kind: 'goal', title: '建成节约型机关' });
    const energy = await item(staff, up, indicator('M1', '单位面积能耗下降', { unit: '%', baselineValue: 0, targetValue: 5 }));
    const waste = await item(staff, up, indicator('M2', '人均能耗', { unit: 'kgce/人', baselineValue: 400, targetValue: 360, direction: 'down' }));
    const hrbPlan = await plan(staff, harbin, '哈尔滨矩阵测试', 'prefecture', up);
    const qqPlan = await plan(staff, qqhr, '齐齐哈尔矩阵测试', 'prefecture', up);
    const h1 = await item(staff, hrbPlan, indicator('H1', '单位面积能耗下降', { unit: '%', baselineValue: 0, targetValue: 4 }));
    const h2 = await item(staff, hrbPlan, indicator('H2', '人均能耗', { unit: 'kgce/人', baselineValue: 410, targetValue: 350, direction: 'down' }));
    const q1 = await item(staff, qqPlan, indicator('Q1', '人均能耗', { unit: 'kgce/人', baselineValue: 420, targetValue: 380, direction: 'down', binding: 'binding' }));
    for (const [lo, upId] of [[h1, energy], [h2, waste], [q1, waste]] as const) expect((await staff.put(`/api/plans/items/${lo}/alignment`, { upperItemIds: [upId] })).statusCode).toBe(200);
    const m = (await staff.get(`/api/plans/${up}/matrix`)).json();
    expect(m.lowerPlans.map((p: { id: number }) => p.id)).toEqual([hrbPlan, qqPlan]);
    const row = (id: number) => m.rows.find((r: { upperItemId: number }) => r.upperItemId === id);
    expect(row(g).covered).toBe(false);
    expect(m.uncovered).toBe(1);
    expect(row(energy).weaker.map((w: { itemId: number }) => w.itemId)).toEqual([h1]); // 4 % < 5 %
    expect(row(waste).weaker.map((w: { itemId: number }) => w.itemId)).toEqual([q1]); // 380 > 360 (down is good)
    expect(row(waste).cells).toEqual([{ planId: hrbPlan, itemIds: [h2] }, { planId: qqPlan, itemIds: [q1] }]);
    // Harbin's staff see the provincial plan but only their own plan in its matrix.
    const hrb = await t.login('hrb.staff');
    const mh = (await hrb.get(`/api/plans/${up}/matrix`)).json();
    expect(mh.lowerPlans.map((p: { id: number }) => p.id)).toEqual([hrbPlan]);
    expect((await hrb.post(`/api/plans/${up}/items`, { kind: 'goal', title: '越权' })).statusCode).toBe(404);
  });

  it('sends the alignment to review by the bureau above through the approval engine', async () => {
    const up = await plan(staff, province, '审查测试上位', 'provincial');
    const hrb = await t.login('hrb.staff');
    const low = await plan(hrb, harbin, '哈尔滨审查测试', 'prefecture', up);
    const res = await hrb.post(`/api/plans/${low}/alignment-review`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await tree(hrb, low)).plan.alignmentStatus).toBe('pending');
    const ap = (await staff.get(`/api/approvals/${res.json().approvalId}`)).json();
    const d = await staff.post(`/api/approvals/${res.json().approvalId}/decide`, { decision: 'approve', version: ap.version ?? ap.request?.version });
    expect(d.statusCode, d.body).toBe(200);
    expect((await tree(hrb, low)).plan.alignmentStatus).toBe('approved');
  });
});

describe('database rules', () => {
  it('refuses a report into a closed period and criteria changes of a published version even when written by SQL', async () => {
    const db = t.database.db;
    const p = await plan(staff, province, '规则直写测试', 'provincial');
    const task = await item(staff, p, { kind: 'task', title: '直写任务', ownerUnitId: province, deadline: '2025-12-31' });
    const period = (await staff.post(`/api/plans/${p}/periods`, { label: '直写期', starts: '2025-01-01', ends: '2025-03-31' })).json().id;
    await staff.post(`/api/plans/periods/${period}/close`);
    await expect(db.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, status) values (${task}, ${period}, ${province}, 'green')`)).rejects.toThrow();
    const s = (await staff.post('/api/plans/schemes', { orgUnitId: province, planId: p, name: '直写方案', total: 10 })).json();
    await staff.post(`/api/plans/scheme-versions/${s.versionId}/criteria`, { code: 'X', name: '定性', kind: 'qualitative', weight: 10, rubric: [{ level: 'A', score: 100, descZh: '', descEn: '' }, { level: 'B', score: 50, descZh: '', descEn: '' }] });
    expect((await staff.post(`/api/plans/scheme-versions/${s.versionId}/publish`)).statusCode).toBe(200);
    await expect(db.execute(sql`update plan_criteria set weight = 5 where version_id = ${s.versionId}`)).rejects.toThrow();
    expect(((await db.execute(sql`select weight::float8 as w from plan_criteria where version_id = ${s.versionId}`)).rows[0] as { w: number }).w).toBe(10);
  });
});

describe('pickers', () => {
  it('lists plans and a plan\'s items by name for pickers, without live figures, within the readable scope', async () => {
    const p = await plan(staff, harbin, '哈尔滨选择器测试', 'prefecture');
    await item(staff, p, indicator('K1', '选择器指标', { unit: '个' }));
    const options = (await staff.get('/api/plans/options')).json();
    expect(options.find((o: { id: number }) => o.id === p)).toEqual({ id: p, name: '哈尔滨选择器测试', level: 'prefecture', unitName: '哈尔滨市', parentPlanId: null });
    expect(options[0]).not.toHaveProperty('score');
    const items = (await staff.get(`/api/plans/${p}/item-options`)).json();
    expect(items).toEqual([expect.objectContaining({ kind: 'indicator', code: 'K1', title: '选择器指标' })]);
    // Qiqihar reads neither Harbin's plan nor its items.
    const qq = await t.login('qqhr.staff');
    expect((await qq.get('/api/plans/options')).json().some((o: { id: number }) => o.id === p)).toBe(false);
    expect((await qq.get(`/api/plans/${p}/item-options`)).statusCode).toBe(404);
  });
});
