import { describe, expect, it } from 'vitest';
import { done, open, pageReady, signedIn, useBrowser } from './browser';

/** Targets and the reporting chain's deadlines as a prefecture bureau uses them: cascade with the sum checked; a new period; 催报. */
const browser = useBrowser();

type Target = { id: number; orgUnitId: number; indicator: string; tier: string; reductionPct: number };

describe('energy targets and deadlines in the browser', () => {
  it('a prefecture bureau cascades its binding target by hand (refused while the weighted sum falls short), then evenly', async () => {
    const page = await signedIn(browser(), 'qqhr.staff');
    await open(page, '/energy/targets?year=2025', 'energy-targets');
    const qq = ((await page.evaluate(() => fetch('/api/org/units/search?q=齐齐哈尔市').then((r) => r.json()))) as { id: number; name: string; kind: string }[]).find((u) => u.name === '齐齐哈尔市' && u.kind === 'region')!;
    const own = ((await page.evaluate((id) => fetch(`/api/energy/targets?unitId=${id}`).then((r) => r.json()), qq.id)) as Target[])
      .find((x) => x.orgUnitId === qq.id && x.indicator === 'per_area' && x.tier === 'binding')!;
    const kids = (await page.evaluate((id) => fetch(`/api/energy/targets/${id}/children`).then((r) => r.json()), own.id)) as { orgUnitId: number; name: string }[];
    expect(kids.length).toBeGreaterThan(1);

    const table = page.getByTestId('targets-table');
    const row = table.getByRole('row', { name: /齐齐哈尔市.*单位建筑面积能耗.*约束值/ }).first();
    await row.getByRole('button', { name: '分解到下级' }).click();
    const dialog = page.getByRole('dialog', { name: '分解到下级' });
    await dialog.getByText('逐个填写(校验加权合计)').click();
    // Every county keeps the parent's figure except the first, which takes 1 %: the weighted sum falls short.
    await dialog.getByRole('spinbutton').first().waitFor();
    await dialog.getByRole('spinbutton').first().fill('1');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/低于上级目标/).first().waitFor();
    expect(await dialog.isVisible()).toBe(true);
    const stillNone = ((await page.evaluate((id) => fetch(`/api/energy/targets?unitId=${id}`).then((r) => r.json()), kids[0]!.orgUnitId)) as Target[])
      .filter((x) => x.indicator === 'per_area' && x.tier === 'binding' && x.reductionPct === 1);
    expect(stillNone).toEqual([]);

    await dialog.getByText('平均分解').click();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Each county now carries the parent's reduction, and shows in the table with its progress.
    await expect.poll(() => table.innerText()).toContain(kids[0]!.name);
    const first = ((await page.evaluate((id) => fetch(`/api/energy/targets?unitId=${id}`).then((r) => r.json()), kids[0]!.orgUnitId)) as Target[])
      .find((x) => x.indicator === 'per_area' && x.tier === 'binding')!;
    expect(first.reductionPct).toBe(own.reductionPct);
    await done(page);
  });

  it('the province bureau opens an annual period (due March 31 by default), sees who has not reported and sends reminders', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/review', 'energy-review');
    // A year from the clock (Shanghai), two years ahead so no seeded period has it.
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) + 2;
    await page.getByTestId('period-add').click();
    const dialog = page.getByRole('dialog', { name: '新增报送期' });
    await dialog.getByTestId('period-kind').click();
    await page.locator('.ant-select-item-option[title="年报"]').click();
    await dialog.getByRole('spinbutton').first().fill(String(year));
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已创建 1 个报送期').waitFor();
    const periods = (await page.evaluate(() => fetch('/api/energy/periods').then((r) => r.json()))) as { id: number; kind: string; year: number; dueOn: string }[];
    const annual = periods.find((p) => p.kind === 'annual' && p.year === year)!;
    expect(annual.dueOn).toBe(`${year + 1}-03-31`);

    await open(page, `/energy/review?period=${annual.id}`, 'energy-review');
    await pageReady(page, 'energy-review');
    await expect.poll(async () => Number(/(\d+)/.exec(await page.getByTestId('review-missing-count').innerText())?.[1] ?? 0)).toBeGreaterThan(0);
    await page.getByTestId('review-remind').click();
    const sent = page.getByText(/已提醒 \d+ 人/).first();
    await sent.waitFor();
    expect(Number(/已提醒 (\d+) 人/.exec(await sent.innerText())![1])).toBeGreaterThan(0);
    await done(page);
  });
});
