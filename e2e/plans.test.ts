import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { done, horizontalOverflow, open, pageReady, screenshot, signedIn, useBrowser, PHONE, type Viewport } from './browser';

/**
 * Plans as the province bureau uses them: reporting progress on the Heilongjiang plan, scoring
 * the prefectures in the open round, and the leaders' cockpit — each on a 1920 wall/desktop
 * screen and a 375 px phone.
 */
const browser = useBrowser();
const WIDE: Viewport = { width: 1920, height: 1080 };
const HLJ = '黑龙江省机关事务工作“十四五”规划';

async function pickOption(page: Page, selectTestId: string, label: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

async function openHljPlan(page: Page): Promise<void> {
  await open(page, '/plans', 'plans');
  await page.getByText(HLJ, { exact: true }).first().click();
  await expect.poll(() => page.getByTestId('plan-name').innerText()).toBe(HLJ);
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
    await expect.poll(() => page.getByTestId('item-timeline').innerText()).toContain('制度草案已报省政府常务会议审议');
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
    await page.getByTestId('report-submit').click();
    await page.getByText('已填报').waitFor();
    await expect.poll(() => page.getByTestId('item-drawer').innerText()).toContain('11 项');
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
    await expect.poll(() => row.innerText()).toMatch(/\b20\b/);
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
    await expect.poll(() => rows.count()).toBe(13);
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await page.getByText('公共机构节能目标完成情况').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-scoring-375');
    await done(page);
  });
});

describe('cockpit', () => {
  it('at 1920 in wall-display mode: headline figures, plan progress, alerts and the ranking fill one screen', async () => {
    const page = await signedIn(browser(), 'hlj.staff', WIDE);
    await open(page, '/plans/cockpit', 'plans-cockpit');
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

  it('at 375: the cockpit stacks for a phone and a figure drills into its module', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    await open(page, '/plans/cockpit', 'plans-cockpit');
    await page.getByTestId('metric-plans.task_on_track_rate').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'plans-cockpit-375');
    await page.getByTestId('metric-plans.task_on_track_rate').click();
    await pageReady(page, 'plans');
    await done(page);
  });
});
