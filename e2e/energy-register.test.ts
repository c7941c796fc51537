import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { done, open, pageReady, signedIn, useBrowser } from './browser';

/**
 * The public-institution register (公共机构名录) as the province bureau uses it: import the base form
 * 基本信息 (a bad row refuses the whole file; the corrected file imports), search and export the
 * register, read an institution's denominator history, add a dated version and see the dashboard's
 * per-capita figure follow it.
 */
const browser = useBrowser();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function basicSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基本信息');
  ws.addRow(['统一社会信用代码', '单位类别', '生效日期', '用能人数', '建筑面积(m²)', '供暖面积(m²)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Inst = { orgUnitId: number; uscc: string; denominator: { effectiveFrom: string; headcount: number; floorArea: number } | null };
const institution = async (page: Page, name: string): Promise<Inst> =>
  ((await page.evaluate((q) => fetch(`/api/energy/institutions?q=${encodeURIComponent(q)}`).then((r) => r.json()), name)) as { items: Inst[] }).items[0]!;

describe('the institution register in the browser', () => {
  it('imports the base form 基本信息: a bad row saves nothing and is listed; the corrected file imports', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/institutions', 'energy-institutions');
    const mdj = await institution(page, '牡丹江市财政局');
    const jms = await institution(page, '佳木斯市财政局');
    // A date from the clock: the first day of this year (Shanghai), later than every demo version.
    const jan1 = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())}-01-01`;

    await page.getByTestId('institution-import').click();
    const dialog = page.getByRole('dialog', { name: '导入《基本信息》基表' });
    await dialog.waitFor();
    // The embedded database has one connection: the template may wait behind a background job's query.
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await dialog.getByTestId('energy-basic-import-template').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    const bad = await basicSheet([[mdj.uscc, '机关', jan1, 321, 4321, 4000], [jms.uscc, '学校', jan1, 0, 5000, 4800]]);
    await dialog.getByTestId('energy-basic-import-file').locator('input[type=file]').setInputFiles({ name: '基本信息.xlsx', mimeType: XLSX, buffer: bad });
    await dialog.getByTestId('energy-basic-import-submit').click();
    await dialog.getByTestId('energy-basic-import-error').waitFor();
    expect(await dialog.getByTestId('energy-basic-import-error').innerText()).toContain('1 行有误');
    const errors = await dialog.getByTestId('energy-basic-import-errors').innerText();
    expect(errors).toMatch(/\b3\b/);
    expect(errors).toContain('用能人数');
    // Nothing saved, not even the good first row.
    expect((await institution(page, '牡丹江市财政局')).denominator?.headcount).not.toBe(321);

    const fixed = await basicSheet([[mdj.uscc, '机关', jan1, 321, 4321, 4000], [jms.uscc, '学校', jan1, 654, 5000, 4800]]);
    await dialog.getByTestId('energy-basic-import-file').locator('input[type=file]').setInputFiles({ name: '基本信息.xlsx', mimeType: XLSX, buffer: fixed });
    await dialog.getByTestId('energy-basic-import-submit').click();
    await dialog.getByTestId('energy-basic-import-done').waitFor();
    expect(await dialog.getByTestId('energy-basic-import-done').innerText()).toContain('已导入 2 行');
    await dialog.getByTestId('energy-basic-import-done').getByRole('button').click();
    await dialog.waitFor({ state: 'hidden' });

    // The register shows the imported category and denominators; search by credit code finds it.
    await page.getByTestId('institution-search').locator('input').fill(jms.uscc);
    await page.getByTestId('institution-search').locator('input').press('Enter');
    const row = page.getByTestId('institution-table').getByRole('row', { name: /佳木斯市财政局/ });
    await expect.poll(() => row.innerText()).toContain('654');
    expect(await row.innerText()).toContain(jan1);
    expect(await page.getByTestId(`institution-category-${jms.orgUnitId}`).innerText()).toContain('学校');
    await expect.poll(() => page.getByTestId('institution-table').locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);

    // Export of what is on screen (the filter): one row, this institution.
    const exported = page.waitForEvent('download');
    await page.getByTestId('institution-export').click();
    const file = await (await exported).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of file) chunks.push(c as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe('佳木斯市财政局');
    expect(ws.getRow(2).getCell(7).value).toBe(654);
    expect(ws.getRow(3).getCell(1).value ?? null).toBeNull();
    await done(page);
  });

  it('shows an institution’s denominator history; a new dated version changes its per-capita figure on the dashboard', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    await open(page, '/energy/institutions', 'energy-institutions');
    const hg = await institution(page, '鹤岗市财政局');
    const old = hg.denominator!;
    const perCapita = async () => {
      const m = /人均综合能耗\(kgce\/人\)\s*([\d,.]+)/.exec(await page.getByTestId('dashboard-kpis').innerText());
      return m ? Number(m[1]!.replace(/,/g, '')) : null;
    };
    // 2025: the demo's last full year of data, valid whatever today is.
    await open(page, `/energy/dashboard?year=2025&unit=${hg.orgUnitId}`, 'energy-dashboard');
    await expect.poll(perCapita).not.toBeNull();
    const before = (await perCapita())!;

    await open(page, '/energy/institutions', 'energy-institutions');
    await page.getByTestId('institution-search').locator('input').fill('鹤岗市财政局');
    await page.getByTestId('institution-search').locator('input').press('Enter');
    await page.getByTestId(`institution-denominators-${hg.orgUnitId}`).click();
    const drawer = page.locator('.ant-drawer');
    const history = drawer.getByTestId('denominator-history');
    await expect.poll(() => history.innerText()).toContain('2020-01-01');
    const versionsBefore = await history.locator('.ant-table-tbody tr.ant-table-row').count();

    // A dated version from mid-2025: twice the people, same floor area.
    const headcount = old.headcount * 2;
    const date = drawer.getByLabel('生效日期');
    await date.click();
    await date.fill('2025-07-01');
    await date.press('Enter');
    await drawer.getByRole('spinbutton', { name: /用能人数/ }).fill(String(headcount));
    await drawer.getByRole('spinbutton', { name: /建筑面积/ }).fill(String(old.floorArea));
    await drawer.getByRole('spinbutton', { name: /供暖面积/ }).fill(String(old.floorArea));
    // The save's answer first (it may wait behind a background job), then the refreshed history.
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/energy/institutions/${hg.orgUnitId}/denominators`), { timeout: 60_000 });
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => history.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(versionsBefore + 1);
    expect(await history.innerText()).toContain('2025-07-01');
    expect(await drawer.getByTestId('denominator-current').innerText()).toContain('2025-07-01');

    // The year's per-capita figure divides by the people on 31 December: half of before, by hand.
    await open(page, `/energy/dashboard?year=2025&unit=${hg.orgUnitId}`, 'energy-dashboard');
    await pageReady(page, 'energy-dashboard');
    await expect.poll(perCapita).toBeCloseTo((before * old.headcount) / headcount, 1);
    await done(page);
  });
});
