import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { done, open, pageReady, pageTitle, signedIn, useBrowser } from './browser';

/**
 * 公共机构节能 as its people use it: the Bin County finance bureau fills in a quarter and submits,
 * the county bureau returns it with a reason, the filler corrects and resubmits, the reviewer
 * accepts; the province bureau reads the dashboard and drills down to an institution.
 */
const browser = useBrowser();

async function q1Id(page: Page): Promise<number> {
  const periods = (await page.evaluate(() => fetch('/api/energy/periods').then((r) => r.json()))) as { id: number; kind: string; year: number }[];
  return periods.find((p) => p.kind === 'quarterly' && p.year === 2026)!.id;
}

async function fillMonth(page: Page, month: string, kwh: string): Promise<void> {
  await open(page, `/energy/entry?month=${month}`, 'energy-entry');
  await page.getByRole('spinbutton', { name: '电力 实物量' }).fill(kwh);
  await page.getByRole('spinbutton', { name: '电力 金额(元)' }).fill('3900');
  await page.getByRole('spinbutton', { name: '水 实物量' }).fill('80');
  await page.getByRole('spinbutton', { name: '水 金额(元)' }).fill('360');
  await page.getByTestId('entry-save').click();
  await page.getByText(`${month} 数据已保存`).waitFor();
}

describe('energy reporting in the browser', () => {
  it('the filler enters a quarter month by month and submits it; the months lock', async () => {
    const page = await signedIn(browser(), 'bx.organ');
    await open(page, '/energy/entry?month=2026-01', 'energy-entry');
    expect(await pageTitle(page)).toBe('能耗填报');
    expect(await page.getByTestId('entry-institution').innerText()).toContain('宾县财政局');
    for (const [m, kwh] of [['2026-01', '5200'], ['2026-02', '4800'], ['2026-03', '4500']] as const) await fillMonth(page, m, kwh);
    // A month already saved shows its figures again.
    await open(page, '/energy/entry?month=2026-02', 'energy-entry');
    await expect.poll(() => page.getByRole('spinbutton', { name: '电力 实物量' }).inputValue()).toBe('4800');
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toContain('待审核');
    await page.getByTestId('entry-locked').waitFor();
    expect(await page.getByRole('spinbutton', { name: '电力 实物量' }).isDisabled()).toBe(true);
    await done(page);
  });

  it('the county bureau returns it with a reason; the filler corrects and resubmits; the bureau accepts', async () => {
    const reviewer = await signedIn(browser(), 'bx.staff');
    const period = await q1Id(reviewer);
    await open(reviewer, `/energy/review?period=${period}`, 'energy-review');
    const row = reviewer.getByTestId('review-table').getByRole('row', { name: /宾县财政局/ });
    await expect.poll(() => row.innerText()).toContain('待审核');
    await row.getByRole('button', { name: /退\s*回/ }).click();
    await reviewer.getByTestId('return-reason').fill('1 月电费与电量不符,请核对');
    await reviewer.locator('#return-confirm').click();
    await expect.poll(() => row.innerText()).toContain('已退回');
    expect(await row.innerText()).toContain('1 月电费与电量不符');

    const filler = await signedIn(browser(), 'bx.organ');
    await open(filler, '/energy/entry?month=2026-01', 'energy-entry');
    await expect.poll(() => filler.getByTestId('report-return-reason').innerText()).toContain('1 月电费与电量不符,请核对');
    await filler.getByRole('spinbutton', { name: '电力 实物量' }).fill('5300');
    await filler.getByTestId('entry-save').click();
    await filler.getByText('2026-01 数据已保存').waitFor();
    await filler.getByTestId('report-submit').click();
    await expect.poll(() => filler.getByTestId('report-status').innerText()).toContain('待审核');
    await done(filler);

    await open(reviewer, `/energy/review?period=${period}`, 'energy-review');
    const again = reviewer.getByTestId('review-table').getByRole('row', { name: /宾县财政局/ });
    await again.getByRole('button', { name: /通\s*过/ }).click();
    await expect.poll(() => again.innerText()).toContain('已通过');
    // Who has not reported: the switch keeps only those still owing the report.
    await reviewer.getByTestId('review-only-missing').click();
    await expect.poll(() => reviewer.getByTestId('review-table').innerText()).not.toContain('宾县财政局');
    await done(reviewer);
  });

  it('the province bureau reads the dashboard and drills down province → prefecture → county → institution', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/dashboard?year=2025', 'energy-dashboard');
    expect(await page.getByTestId('dashboard-unit').innerText()).toBe('黑龙江省');
    await expect.poll(() => page.getByTestId('dashboard-kpis').innerText()).toMatch(/综合能耗\(tce\)\s*[\d,]+/);
    await pageReady(page, 'energy-dashboard');
    await page.getByTestId('chart-ranking').locator('canvas').first().waitFor();
    await page.getByTestId('chart-progress').locator('canvas').first().waitFor();
    const table = page.getByTestId('dashboard-table');
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThanOrEqual(14); // header + 13 prefectures + provincial organs
    expect(await table.innerText()).toContain('大兴安岭地区');
    await table.getByRole('button', { name: '哈尔滨市', exact: true }).click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toBe('哈尔滨市');
    await pageReady(page, 'energy-dashboard');
    await table.getByRole('button', { name: '宾县', exact: true }).click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toBe('宾县');
    await table.getByRole('button', { name: '宾县财政局' }).click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toBe('宾县财政局');
    await expect.poll(() => page.getByTestId('dashboard-kpis').innerText()).toMatch(/人均综合能耗\(kgce\/人\)\s*[\d,.]+/);
    await page.getByTestId('dashboard-up').click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toBe('宾县');
    await done(page);
  });

  it('the province bureau sees its targets and their progress on the path to 2025', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/targets?year=2025', 'energy-targets');
    const table = page.getByTestId('targets-table');
    await expect.poll(() => table.innerText()).toContain('单位建筑面积能耗');
    expect(await table.innerText()).toContain('−5%');
    expect(await table.innerText()).toMatch(/进度正常|进度滞后|超出约束值/);
    await done(page);
  });

  it('the filler enters a bill spanning two months and sees it pro-rated by days before and after saving', async () => {
    const page = await signedIn(browser(), 'bx.organ');
    await open(page, '/energy/entry?month=2026-04', 'energy-entry');
    await page.getByTestId('energy-bill').click();
    const dialog = page.getByRole('dialog');
    const range = dialog.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill('2026-04-15');
    await range.nth(0).press('Enter');
    await range.nth(1).fill('2026-05-14');
    await range.nth(1).press('Enter');
    await page.locator('input[data-testid="bill-quantity"], [data-testid="bill-quantity"] input').fill('3000');
    await page.locator('input[data-testid="bill-cost"], [data-testid="bill-cost"] input').fill('2250');
    // 15–30 April: 16 of 30 days → 1 600 kWh and 1 200 yuan; 1–14 May: the remaining 1 400 kWh and 1 050 yuan.
    const preview = page.getByTestId('bill-preview');
    await expect.poll(() => preview.innerText()).toMatch(/2026-04\s+16\s+1,600\s+1,200/);
    expect(await preview.innerText()).toMatch(/2026-05\s+14\s+1,400\s+1,050/);
    await page.locator('#bill-save').click();
    await page.getByText('账单已保存,已分摊到 2 个月').waitFor();
    await expect.poll(() => page.getByRole('spinbutton', { name: '电力 实物量' }).inputValue()).toBe('1600');
    expect(await page.getByRole('spinbutton', { name: '电力 实物量' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('page-energy-entry').innerText()).toContain('账单分摊');
    await open(page, '/energy/entry?month=2026-05', 'energy-entry');
    await expect.poll(() => page.getByRole('spinbutton', { name: '电力 实物量' }).inputValue()).toBe('1400');
    await done(page);
  });

  it('the province bureau corrects a CO₂ factor, sees what it affects, and the dashboard figure changes', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/dashboard?year=2025', 'energy-dashboard');
    const co2 = async () => {
      const m = /单位面积碳排放\(kgCO₂\/m²\)\s*([\d,.]+)/.exec(await page.getByTestId('dashboard-kpis').innerText());
      return m ? Number(m[1]!.replace(/,/g, '')) : null;
    };
    await expect.poll(co2).not.toBeNull();
    const before = (await co2())!;
    const factors = (await page.evaluate(() => fetch('/api/energy/factors?kind=co2').then((r) => r.json()))) as { id: number; energyType: string; region: string; year: number }[];
    const northeast = factors.find((f) => f.energyType === 'electricity' && f.region === 'northeast' && f.year === 2022)!;
    await open(page, '/energy/factors', 'energy-factors');
    await page.getByTestId(`factor-edit-${northeast.id}`).click();
    await expect.poll(() => page.getByTestId('factor-affects').innerText()).toContain('2022–以后');
    await page.locator('input[data-testid="factor-edit-value"], [data-testid="factor-edit-value"] input').fill('0.7');
    await page.getByTestId('factor-edit-source').fill('测试:按复核结果更正');
    await page.locator('#factor-edit-save').click();
    await page.getByText('因子已保存').first().waitFor();
    await open(page, '/energy/dashboard?year=2025', 'energy-dashboard');
    await expect.poll(co2).toBeGreaterThan(before);
    await done(page);
  });
});
