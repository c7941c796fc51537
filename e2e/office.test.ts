import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { done, menuItems, open, pageReady, PHONE, horizontalOverflow, screenshot, signedIn, useBrowser } from './browser';

/**
 * Office space as its users see it: the bureau drills down from the province to a room, an organ
 * admin walks its building floor by floor, a rectification case is closed through an approval,
 * an allocation request is answered with a vacant room and a certificate, and a room is vacated.
 */
const browser = useBrowser();

/** Picks an organ in a tree select, again if the click landed before the tree was ready (under load). */
async function pickOrgan(page: Page, select: ReturnType<Page['locator']>, name: string): Promise<void> {
  await expect.poll(async () => {
    if (!(await select.innerText()).includes(name)) {
      await select.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').getByText(name, { exact: true }).first().click({ timeout: 10_000 }).catch(() => undefined);
    }
    return (await select.innerText()).includes(name);
  }, { timeout: 60_000, interval: 2000 }).toBe(true);
}

/** The approval id from a row's "查看审批" link. */
async function approvalIdIn(page: Page, testId: string): Promise<number> {
  const href = await page.getByTestId(testId).getByRole('link', { name: '查看审批' }).first().getAttribute('href');
  return Number(/id=(\d+)/.exec(href ?? '')![1]);
}

async function approve(page: Page, id: number, shows: string[] = []): Promise<void> {
  await open(page, `/approvals?id=${id}`, 'approvals');
  // The approver decides with the office's facts in front of them (the module's view inside the request).
  for (const text of shows) await page.getByTestId('office-approval-view').getByText(text).first().waitFor();
  await page.getByTestId('approval-approve').click();
  // The decision runs the module's callback in its transaction; on a loaded machine that takes seconds.
  await expect.poll(() => page.getByTestId('approval-approve').count(), { timeout: 30_000 }).toBe(0);
}

describe('office space', () => {
  it('the province bureau drills down from the province to an organ’s offices', async () => {
    const page = await signedIn(browser(), 'hlj.staff');
    expect(await menuItems(page)).toContain('办公用房');
    await open(page, '/office/compliance', 'office-compliance');
    await page.getByTestId('compliance-chart').locator('canvas').waitFor();
    const rate = await page.getByTestId('stat-rate').innerText();
    expect(rate).toMatch(/\d+(\.\d+)?%/);
    // The table as shown (the province's prefectures, today) is one click away as a workbook.
    const shownRows = await page.getByTestId('compliance-table').locator('tbody tr.ant-table-row').count();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('compliance-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('达标情况');
    expect(ws.actualRowCount - 1).toBe(shownRows);
    const names = Array.from({ length: shownRows }, (_, i) => String(ws.getRow(i + 2).getCell(1).value));
    expect(names).toContain('哈尔滨市');
    expect(names).toContain('齐齐哈尔市');
    await page.getByTestId('compliance-table').getByText('哈尔滨市', { exact: true }).click();
    await expect.poll(() => page.getByTestId('compliance-trail').innerText()).toContain('哈尔滨市');
    await page.getByTestId('compliance-table').getByText('哈尔滨市财政局', { exact: true }).click();
    await page.getByTestId('room-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('compliance-trail').innerText()).toMatch(/黑龙江省.*哈尔滨市.*哈尔滨市财政局/s);
    expect(await page.getByTestId('room-table').innerText()).toContain('达标');
    // The organ's service rooms per head, against the standard for its level.
    expect(await page.getByTestId('service-card').innerText()).toMatch(/服务用房人均面积/);
    // Any past day can be viewed: the page reads as of the chosen date.
    await page.getByTestId('as-of-date').click();
    // A day of the previous month: always in the past, whatever today is.
    await page.locator('.ant-picker-dropdown .ant-picker-header-prev-btn').click();
    await page.locator('.ant-picker-dropdown .ant-picker-cell-in-view:not(.ant-picker-cell-disabled)').first().click();
    await page.getByTestId('as-of-past').waitFor();
    await page.getByTestId('room-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'office-compliance');
    await done(page);
  });

  it('an organ admin sees its own offices under the compliance figures', async () => {
    const page = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/compliance', id: 'office-compliance' });
    const table = page.getByTestId('room-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.innerText()).toContain('黑龙江省财政厅');
    // Every office the organ has in use is listed, occupied or not (the card counts those assessed against the
    // standard, so it can be fewer: other tests add empty offices); the organ admin's scope is its own organ.
    const inUse = Number((await page.getByTestId('stat-offices').innerText()).replace(/\D/g, ''));
    expect(inUse).toBeGreaterThan(0);
    const all = await page.evaluate(async () => ((await (await fetch('/api/office/rooms?roomClass=office&status=in_use&page=1&pageSize=1')).json()) as { total: number }).total);
    expect(all).toBeGreaterThanOrEqual(inUse);
    await expect.poll(async () => Number((await page.locator('.ant-pagination-total-text').innerText()).replace(/\D/g, ''))).toBe(all);
    await done(page);
  });

  it('an organ admin walks its building floor by floor and opens a room on the plan', async () => {
    const page = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/registry', id: 'office-registry' });
    const tree = page.getByTestId('building-tree');
    await tree.getByText(/黑龙江省财政厅办公楼/).first().waitFor();
    // The department's main building (other tests may add buildings to the tree before it).
    await tree.locator('.ant-tree-treenode', { hasText: /黑龙江省财政厅办公楼/ }).first().locator('.ant-tree-switcher').click();
    await tree.getByText(/^2层/).click();
    await page.getByTestId('view-switch').getByText('平面示意').click();
    const plan = page.getByTestId('floor-plan');
    await plan.waitFor();
    expect(await plan.locator('g[data-testid^="plan-room-"]').count()).toBe(8);
    await plan.locator('[data-testid="plan-room-201"]').click();
    const drawer = page.getByTestId('room-drawer');
    await drawer.getByTestId('room-verdict').waitFor();
    expect(await drawer.innerText()).toContain('使用人员');
    await screenshot(page, 'office-floor-plan');
    await done(page);
  });

  it('an organ admin records a new building, floor and room, and a bad area is refused', async () => {
    const page = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/registry', id: 'office-registry' });
    await page.getByTestId('building-create').click();
    // The keeping organ defaults to the admin's own organ.
    await page.getByTestId('registry-form').getByText('黑龙江省财政厅').waitFor();
    await page.getByTestId('building-code').fill('E2E-1');
    await page.getByTestId('building-name').fill('测试新楼');
    await page.getByTestId('building-gross').fill('1500');
    await page.getByTestId('registry-form-ok').click();
    await page.getByTestId('building-tree').getByText('测试新楼(E2E-1)').click();
    await page.getByTestId('floor-create').click();
    await page.getByTestId('registry-form').locator('input').first().fill('3');
    await page.getByTestId('registry-form').locator('input').nth(1).fill('3层');
    await page.getByTestId('registry-form-ok').click();
    const tree = page.getByTestId('building-tree');
    await tree.locator('.ant-tree-treenode', { hasText: '测试新楼' }).locator('.ant-tree-switcher').click();
    await tree.getByText(/^3层/).click();
    await page.getByTestId('room-create').click();
    await page.getByTestId('room-form-number').fill('301');
    await page.getByTestId('room-form-usable').fill('30');
    await page.getByTestId('room-form-gross').fill('20');
    await page.getByTestId('room-form-ok').click();
    await page.getByText(/建筑面积不小于使用面积/).waitFor();
    await page.getByTestId('room-form-gross').fill('40');
    await page.getByTestId('room-form-ok').click();
    await page.getByTestId('room-table').getByText('301', { exact: true }).waitFor();
    // A floor with a room cannot be deleted; one entered by mistake can, after a confirmation, and the open tree follows.
    expect(await page.getByTestId('floor-delete').count()).toBe(0);
    await page.getByTestId('floor-create').click();
    await page.getByTestId('registry-form').locator('input').first().fill('9');
    await page.getByTestId('registry-form').locator('input').nth(1).fill('9层误录');
    // A hurried double click saves once and shows no "already exists" error from a second request.
    await page.getByTestId('registry-form-ok').dblclick();
    await tree.getByText(/^9层误录/).click();
    await page.waitForTimeout(1000);
    expect(await page.getByText('该建筑已有此楼层').count()).toBe(0);
    await page.getByTestId('floor-delete').click();
    await page.getByTestId('floor-delete-ok').click();
    await page.getByText('已删除楼层“9层误录”').waitFor();
    await tree.getByText(/^9层误录/).waitFor({ state: 'detached' });
    expect(await tree.locator('.ant-tree-treenode', { hasText: '3层(' }).count()).toBe(1);
    await done(page);
  });

  it('a rectification case is closed through an approval', async () => {
    const staff = await signedIn(browser(), 'hlj.staff', undefined, { path: '/office/cases', id: 'office-cases' });
    await staff.getByTestId('rect-sweep').click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await staff.getByText(/已对 \d+ 间超标办公室立案整改/).waitFor();

    const organ = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/cases', id: 'office-cases' });
    const table = organ.getByTestId('rect-table');
    await table.locator('button[data-testid^="rect-close-"]').first().click();
    await organ.getByTestId('rect-measures').fill('将超出部分隔为小会议室,已完成改造');
    await organ.getByTestId('rect-close-ok').click();
    await organ.getByText('已提交销号申请').waitFor();
    await organ.getByTestId('rect-status').click();
    await organ.locator('.ant-select-item-option').getByText('销号审批中').click();
    await table.getByText('销号审批中').first().waitFor();
    const approvalId = await approvalIdIn(organ, 'rect-table');

    await approve(staff, approvalId, ['将超出部分隔为小会议室,已完成改造', '超标面积']);
    await open(organ, '/office/cases', 'office-cases');
    await organ.getByTestId('rect-status').click();
    await organ.locator('.ant-select-item-option').getByText('已销号').click();
    await expect.poll(async () => (await approvalIdIn(organ, 'rect-table').catch(() => 0)) === approvalId).toBe(true);
    await done(staff);
    await done(organ);
  });

  it('an allocation request is answered with a vacant room and a printable certificate', async () => {
    const organ = await signedIn(browser(), 'bx.organ', undefined, { path: '/office/cases?tab=requests', id: 'office-cases' });
    await organ.getByTestId('request-new-allocation').click();
    const form = organ.getByTestId('request-form');
    // The organ is chosen before the form is filled (under load the pick can lag the click).
    await pickOrgan(organ, form.locator('.ant-select').first(), '宾县财政局');
    await organ.getByTestId('request-area').fill('36');
    await organ.getByTestId('request-headcount').fill('3');
    await organ.getByTestId('request-reason').fill('新增编制 3 人,现有办公室不足');
    await organ.getByTestId('request-form-ok').click();
    // Submitted: the form closes (the toast it shows may already be gone on a slow machine).
    await form.waitFor({ state: 'hidden' });
    await done(organ);

    const page = await signedIn(browser(), 'bx.staff', undefined, { path: '/office/cases?tab=requests', id: 'office-cases' });
    const table = page.getByTestId('request-table');
    await table.locator('button[data-testid^="request-suggest-"]').first().click();
    // The rules' order: a vacant room fits, so the reviewer is told to reassign (调剂) first.
    expect(await page.getByTestId('suggestion-recommended').innerText()).toContain('建议:调剂');
    const suggestions = page.getByTestId('suggestion-table');
    await suggestions.locator('button[data-testid^="propose-"]').first().click();
    await suggestions.getByText('已选定').waitFor();
    await page.keyboard.press('Escape');
    const approvalId = await approvalIdIn(page, 'request-table');
    await approve(page, approvalId, ['申请分配用房', '需求面积']);
    await open(page, '/office/cases?tab=requests', 'office-cases');
    await table.getByTestId('request-path').first().waitFor();
    expect(await table.getByTestId('request-path').first().innerText()).toBe('调剂');
    await table.locator('a[data-testid^="request-certificate-"]').first().click();
    await pageReady(page, 'office-certificate');
    expect(await page.getByTestId('certificate').innerText()).toMatch(/办分配〔\d{4}〕\d{5}号[\s\S]*宾县财政局/);
    await screenshot(page, 'office-certificate');
    await done(page);
  });

  it('a county organ reports a retired person’s room vacated and the bureau approves it', async () => {
    const organ = await signedIn(browser(), 'bx.organ', undefined, { path: '/office/cases?tab=vacate', id: 'office-cases' });
    const table = organ.getByTestId('vacate-table');
    await table.getByText(/剩 \d+ 天|逾期 \d+ 天/).first().waitFor();
    const before = await table.locator('tbody tr.ant-table-row').count();
    const row = table.locator('tbody tr.ant-table-row', { has: organ.locator('button[data-testid^="vacate-report-"]') }).first();
    const person = (await row.locator('td').first().innerText()).trim();
    await row.locator('button[data-testid^="vacate-report-"]').click();
    await organ.getByTestId('vacate-note').fill('钥匙已交回,家具清点完毕');
    await organ.getByTestId('vacate-report-ok').click();
    // Reported, not yet vacated: the row waits for the bureau with a link to the approval.
    await table.getByText(/腾退审批中/).first().waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(before);
    const approvalId = await approvalIdIn(organ, 'vacate-table');

    const staff = await signedIn(browser(), 'bx.staff');
    await approve(staff, approvalId, [person, '钥匙已交回,家具清点完毕']);
    await done(staff);

    await open(organ, '/office/cases?tab=vacate', 'office-cases');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(before - 1);
    await organ.getByTestId('vacate-filter').getByText('全部').click();
    const doneRow = table.locator('tbody tr.ant-table-row', { hasText: person }).filter({ hasText: '已腾退' });
    await doneRow.first().waitFor();
    await done(organ);
  });

  it('an organ imports its own ledger and the reconciliation lists every difference with the master ledger', async () => {
    const page = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/reports', id: 'office-reports' });
    // The organ's id and one of its buildings, as the registry API shows them to this admin.
    const own = await page.evaluate(async () => (await (await fetch('/api/office/buildings?page=1&pageSize=1')).json()) as { items: { orgUnitId: number; code: string }[] });
    const organId = own.items[0]!.orgUnitId;
    const year = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['申报单位(统一社会信用代码或编号)', '年度', '建筑编码', '房间号', '用房类别', '使用面积(m²)']);
    ws.addRow([String(organId), year, 'E2E-LEDGER', '901', '办公室', 20]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByTestId('recon-import').click();
    // Pick the ledger kind; a click that lands while the drop-down is still opening is tried again.
    const kind = page.getByTestId('office-import-kind');
    await expect.poll(async () => {
      if (!(await kind.innerText()).includes('单位台账')) {
        await kind.click();
        await page.locator('.ant-select-item-option').getByText('单位台账(账账)').click({ timeout: 5_000 }).catch(() => undefined);
      }
      return (await kind.innerText()).includes('单位台账');
    }, { timeout: 45_000 }).toBe(true);
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'ledger.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByTestId('office-import-submit').click();
    // Imported (a loaded machine may take a while); a row error would show instead and fail here with its text.
    await page.getByTestId('office-import-done').or(page.getByTestId('office-import-error')).first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('office-import-error').count(), await page.locator('.ant-modal').first().innerText()).toBe(0);
    await page.getByTestId('office-import-done').getByRole('button').click();

    await page.getByTestId('recon-ledger-year').click();
    await page.locator('.ant-select-item-option').getByText(`${year} 年`, { exact: false }).first().click();
    const table = page.getByTestId('recon-table');
    // The declared room is unknown to the bureau's ledger; the organ's recorded rooms are missing from its declaration.
    await table.getByText('账账:总账无此房间').first().waitFor();
    await table.getByText('账账:单位台账未列').first().waitFor();
    expect(await table.innerText()).toContain('E2E-LEDGER');
    await screenshot(page, 'office-reconciliation');
    await done(page);
  });

  it('the vacancy pool and the area standard read well on a phone', async () => {
    const page = await signedIn(browser(), 'hrb.staff', PHONE, { path: '/office/vacancy', id: 'office-vacancy' });
    await page.getByTestId('room-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('room-table').innerText()).toContain('空置');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await open(page, '/office/standards', 'office-standards');
    const std = await page.getByTestId('standard-table').innerText();
    expect(std).toContain('正处级');
    expect(std).toContain('54');
    expect(await page.getByTestId('service-standard-table').innerText()).toMatch(/≤ 8[\s\S]*黑发改投资〔2015〕43号|黑发改投资〔2015〕43号[\s\S]*≤ 8/);
    await done(page);
  });
});
