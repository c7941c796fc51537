import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, chooseOption, done, horizontalOverflow, newPage, open, pageReady, screenshot, signedIn, useBrowser, PHONE, type Viewport } from './browser';

/**
 * Plans as the province bureau uses them: reporting progress on the Heilongjiang plan, scoring
 * the prefectures in the open round, and the leaders' cockpit — each on a 1920 wall/desktop
 * screen and a 375 px phone.
 */
const browser = useBrowser();
const WIDE: Viewport = { width: 1920, height: 1080 };
const HLJ = '黑龙江省机关事务工作“十四五”规划';
/** A refresh after a save refetches the plan's tree (live figures read from the metric cache): allow a loaded machine a few seconds, not the default 1 s. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

const pickOption = (page: Page, selectTestId: string, label: string) => chooseOption(page, page.getByTestId(selectTestId), label);

/** The cockpit reads every module's figures from the metric cache (the server warms it after start and after writes). */
async function openCockpit(page: Page, pathname = '/plans/cockpit'): Promise<void> {
  await page.goto(`${baseURL()}${pathname}`);
  await page.getByTestId('cockpit-metrics').waitFor({ timeout: 30_000 });
  await pageReady(page, 'plans-cockpit');
}

async function openHljPlan(page: Page): Promise<void> {
  await open(page, '/plans', 'plans');
  await page.getByText(HLJ, { exact: true }).first().click();
  await poll(() => page.getByTestId('plan-name').innerText()).toBe(HLJ);
  await pageReady(page, 'plans');
}

describe('progress reporting', () => {
  it('at 1920: a task gets a status with a note; closed periods cannot be chosen; the timeline shows it', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await openHljPlan(page);
    expect(await page.getByTestId('plan-tree').innerText()).toContain('体制机制建设');
    // Every module the demo plan's live indicators are bound to is installed: none reads "source not connected".
    expect(await page.getByTestId('plan-tree').innerText()).not.toContain('数据源未接入');
    await page.getByTestId('plan-tree').getByText('出台全省机关运行保障制度规定', { exact: true }).click();
    const drawer = page.getByTestId('item-drawer');
    await drawer.waitFor();
    await page.getByTestId('report-period').click();
    const closed = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="2024年(已关闭)"]');
    expect(await closed.getAttribute('aria-disabled') ?? await closed.getAttribute('class')).toMatch(/true|disabled/);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="2025年"]').click();
    await page.getByTestId('report-status').getByText('● 滞后', { exact: true }).click();
    await page.getByTestId('report-note').fill('制度草案已报省政府常务会议审议');
    await page.getByTestId('report-submit').click();
    await page.getByText('已填报').waitFor();
    await poll(() => page.getByTestId('item-timeline').innerText()).toContain('制度草案已报省政府常务会议审议');
    await screenshot(page, 'plans-report-1920');
    await done(page);
  });

  it('at 375: an indicator value is reported on a phone and becomes its actual value', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    await openHljPlan(page);
    await page.getByTestId('plan-tree').getByText('发布机关事务地方标准', { exact: true }).click();
    await page.getByTestId('item-drawer').waitFor();
    await pickOption(page, 'report-period', '2025年');
    await page.locator('[data-testid="report-value"] input, input[data-testid="report-value"]').first().fill('11');
    // The save's answer, not its 3-second toast.
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/plans\/items\/\d+\/reports$/.test(r.url()));
    await page.getByTestId('report-submit').click();
    expect((await saved).status()).toBe(200);
    await poll(() => page.getByTestId('item-drawer').innerText()).toContain('11 项');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-report-375');
    await done(page);
  });
});

describe('scoring', () => {
  it('at 1920: a reviewer scores a prefecture on a qualitative criterion and the ranking shows the points', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(page, '/plans/evaluation?tab=scoring', 'plans-evaluation');
    const firstRow = page.getByTestId('scoring-table').locator('tbody tr').first();
    const unit = (await firstRow.locator('td').first().innerText()).trim();
    await firstRow.getByText('A', { exact: true }).click();
    await page.getByText('评分已保存').waitFor();
    await page.getByRole('tab', { name: '排名' }).click();
    const row = page.getByTestId('ranking-table').locator('tbody tr', { hasText: unit }).first();
    // R1 体制机制改革与职能落实 weighs 20: level A (100) from one reviewer gives 20 points.
    await poll(() => row.innerText()).toMatch(/\b20\b/);
    await page.getByTestId('ranking-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'plans-scoring-1920');
    await done(page);
  });

  it('at 375: the closed mid-term round reads as a ranking with its breakdown, without sideways scrolling', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    await open(page, '/plans/evaluation', 'plans-evaluation');
    await pickOption(page, 'round-select', '“十四五”规划中期评估(2023年)(中期 · 已结束)');
    await page.getByText('本轮已结束,结果已固化').waitFor();
    const rows = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(13);
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await page.getByText('公共机构节能目标完成情况').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-scoring-375');
    await done(page);
  });
});

describe('evaluation report', () => {
  it('at 1920: the closed mid-term round prints as a report — scheme and weights, ranking, each prefecture\'s breakdown, reviewers\' scores', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(page, '/plans/evaluation', 'plans-evaluation');
    await pickOption(page, 'round-select', '“十四五”规划中期评估(2023年)(中期 · 已结束)');
    await page.getByText('本轮已结束,结果已固化').waitFor();
    await page.getByTestId('round-report').click();
    await pageReady(page, 'plans-evaluation-report');
    await poll(() => page.getByTestId('report-title').innerText()).toBe('“十四五”规划中期评估(2023年)评估报告');
    const scheme = await page.getByTestId('report-scheme').innerText();
    expect(scheme).toContain('公共机构节能目标完成情况');
    expect(scheme).toMatch(/rate\(|A\(100\)/);
    expect(await page.getByTestId('report-ranking').locator('tbody tr').count()).toBe(13);
    expect(await page.getByTestId('report-unit').count()).toBeGreaterThanOrEqual(13);
    // Every reviewer's qualitative level with their name.
    await poll(() => page.getByTestId('report-review-table').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('report-review-table').first().innerText()).toMatch(/[A-D]\(\d+\)/);
    // On paper: the report without the menu, header or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await page.locator('.ant-layout-sider').first().isVisible().catch(() => false)).toBe(false);
    expect(await page.getByTestId('report-title').isVisible()).toBe(true);
    await screenshot(page, 'plans-eval-report-print-1920');
    await page.emulateMedia({ media: 'screen' });
    await done(page);
  });
});

/** Switches the signed-in user's language through the user menu (saved on the server too). */
async function switchLanguage(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('lang-switch').waitFor({ state: 'hidden' });
}

describe('evaluation report on a phone, in English', () => {
  it('at 375 in English: the closed mid-term round reads as a report without sideways scrolling', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    const rounds = (await (await page.request.get(`${baseURL()}/api/plans/rounds`)).json()) as { id: number; kind: string; status: string }[];
    const mid = rounds.find((r) => r.kind === 'midterm' && r.status === 'closed')!;
    await switchLanguage(page);
    try {
      await open(page, `/plans/evaluation/report?round=${mid.id}`, 'plans-evaluation-report');
      await poll(() => page.getByTestId('report-title').innerText()).toBe('“十四五”规划中期评估(2023年): evaluation report');
      expect(await page.getByTestId('report-scheme').innerText()).toContain('Scheme and weights');
      expect(await page.getByTestId('eval-report').innerText()).toContain('About this round');
      expect(await page.getByTestId('report-ranking').locator('tbody tr.ant-table-row').count()).toBe(13); // (a table scrolling sideways has a measuring row)
      expect(await page.getByTestId('report-unit').count()).toBeGreaterThanOrEqual(13);
      await poll(() => page.getByTestId('report-review-table').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('report-review-table').first().innerText()).toMatch(/[A-D]\(\d+\)/);
      expect(await page.getByTestId('report-print').innerText()).toMatch(/Print/);
      expect(await page.locator('body').innerText()).not.toMatch(/评估报告(打印版)|方案与权重/);
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, 'plans-eval-report-375-en');
    } finally {
      await switchLanguage(page); // back to Chinese for the other tests of this user
      await page.getByTestId('user-menu').waitFor();
    }
    await done(page);
  });
});

describe('cockpit', () => {
  it('at 1920 in wall-display mode: headline figures, plan progress, alerts and the ranking fill one screen', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await openCockpit(page);
    await page.getByTestId('cockpit-wall').click();
    await page.getByRole('button', { name: '退出大屏' }).waitFor();
    await pageReady(page, 'plans-cockpit');
    const box = await page.getByTestId('page-plans-cockpit').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    await page.getByTestId('metric-plans.task_on_track_rate').waitFor();
    expect(await page.getByTestId('cockpit-plans').innerText()).toContain('规划进度');
    expect(await page.getByTestId('cockpit-alerts').innerText()).toMatch(/即将到期|严重滞后/);
    await page.getByTestId('cockpit-ranking').locator('canvas').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-cockpit-wall-1920');
    await page.getByTestId('cockpit-wall').click();
    await page.getByTestId('page-title').filter({ hasText: '领导驾驶舱' }).waitFor();
    await done(page);
  });

  it('at 1920 in wall-display mode: the monthly panel shows a metric month by month beside the other panels, on the one screen', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    // 2025: energy has monthly readings for every month.
    await openCockpit(page, '/plans/cockpit?year=2025&wall=1');
    const panel = page.getByTestId('cockpit-monthly');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('月度趋势(与去年同期对比)');
    await panel.locator('canvas').first().waitFor();
    await pickOption(page, 'cockpit-monthly-metric', '人均综合能耗');
    await poll(() => panel.locator('.ant-select-content, .ant-select-selection-item').first().innerText()).toContain('人均综合能耗');
    // On the wall's one screen: the panel lies inside 1920×1080, in the row with plan progress, alerts and the ranking.
    const box = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1920);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const plansBox = (await page.getByTestId('cockpit-plans').boundingBox())!;
    expect(Math.abs(plansBox.y - box.y)).toBeLessThan(5);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-cockpit-wall-monthly-1920');
    await done(page);
  });

  it('at 375: the cockpit stacks for a phone and a figure drills into its module', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    await openCockpit(page);
    await page.getByTestId('metric-plans.task_on_track_rate').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-cockpit-375');
    await page.getByTestId('metric-plans.task_on_track_rate').click();
    await pageReady(page, 'plans');
    // 2025: energy has monthly readings, so the monthly panel draws its months against the same months of 2024.
    await openCockpit(page, '/plans/cockpit?year=2025');
    await pickOption(page, 'cockpit-monthly-metric', '人均综合能耗');
    await page.getByTestId('cockpit-monthly').locator('canvas').first().waitFor();
    expect(await page.getByTestId('cockpit-monthly').innerText()).toContain('月度趋势(与去年同期对比)');
    expect(await page.getByTestId('metric-energy.per_capita').innerText()).toContain('同比');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-cockpit-2025-375');
    await done(page);
  });
});

describe('cockpit without data for the year', () => {
  // Qiqihar's demo energy data ends in December 2025 and no test reports energy there: in the current
  // year (from the clock, after 2025) its energy cards fall back to 2025, labelled.
  for (const [label, viewport] of [['1920', WIDE], ['375', PHONE]] as const) {
    it(`at ${label}: an energy figure without data this year shows 2025's value, labelled 2025年数据`, async () => {
      const page = await signedIn(browser(), 'qqhr.staff', viewport);
      await openCockpit(page);
      expect(await page.getByTestId('cockpit-year').innerText()).toContain(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
      const card = page.getByTestId('metric-energy.per_capita');
      await poll(() => card.getByTestId('metric-data-year').innerText()).toBe('2025年数据');
      expect(await card.innerText()).not.toContain('暂无数据');
      expect(await card.innerText()).toMatch(/\d[\d.,]*\s*kgce\/人/);
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, `plans-cockpit-fallback-${label}`);
      await done(page);
    });
  }
});

/** Clicks the OK button of the confirmation that is open. */
async function confirmPop(page: Page): Promise<void> {
  await page.locator('.ant-popover:visible .ant-btn-primary').click();
}

describe('editing an item', () => {
  it('at 1920: a task gets a new title, a co-owner department and a milestone; marking the milestone done shows in the timeline', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await openHljPlan(page);
    await page.getByTestId('plan-tree').getByText('开展规划年度监测与中期评估', { exact: true }).click();
    const drawer = page.getByTestId('item-drawer');
    await drawer.waitFor();
    await poll(() => page.getByTestId('item-co-owner-names').innerText()).toContain('公共机构节能处');
    await page.getByTestId('item-edit').click();
    const form = page.getByTestId('item-form');
    await poll(() => page.getByTestId('item-title').inputValue()).toBe('开展规划年度监测与中期评估');
    await page.getByTestId('item-title').fill('开展规划年度监测与中期、终期评估');
    await page.getByTestId('item-co-owners').click();
    await page.keyboard.type('财务');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="财务处"]').first().click();
    await page.locator('.ant-modal-title:visible').click(); // closes the dropdown, not the dialog
    await page.getByTestId('milestone-add').click();
    await form.getByTestId('milestone-title').last().fill('形成终期评估报告');
    const due = form.locator('[data-testid="item-milestones"] .ant-picker input').last();
    await due.click();
    await due.fill('2026-12-01');
    await due.press('Enter');
    await page.getByTestId('item-form-ok').click();
    await page.getByText('已保存').waitFor();
    await poll(() => page.getByTestId('plan-tree').innerText()).toContain('开展规划年度监测与中期、终期评估');
    await poll(() => page.getByTestId('item-co-owner-names').innerText()).toMatch(/公共机构节能处、财务处/);
    const row = page.getByTestId('milestone-row').filter({ hasText: '形成终期评估报告' });
    await poll(() => row.innerText()).toContain('2026-12-01');
    await row.getByTestId('milestone-done').click();
    await confirmPop(page);
    await poll(() => row.innerText()).toMatch(/\d{4}-\d{2}-\d{2} 完成/);
    await poll(() => page.getByTestId('item-timeline').innerText()).toMatch(/节点已完成\s*形成终期评估报告/);
    await screenshot(page, 'plans-edit-1920');
    await done(page);
  });
});

describe('alignment matrix', () => {
  it('at 1920: gaps and weaker binding targets stand out; a prefecture submits its alignment and the province approves it in /approvals', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(page, '/plans/matrix', 'plans-matrix');
    await pickOption(page, 'matrix-plan', HLJ);
    await page.getByTestId('matrix-table').waitFor();
    const uncovered = Number(/(\d+) 项上位事项无下位规划承接/.exec(await page.getByTestId('matrix-uncovered').innerText())![1]);
    expect(uncovered).toBeGreaterThan(0);
    // Two prefectures set a weaker energy target (E1) than the province's binding one.
    expect(await page.getByTestId('matrix-weaker').innerText()).toContain('2 项下位约束性目标弱于上位目标');
    expect(await page.locator('[data-cell="weaker"]').count()).toBe(2);
    expect(await page.locator('[data-cell="gap"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('matrix-table').getByText('未覆盖', { exact: true }).count()).toBe(uncovered);
    await page.locator('[data-cell="weaker"]').first().hover();
    await poll(() => page.locator('.ant-tooltip:visible').innerText()).toContain('目标弱于上位');
    await screenshot(page, 'plans-matrix-1920');

    // Qiqihar's plan has not been reviewed yet (Harbin's was approved in the demo).
    const hrb = await signedIn(browser(), 'qqhr.staff', WIDE);
    await open(hrb, '/plans/matrix', 'plans-matrix');
    await pickOption(hrb, 'matrix-plan', HLJ);
    await hrb.getByTestId('matrix-table').waitFor();
    await hrb.locator('[data-testid^="review-"]').first().click();
    await hrb.getByTestId('matrix-approval-link').click();
    await pageReady(hrb, 'approvals');
    await poll(() => hrb.locator('body').innerText()).toContain('齐齐哈尔市机关事务工作“十四五”规划');
    const id = Number(/id=(\d+)/.exec(hrb.url())![1]);
    await done(hrb);

    await open(page, `/approvals?id=${id}`, 'approvals');
    await poll(() => page.locator('body').innerText()).toContain('规划衔接审查');
    // The approver sees Qiqihar's column of the matrix inside the request: its gaps and weaker targets, counted and marked.
    const review = page.getByTestId('approval-alignment');
    await review.waitFor();
    expect(await review.innerText()).toContain(`对照上位规划:${HLJ}`);
    const gaps = Number(/(\d+) 项上位事项本规划未承接/.exec(await page.getByTestId('approval-alignment-gaps').innerText())![1]);
    expect(await review.locator('[data-cell="gap"]').count()).toBe(gaps);
    const weaker = Number(/(\d+) 项约束性目标弱于上位目标/.exec(await page.getByTestId('approval-alignment-weaker').innerText())![1]);
    expect(await review.locator('[data-cell="weaker"]').count()).toBe(weaker);
    expect(gaps + weaker).toBeGreaterThan(0);
    await screenshot(page, 'plans-approval-alignment-1920');
    await page.getByTestId('approval-approve').click();
    await poll(() => page.getByTestId('approval-approve').count()).toBe(0);
    await open(page, '/plans/matrix', 'plans-matrix');
    await pickOption(page, 'matrix-plan', HLJ);
    const head = page.getByTestId('matrix-table').locator('thead th').filter({ hasText: '齐齐哈尔市' });
    await poll(() => head.innerText()).toContain('已通过');
    await done(page);
  });
});

describe('suggestions', () => {
  it('a public link opened on a 375 px phone without an account reaches the staff list; the answer with a reason and an item changes the counts; closing shows on the page', async () => {
    const staff = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(staff, '/plans/suggestions', 'plans-suggestions');
    await staff.getByTestId('draft-create').click();
    await pickOption(staff, 'draft-plan', HLJ);
    const title = '全省公物仓建设方案(公开征求意见稿)';
    await staff.getByTestId('draft-title').fill(title);
    await staff.getByTestId('draft-public').check();
    // Wait for the server's answers — the draft saved, then the list showing it with its public token — not for a fixed time.
    const created = staff.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/plans/drafts');
    const listed = staff.waitForResponse(async (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/plans/drafts' && r.ok()
      && ((await r.json()) as { title: string; publicToken: string | null }[]).some((d) => d.title === title && d.publicToken));
    await staff.getByTestId('draft-ok').click();
    expect((await created).status()).toBe(200);
    expect((await created).request().postDataJSON()).toMatchObject({ title, publicLink: true });
    await listed;
    const link = staff.getByTestId('public-link').getByRole('link');
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/p\/suggest\/[A-Za-z0-9_-]{16,}$/);
    await poll(() => staff.getByTestId('count-total').innerText()).toContain('0');

    const pub = await newPage(browser(), PHONE);
    await pub.goto(`${baseURL()}${href}`);
    expect(await pub.getByTestId('public-title').innerText()).toBe(title);
    expect(await pub.locator('body').innerText()).toContain('公开征求意见');
    expect(await horizontalOverflow(pub)).toBe(0);
    await pub.getByTestId('public-content').fill('建议公物仓向县级单位开放调剂,减少重复购置');
    await pub.getByTestId('public-author').fill('市民王某');
    await pub.getByTestId('public-submit').click();
    await poll(() => pub.getByTestId('public-msg').innerText()).toContain('提交成功');
    expect(await pub.getByTestId('public-content').inputValue()).toBe('');
    await screenshot(pub, 'plans-public-suggest-375');

    await staff.reload();
    await pageReady(staff, 'plans-suggestions');
    const row = staff.getByTestId('suggestion-table').locator('tbody tr', { hasText: '建议公物仓向县级单位开放调剂' });
    await poll(() => row.innerText()).toMatch(/公众[\s\S]*市民王某[\s\S]*待答复/);
    await poll(() => staff.getByTestId('count-total').innerText()).toContain('1');
    expect(await staff.getByTestId('count-pending').innerText()).toContain('1');
    await row.getByRole('button', { name: '答复' }).click();
    await pickOption(staff, 'answer-outcome', '部分采纳');
    await staff.getByTestId('answer-reason').fill('县级调剂纳入公物仓管理办法,跨市调剂另行研究');
    await staff.getByTestId('answer-items').click();
    await staff.keyboard.type('机关运行保障制度');
    await staff.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '出台全省机关运行保障制度规定' }).first().click();
    await staff.locator('.ant-modal-title:visible').click();
    await staff.getByTestId('answer-ok').click();
    await poll(() => row.innerText()).toMatch(/县级调剂纳入公物仓管理办法[\s\S]*出台全省机关运行保障制度规定[\s\S]*部分采纳/);
    await poll(() => staff.getByTestId('count-partly').innerText()).toContain('1');
    expect(await staff.getByTestId('count-pending').count()).toBe(0);

    await staff.getByTestId('draft-close').click();
    await confirmPop(staff);
    await poll(() => staff.getByTestId('public-link').count()).toBe(0);
    await pub.reload();
    await poll(() => pub.getByTestId('public-closed').innerText()).toContain('本次意见征集已结束');
    expect(await pub.getByTestId('public-submit').count()).toBe(0);
    await done(pub);
    await done(staff);
  });
});

describe('a round with focused subjects', () => {
  it('at 1920: the province creates a round evaluating Qiqihar in focus (重点) on one criterion; the ranking marks it and leaves the other criteria unscored', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(page, '/plans/evaluation', 'plans-evaluation');
    await page.getByTestId('round-new').click();
    await page.getByTestId('round-unit').click();
    await page.locator('.ant-select-tree-node-content-wrapper').getByText('黑龙江省', { exact: true }).first().click();
    await page.getByTestId('round-version').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '实施评估方案' }).first().click();
    const name = `重点评估浏览器测试${Date.now() % 100000}`;
    await page.getByTestId('round-name').fill(name);
    await page.getByTestId('round-focused').click();
    await page.keyboard.type('齐齐哈尔');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="齐齐哈尔市"]').first().click();
    await page.locator('.ant-modal-title:visible').click(); // closes the dropdown, not the dialog
    await page.getByTestId('round-focus-criteria').click();
    await page.keyboard.type('Q1');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '公共机构节能目标完成情况' }).first().click();
    await page.locator('.ant-modal-title:visible').click();
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/plans/rounds');
    await page.getByTestId('round-ok').click();
    expect((await created).status()).toBe(200);
    await poll(() => page.getByTestId('round-select').innerText()).toContain(name);
    await page.getByRole('tab', { name: '排名' }).click();
    const row = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row', { hasText: '齐齐哈尔市' }).first();
    await poll(() => row.innerText()).toContain('重点');
    // Q1 is scored; the other four criteria are not evaluated for Qiqihar (不评).
    expect((await row.innerText()).match(/不评/g)).toHaveLength(4);
    const full = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row', { hasText: '哈尔滨市' }).first();
    expect(await full.innerText()).not.toContain('不评');
    await screenshot(page, 'plans-round-focused-1920');
    await done(page);
  });
});
