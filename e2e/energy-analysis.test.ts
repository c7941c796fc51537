import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { done, open, pageReady, signedIn, useBrowser } from './browser';

/** 能耗分析 beyond the selected unit: the heating-season split of every row, and the equal-value view's missing coefficient. */
const browser = useBrowser();
const fmt = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

type Row = { key: string; name: string; heatingSeason: { inSeason: { totalTce: number }; outsideSeason: { totalTce: number } } | null };

describe('energy analysis in the browser', () => {
  it('shows every prefecture’s and every county’s energy inside and outside the heating season in the drill-down table and its summary export', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/dashboard?year=2025', 'energy-dashboard');
    await pageReady(page, 'energy-dashboard');
    const province = ((await page.evaluate(() => fetch('/api/org/units/search?q=黑龙江省').then((r) => r.json()))) as { id: number; name: string }[]).find((u) => u.name === '黑龙江省')!;
    const rows = (await page.evaluate((id) => fetch(`/api/energy/breakdown?unitId=${id}&year=2025&by=child`).then((r) => r.json()), province.id)) as Row[];
    const table = page.getByTestId('dashboard-table');
    await expect.poll(() => table.innerText()).toContain('采暖期内(tce)');
    expect(await table.innerText()).toContain('非采暖期(tce)');
    const prefectures = rows.filter((r) => r.heatingSeason && r.heatingSeason.inSeason.totalTce > 0);
    expect(prefectures.length).toBeGreaterThanOrEqual(13);
    for (const r of prefectures) {
      expect(await table.getByTestId(`season-in-${r.key}`).innerText(), r.name).toBe(fmt(r.heatingSeason!.inSeason.totalTce));
      expect(await table.getByTestId(`season-out-${r.key}`).innerText(), r.name).toBe(fmt(r.heatingSeason!.outsideSeason.totalTce));
    }

    // One level down: Harbin's counties and organs each carry their own split.
    await table.getByRole('button', { name: '哈尔滨市', exact: true }).click();
    await expect.poll(() => page.getByTestId('dashboard-unit').innerText()).toBe('哈尔滨市');
    await pageReady(page, 'energy-dashboard');
    const harbin = prefectures.find((r) => r.name === '哈尔滨市')!;
    const kids = (await page.evaluate((id) => fetch(`/api/energy/breakdown?unitId=${id}&year=2025&by=child`).then((r) => r.json()), Number(harbin.key))) as Row[];
    const bx = kids.find((r) => r.name === '宾县')!;
    await expect.poll(() => table.getByTestId(`season-in-${bx.key}`).innerText()).toBe(fmt(bx.heatingSeason!.inSeason.totalTce));
    expect(Number((await table.getByTestId(`season-in-${bx.key}`).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);

    // The summary form by region (按地区) carries the same split, one row per county or organ of Harbin.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-child').click();
    const chunks: Buffer[] = [];
    for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const inCol = header.indexOf('采暖期内综合能耗(tce)') + 1;
    expect(inCol).toBeGreaterThan(0);
    let bxRow = 0;
    ws.eachRow((r, n) => { if (r.getCell(1).value === '宾县') bxRow = n; });
    expect(bxRow).toBeGreaterThan(1);
    expect(Number(ws.getRow(bxRow).getCell(inCol).value)).toBeCloseTo(bx.heatingSeason!.inSeason.totalTce, 2);
    await done(page);
  });

  it('the equal-value view names the missing electricity coefficient and leads the bureau to the factors', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/dashboard?year=2025', 'energy-dashboard');
    await pageReady(page, 'energy-dashboard');
    await page.getByTestId('dashboard-method').click();
    await page.locator('.ant-select-item-option[title="等价值"]').click();
    await expect.poll(() => page.getByTestId('dashboard-error').innerText()).toContain('电力');
    await page.getByTestId('dashboard-error').getByRole('button', { name: '新增因子版本' }).click();
    await pageReady(page, 'energy-factors');
    await done(page);
  });
});
