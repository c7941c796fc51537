import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { testApp, unitId, type Client, type TestApp } from '../../../test/helpers';

let t: TestApp;
let staff: Client;
let province: number, harbin: number, qqhr: number;
let refPlan: number, e1: number;
beforeAll(async () => {
  t = await testApp();
  staff = await t.login('hlj.staff');
  province = await unitId(t.database, '230000');
  harbin = await unitId(t.database, '230100');
  qqhr = await unitId(t.database, '230200');
  refPlan = (await staff.post('/api/plans', { orgUnitId: province, name: '评估测试省级规划', level: 'provincial', kind: 'special', startYear: 2021, endYear: 2025 })).json().id;
  e1 = (await staff.post(`/api/plans/${refPlan}/items`, { kind: 'indicator', code: 'E1', title: '节能改造完成率', unit: '%', baselineValue: 0, targetValue: 100, targetYear: 2025, direction: 'up', binding: 'binding' })).json().id;
  // Harbin reached 90 %, Qiqihar 50 % of their aligned indicators.
  for (const [unit, value, code] of [[harbin, 90, 'H'], [qqhr, 50, 'Q']] as const) {
    const p = (await staff.post('/api/plans', { orgUnitId: unit, name: `${code}评估测试规划`, level: 'prefecture', kind: 'special', startYear: 2021, endYear: 2025, parentPlanId: refPlan })).json().id;
    const i = (await staff.post(`/api/plans/${p}/items`, { kind: 'indicator', code: `${code}1`, title: '节能改造完成率', unit: '%', baselineValue: 0, targetValue: 100, targetYear: 2025, direction: 'up', binding: 'binding' })).json().id;
    await staff.put(`/api/plans/items/${i}/alignment`, { upperItemIds: [e1] });
    const per = (await staff.post(`/api/plans/${p}/periods`, { label: '2024年', starts: '2024-01-01', ends: '2024-12-31' })).json().id;
    expect((await staff.post(`/api/plans/items/${i}/reports`, { periodId: per, value })).statusCode).toBe(200);
  }
});
afterAll(() => t.close());

const rubric = [
  { level: 'A', score: 100, descZh: '优秀', descEn: 'Excellent' },
  { level: 'B', score: 80, descZh: '良好', descEn: 'Good' },
  { level: 'C', score: 60, descZh: '一般', descEn: 'Fair' },
];

describe('evaluation', () => {
  let versionId: number, schemeId: number, q2: number;
  it('refuses a formula naming a missing indicator, and weights that do not sum to the total', async () => {
    const s = (await staff.post('/api/plans/schemes', { orgUnitId: province, planId: refPlan, name: '“十四五”评估方案', total: 100 })).json();
    schemeId = s.id;
    versionId = s.versionId;
    const missing = await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q1', name: '节能改造', kind: 'quantitative', weight: 60, formula: 'rate(E1) * 50 + rate(E9) * 50' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('plan_formula_missing');
    expect(missing.json().error.message).toContain('E9');
    const broken = await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q1', name: '节能改造', kind: 'quantitative', weight: 60, formula: 'rate(E1) *' });
    expect(broken.json().error.code).toBe('plan_formula_invalid');
    expect((await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q1', name: '节能改造', kind: 'quantitative', weight: 60, formula: 'rate(E1) * 100' })).statusCode).toBe(200);
    q2 = (await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q2', name: '工作作风(定性)', kind: 'qualitative', weight: 30, rubric })).json().id;
    const pub = await staff.post(`/api/plans/scheme-versions/${versionId}/publish`);
    expect(pub.statusCode).toBe(400);
    expect(pub.json().error.code).toBe('plan_weights_sum');
    expect(pub.json().error.message).toContain('90');
    const schemes = (await staff.get('/api/plans/schemes')).json();
    expect(schemes.find((x: { id: number }) => x.id === schemeId).versions[0].status).toBe('draft');
    expect((await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q3', name: '制度建设(定性)', kind: 'qualitative', weight: 10, rubric })).statusCode).toBe(200);
    expect((await staff.post(`/api/plans/scheme-versions/${versionId}/publish`)).statusCode).toBe(200);
    // Published weights are frozen; changes go into a new version.
    expect((await staff.post(`/api/plans/scheme-versions/${versionId}/criteria`, { code: 'Q4', name: '追加', kind: 'qualitative', weight: 5, rubric })).statusCode).toBe(409);
    const v2 = (await staff.post(`/api/plans/schemes/${schemeId}/versions`)).json();
    expect(v2.version).toBe(2);
    const after = (await staff.get('/api/plans/schemes')).json().find((x: { id: number }) => x.id === schemeId);
    expect(after.versions[1].criteria).toHaveLength(3);
    expect(after.versions[1].status).toBe('draft');
  });

  it('scores the 13 prefectures with formulas and several reviewers, ranks them with a breakdown, and freezes on close', async () => {
    const roundRes = await staff.post('/api/plans/rounds', { orgUnitId: province, versionId, name: '2024年度评估', kind: 'annual', year: 2024 });
    expect(roundRes.statusCode, roundRes.body).toBe(200);
    const round = roundRes.json().id;
    const reviewer2 = await t.login('hrb.staff');
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: harbin, level: 'A' })).statusCode).toBe(200);
    // Harbin's own staff may not score outside their scope: the round belongs to the province.
    expect((await reviewer2.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: harbin, level: 'C' })).statusCode).toBe(404);
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: qqhr, level: 'B' })).statusCode).toBe(200);
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: qqhr, level: 'Z' })).json().error.code).toBe('plan_rubric_level');
    // A second reviewer's level for Harbin (the demo has one province-wide reviewer account, so it is stored directly).
    const second = ((await t.database.db.execute(sql`select id from users where username = 'qqhr.staff'`)).rows[0] as { id: number }).id;
    await t.database.db.execute(sql`insert into plan_eval_reviews (round_id, criterion_id, org_unit_id, reviewer_id, level, score) values (${round}, ${q2}, ${harbin}, ${second}, 'B', 80)`);
    const rk = (await staff.get(`/api/plans/rounds/${round}/ranking`)).json();
    expect(rk.rows).toHaveLength(13);
    const hrb = rk.rows.find((r: { unitId: number }) => r.unitId === harbin);
    const qq = rk.rows.find((r: { unitId: number }) => r.unitId === qqhr);
    // Harbin: Q1 = 60 × 0.9 = 54; Q2 = 30 × avg(100, 80)/100 = 27; Q3 unscored = 0 → 81.
    expect(hrb.breakdown.map((b: { points: number }) => b.points)).toEqual([54, 27, 0]);
    expect(hrb.breakdown[1].reviewers).toBe(2);
    expect(hrb.total).toBe(81);
    // Qiqihar: 60 × 0.5 = 30; 30 × 0.8 = 24 → 54.
    expect(qq.total).toBe(54);
    expect(hrb.rank).toBe(1);
    expect(qq.rank).toBe(2);
    expect(rk.rows[12].total).toBe(0);
    expect(rk.rows[2].rank).toBe(3);
    expect(rk.rows[12].rank).toBe(3); // ties share a rank

    // The report's list of qualitative scores: every reviewer's level for every subject.
    const scores = (await staff.get(`/api/plans/rounds/${round}/reviews`)).json();
    expect(scores.filter((x: { subjectUnitId: number }) => x.subjectUnitId === harbin).map((x: { level: string; score: number }) => `${x.level}${x.score}`).sort()).toEqual(['A100', 'B80']);
    expect(scores.every((x: { reviewerName: string }) => x.reviewerName.length > 0)).toBe(true);
    expect((await reviewer2.get(`/api/plans/rounds/${round}/reviews`)).statusCode).toBe(404);
    const closed = await staff.post(`/api/plans/rounds/${round}/close`);
    expect(closed.statusCode).toBe(200);
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: qqhr, level: 'A' })).statusCode).toBe(409);
    const frozen = (await staff.get(`/api/plans/rounds/${round}/ranking`)).json();
    expect(frozen.round.status).toBe('closed');
    expect(frozen.rows.find((r: { unitId: number }) => r.unitId === harbin).total).toBe(81);

    const x = await staff.get(`/api/plans/rounds/${round}/export`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).values).toEqual([undefined, 1, '哈尔滨市', '全面', 81, 54, 27, 0]);
    expect(wb.worksheets[1]!.getRow(2).getCell(5).value).toBe('rate(E1) * 100');
  });

  it('mixes full and focused evaluation (全面/重点): a focused subject is scored on the focus criteria only, scaled to the full weight', async () => {
    const crit = (await staff.get('/api/plans/schemes')).json().find((x: { id: number }) => x.id === schemeId).versions.find((v: { id: number }) => v.id === versionId).criteria as { id: number; code: string }[];
    const q1 = crit.find((c) => c.code === 'Q1')!.id;
    const base = { orgUnitId: province, versionId, kind: 'annual', year: 2024 };
    // A focused subject must be a subject of the round, and focus needs at least one criterion of the scheme.
    expect((await staff.post('/api/plans/rounds', { ...base, name: '坏', focusedUnitIds: [province], focusCriterionIds: [q1] })).json().error.code).toBe('plan_round_focused');
    const noFocus = await staff.post('/api/plans/rounds', { ...base, name: '坏', focusedUnitIds: [qqhr] });
    expect(noFocus.json().error.code).toBe('plan_round_focus');
    expect(noFocus.json().error.message).toContain('重点评估');
    expect((await staff.post('/api/plans/rounds', { ...base, name: '坏', focusedUnitIds: [qqhr], focusCriterionIds: [999999] })).json().error.code).toBe('plan_round_focus');
    const res = await staff.post('/api/plans/rounds', { ...base, name: '2024年度全面与重点评估', focusedUnitIds: [qqhr], focusCriterionIds: [q1] });
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json().id;
    expect((await staff.get('/api/plans/rounds')).json().find((r: { id: number }) => r.id === round)).toMatchObject({ focusedUnitIds: [qqhr], focusCriterionIds: [q1] });
    // Qiqihar is evaluated in focus on Q1: a qualitative review for it is refused; Harbin (full) is reviewed.
    const refused = await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: qqhr, level: 'A' });
    expect(refused.json().error.code).toBe('plan_not_focus');
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: harbin, level: 'A' })).statusCode).toBe(200);
    const rk = (await staff.get(`/api/plans/rounds/${round}/ranking`)).json();
    const hrb = rk.rows.find((r: { unitId: number }) => r.unitId === harbin);
    const qq = rk.rows.find((r: { unitId: number }) => r.unitId === qqhr);
    // Harbin in full: 54 + 30 + 0 = 84. Qiqihar in focus: Q1 = 60 × 0.5 = 30 of 60 possible → 50 of 100.
    expect([hrb.mode, hrb.total]).toEqual(['full', 84]);
    expect([qq.mode, qq.total]).toEqual(['focused', 50]);
    expect(qq.breakdown.map((b: { applies: boolean }) => b.applies)).toEqual([true, false, false]);
    expect(qq.breakdown[0].points).toBe(30);
    // Closing keeps the modes; the workbook says which way each subject was evaluated.
    expect((await staff.post(`/api/plans/rounds/${round}/close`)).statusCode).toBe(200);
    expect((await staff.get(`/api/plans/rounds/${round}/ranking`)).json().rows.find((r: { unitId: number }) => r.unitId === qqhr)).toMatchObject({ mode: 'focused', total: 50 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await staff.get(`/api/plans/rounds/${round}/export`)).rawPayload as unknown as ArrayBuffer);
    const qRow = wb.worksheets[0]!.getRows(4, 13)!.find((r) => r.getCell(2).value === '齐齐哈尔市')!;
    expect(qRow.values).toEqual([undefined, 2, '齐齐哈尔市', '重点', 50, 30, '—', '—']);
    // The database refuses focused subjects without focus criteria, even written by SQL.
    await expect(t.database.db.execute(sql`update plan_eval_rounds set focus_criterion_ids = null where id = ${round}`)).rejects.toThrow();
  });

  it('scores chosen subjects instead of the prefectures: the province bureau\'s divisions', async () => {
    const divisions = (await t.database.db.execute(sql`select d.id, d.name from org_units d join org_units b on b.id = d.parent_id
      where b.name = '黑龙江省机关事务管理局' order by d.sort, d.id`)).rows as { id: number; name: string }[];
    expect(divisions.length).toBeGreaterThanOrEqual(3);
    const ids = divisions.map((d) => d.id);
    // Subjects must lie under the round's unit: Harbin's round cannot score the province bureau's divisions.
    const outside = await staff.post('/api/plans/rounds', { orgUnitId: harbin, versionId, name: '越权评估', kind: 'annual', year: 2025, subjectUnitIds: ids });
    expect(outside.json().error.code).toBe('plan_round_subjects');
    const res = await staff.post('/api/plans/rounds', { orgUnitId: province, versionId, name: '2025年度局机关处室考评', kind: 'annual', year: 2025, subjectUnitIds: ids });
    expect(res.statusCode, res.body).toBe(200);
    const round = res.json().id;
    expect((await staff.get('/api/plans/rounds')).json().find((r: { id: number }) => r.id === round).subjectUnitIds).toEqual(ids);
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: ids[0], level: 'A' })).statusCode).toBe(200);
    // A prefecture is not a subject of this round.
    expect((await staff.post(`/api/plans/rounds/${round}/reviews`, { criterionId: q2, subjectUnitId: harbin, level: 'A' })).json().error.code).toBe('plan_not_subject');
    const rk = (await staff.get(`/api/plans/rounds/${round}/ranking`)).json();
    expect(rk.rows.map((r: { unitName: string }) => r.unitName).sort()).toEqual(divisions.map((d) => d.name).sort());
    const first = rk.rows.find((r: { unitId: number }) => r.unitId === ids[0]);
    expect(first.rank).toBe(1);
    expect(first.breakdown[1].points).toBe(30); // Q2 weighs 30: level A (100) from one reviewer
  });
});

describe('suggestions', () => {
  it('collects suggestions from staff and the public link, answers them with reasons and links, and counts them', async () => {
    const d = await staff.post('/api/plans/drafts', { planId: refPlan, title: '征求意见稿', publicLink: true });
    expect(d.statusCode).toBe(200);
    const draft = (await staff.get('/api/plans/drafts')).json().find((x: { id: number }) => x.id === d.json().id);
    expect(draft.publicToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const emp = await t.login('hlj.employee');
    const s1 = await emp.post(`/api/plans/drafts/${draft.id}/suggestions`, { content: '建议增加公务用车电动化比例指标' });
    expect(s1.statusCode, s1.body).toBe(200);
    expect((await emp.get('/api/plans/drafts')).json().find((x: { id: number }) => x.id === draft.id).publicToken).toBeNull();
    expect((await t.anon.get(`/api/public/plans/drafts/${draft.publicToken}`)).json().planName).toBe('评估测试省级规划');
    expect((await t.anon.post(`/api/public/plans/drafts/${draft.publicToken}/suggestions`, { author: '市民', content: '建议公开节能数据' })).statusCode).toBe(200);
    const list = (await staff.get(`/api/plans/drafts/${draft.id}/suggestions`)).json();
    expect(list.map((s: { source: string }) => s.source)).toEqual(['staff', 'public']);
    const noReason = await staff.post(`/api/plans/suggestions/${list[0].id}/answer`, { outcome: 'not_adopted', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((await staff.post(`/api/plans/suggestions/${list[0].id}/answer`, { outcome: 'adopted', reason: '已增加指标', itemIds: [e1] })).statusCode).toBe(200);
    expect((await staff.post(`/api/plans/suggestions/${list[1].id}/answer`, { outcome: 'partly', reason: '按年度公开汇总数据' })).statusCode).toBe(200);
    const after = (await staff.get(`/api/plans/drafts/${draft.id}/suggestions`)).json();
    expect(after[0].itemTitles).toEqual(['节能改造完成率']);
    const counts = (await staff.get(`/api/plans/suggestions/counts?draftId=${draft.id}`)).json();
    expect(counts).toEqual({ bySource: { staff: 1, public: 1 }, byOutcome: { adopted: 1, partly: 1 }, total: 2 });
    expect((await staff.post(`/api/plans/drafts/${draft.id}/close`)).statusCode).toBe(200);
    expect((await emp.post(`/api/plans/drafts/${draft.id}/suggestions`, { content: '再提一条' })).statusCode).toBe(409);
    expect((await t.anon.post(`/api/public/plans/drafts/${draft.publicToken}/suggestions`, { content: '关闭后' })).statusCode).toBe(409);
    expect((await t.anon.get(`/api/public/plans/drafts/${draft.publicToken}`)).json().open).toBe(false);
    expect((await staff.get(`/api/plans/drafts/${draft.id}/suggestions`)).json()).toHaveLength(2);
  });

  it('serves the public web form without an account: Chinese first, escaped, says when the call is closed, unknown links are 404', async () => {
    const d = (await staff.post('/api/plans/drafts', { planId: refPlan, title: '<b>公开</b>征求意见稿', publicLink: true })).json().id;
    const token = (await staff.get('/api/plans/drafts')).json().find((x: { id: number }) => x.id === d).publicToken;
    const open = await t.anon.get(`/p/suggest/${token}`);
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-type']).toContain('text/html');
    expect(open.body).toContain('<html lang="zh-CN">');
    expect(open.body).toContain('&lt;b&gt;公开&lt;/b&gt;征求意见稿');
    expect(open.body).not.toContain('<b>公开</b>');
    expect(open.body).toContain('提交意见');
    expect(open.body).not.toContain('<script>'); // no inline script (CSP): one script from our origin
    expect((await t.anon.get(`/p/suggest/${token}?lang=en`)).body).toContain('Public call for suggestions');
    const js = await t.anon.get('/p/suggest.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('/api/public/plans/drafts/');
    expect((await t.anon.get('/p/suggest/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await t.anon.get('/p/suggest/..%2F..%2Fetc')).statusCode).toBe(404);
    await staff.post(`/api/plans/drafts/${d}/close`);
    const closed = await t.anon.get(`/p/suggest/${token}`);
    expect(closed.body).toContain('本次意见征集已结束');
    expect(closed.body).not.toContain('suggest-form');
  });
});

describe('demo data', () => {
  it('holds the national plan, the Heilongjiang plan (7 chapters, 19 sections), 13 aligned prefecture plans, a past round and 42 suggestions', async () => {
    const plans = (await staff.get('/api/plans')).json() as { id: number; name: string; level: string; parentPlanId: number | null }[];
    const hlj = plans.find((p) => p.name === '黑龙江省机关事务工作“十四五”规划')!;
    expect(plans.find((p) => p.id === hlj.parentPlanId)!.level).toBe('national');
    expect(plans.filter((p) => p.parentPlanId === hlj.id && p.level === 'prefecture')).toHaveLength(13);
    const tree = (await staff.get(`/api/plans/${hlj.id}?year=2025`)).json();
    expect(tree.items.filter((i: { kind: string }) => i.kind === 'chapter').map((i: { title: string }) => i.title))
      .toEqual(['规划背景', '总体要求', '体制机制建设', '优化管理基础', '法治建设', '人才建设', '规划落实']);
    expect(tree.items.filter((i: { kind: string }) => i.kind === 'section')).toHaveLength(19);
    const m = (await staff.get(`/api/plans/${hlj.id}/matrix`)).json();
    expect(m.lowerPlans).toHaveLength(13);
    expect(m.uncovered).toBeGreaterThan(0);
    expect(m.weakerCount).toBe(2);
    const rounds = (await staff.get('/api/plans/rounds')).json() as { id: number; status: string; kind: string }[];
    const mid = rounds.find((r) => r.kind === 'midterm' && r.status === 'closed')!;
    const rk = (await staff.get(`/api/plans/rounds/${mid.id}/ranking`)).json();
    expect(rk.rows).toHaveLength(13);
    expect(rk.rows[0].total).toBeGreaterThan(rk.rows[12].total);
    expect(rk.rows[0].breakdown).toHaveLength(5);
    const counts = (await staff.get('/api/plans/suggestions/counts')).json();
    expect(counts.total).toBeGreaterThanOrEqual(42);
  });

  it('demo: the open 2025 round evaluates Heihe and Daxinganling in focus (重点) on Q1 and R1, the other prefectures in full', async () => {
    const rounds = (await staff.get('/api/plans/rounds')).json() as { id: number; name: string; status: string; focusedUnitIds: number[] | null }[];
    const r2025 = rounds.find((r) => r.name === '2025年度评估')!;
    expect(r2025.status).toBe('open');
    const heihe = await unitId(t.database, '231100');
    const dxal = await unitId(t.database, '232700');
    expect([...(r2025.focusedUnitIds ?? [])].sort((a, b) => a - b)).toEqual([heihe, dxal].sort((a, b) => a - b));
    const rk = (await staff.get(`/api/plans/rounds/${r2025.id}/ranking`)).json() as { criteria: { code: string }[]; rows: { unitId: number; mode: string; breakdown: { applies: boolean }[] }[] };
    expect(rk.rows).toHaveLength(13);
    const codes = rk.criteria.map((c) => c.code);
    for (const row of rk.rows) {
      const focused = row.unitId === heihe || row.unitId === dxal;
      expect(row.mode).toBe(focused ? 'focused' : 'full');
      expect(row.breakdown.map((b, i) => (b.applies ? codes[i] : null)).filter(Boolean)).toEqual(focused ? ['Q1', 'R1'] : codes);
    }
  });
});
