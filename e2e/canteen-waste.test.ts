import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { done, open, signedIn, useBrowser } from './browser';

/** The food-waste records list (filters, paging, Excel) and a returned subsidy batch, as users see them. */
const browser = useBrowser();

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}
const column = async (page: Page, index: number) => page.getByTestId('waste-table').locator('tbody tr.ant-table-row').evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement).innerText), index);

describe('food-waste records', () => {
  it('kitchen staff filter the records by meal and stage, page through them and export what they see', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/waste', id: 'canteen-waste' });
    const table = page.getByTestId('waste-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('waste-totals').innerText(), { timeout: 15_000 }).toContain('记录数');
    const firstPage = await column(page, 0);
    expect(firstPage).toHaveLength(20);
    // Newest first, within the last 30 days (the demo's tallies end yesterday).
    expect([...firstPage].sort().reverse()).toEqual(firstPage);
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(async () => (await column(page, 0))[0]! <= firstPage[19]!, { timeout: 15_000 }).toBe(true);
    // Lunch only, plate leftovers weighed: every row is a lunch with a plate figure; back to page 1.
    await pick(page, 'waste-meal', '午餐');
    await expect.poll(async () => new Set(await column(page, 2)), { timeout: 15_000 }).toEqual(new Set(['午餐']));
    await pick(page, 'waste-stage', '餐盘剩余');
    await expect.poll(async () => (await column(page, 6)).every((v) => /^\d+\.\d{3}$/.test(v)), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.ant-pagination-item-active').innerText()).toBe('1');
    const total = Number(/(\d+)/.exec(await page.locator('.ant-pagination-total-text').innerText())![1]);
    // Excel: the same filters, every matching record.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('就餐人次');
    expect(ws.rowCount - 1).toBe(total);
    ws.eachRow((row, n) => n > 1 && expect(row.getCell(3).value).toBe('午餐'));
    await done(page);
  });
});

describe('subsidy batches', () => {
  it('a batch returned by the bureau shows why; the canteen corrects and resubmits it', async () => {
    const cook = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    await cook.getByRole('tab', { name: '收银与补贴' }).click();
    // A month no other test uses.
    const month = cook.getByLabel('月份');
    await month.click();
    await month.fill('2031-05');
    await month.press('Enter');
    await cook.getByRole('button', { name: '发起补贴(需审批)' }).click();
    const pending = cook.getByTestId('batch-2031-05-pending');
    await pending.waitFor();
    const id = Number(/id=(\d+)/.exec((await pending.getByRole('link', { name: '查看审批' }).getAttribute('href'))!)![1]);

    const staff = await signedIn(browser(), 'hlj.staff');
    await open(staff, `/approvals?id=${id}`, 'approvals');
    // Sending it back without a reason is refused on the spot: the canteen would not learn why.
    await staff.getByTestId('approval-return').click();
    await staff.getByTestId('approval-reason-required').waitFor();
    expect(await staff.locator('.ant-modal-confirm').count()).toBe(0);
    await staff.getByTestId('approval-comment').fill('人数有误,请核对后重报');
    await expect.poll(() => staff.getByTestId('approval-reason-required').count()).toBe(0);
    await staff.getByTestId('approval-return').click();
    const decided = staff.waitForResponse((r) => r.url().includes(`/api/approvals/${id}/decide`), { timeout: 60_000 });
    await staff.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    const answer = await decided;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect.poll(() => staff.getByTestId('approval-return').count(), { timeout: 30_000 }).toBe(0);
    await done(staff);

    await cook.reload();
    await cook.getByRole('tab', { name: '收银与补贴' }).click();
    const returned = cook.getByTestId('batch-2031-05-returned');
    await returned.waitFor();
    expect(await returned.innerText()).toContain('已退回待更正');
    expect(await returned.innerText()).toContain('人数有误,请核对后重报');
    await returned.getByRole('button', { name: '更正后重新提交' }).click();
    await cook.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await cook.getByTestId('batch-2031-05-pending').waitFor({ timeout: 30_000 });
    expect(await cook.getByTestId('batch-2031-05-returned').count()).toBe(0);
    // The new request is a different one from the returned (now withdrawn) request.
    const again = Number(/id=(\d+)/.exec((await cook.getByTestId('batch-2031-05-pending').getByRole('link', { name: '查看审批' }).getAttribute('href'))!)![1]);
    expect(again).not.toBe(id);
    await done(cook);
  });
});
