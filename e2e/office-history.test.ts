import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { chooseOption, done, open, screenshot, signedIn, useBrowser } from './browser';

/**
 * Office space, third round: a building's dated history with an "as of" view, and a completed
 * construction project entering its building, floors and rooms into the registry.
 */
const browser = useBrowser();
/** Days derived from the clock in Asia/Shanghai, valid at any hour of any day. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

/** Calls the API as the signed-in user of the page (setup the screens under test do not cover). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, url, body }) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  }, { method, url, body }) as Promise<T>;
}

async function pickDate(scope: ReturnType<Page['locator']>, iso: string): Promise<void> {
  const input = scope.locator('.ant-picker input').first();
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

/** Sets the page's "as of" day, again if the typed date did not take (under load the picker can drop it). */
async function asOfDay(page: Page, scope: ReturnType<Page['locator']>, iso: string): Promise<void> {
  const tag = page.getByTestId('as-of-past');
  await expect.poll(async () => {
    const shown = (await tag.count()) > 0 ? await tag.innerText() : '';
    if (!shown.includes(iso)) {
      await page.keyboard.press('Escape');
      await pickDate(scope, iso);
    }
    return (await tag.count()) > 0 ? await tag.innerText() : '';
  }, { timeout: 60_000, interval: 2000 }).toContain(iso);
}

describe('office space: building history and completed projects', () => {
  it('a building’s history shows a change made today with who made it, and the building as it was the day before', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/office/registry', id: 'office-registry' });
    const b = (await call<{ items: { id: number }[] }>(page, 'GET', '/api/office/buildings?page=1&pageSize=1')).items[0]!;
    const full = await call<{ owner: string; floorList: { id: number; name: string; level: number }[] }>(page, 'GET', `/api/office/buildings/${b.id}`);
    const oldOwner = full.owner || '—';
    const top = full.floorList[0]!;
    // Today the owner is corrected and the top floor renamed, through the registry's forms.
    await open(page, `/office/registry?buildingId=${b.id}&floorId=${top.id}`, 'office-registry');
    await page.getByTestId('building-edit').click();
    const form = page.getByTestId('registry-form');
    await page.getByTestId('building-owner').fill('黑龙江省机关事务管理局(E2E)');
    await page.getByTestId('registry-form-ok').click();
    await form.waitFor({ state: 'hidden' });
    await page.getByTestId('floor-edit').click();
    await page.getByTestId('floor-edit-name').fill(`${top.name}(E2E 改名)`);
    await page.getByTestId('registry-form-ok').click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await call<{ owner: string }>(page, 'GET', `/api/office/buildings/${b.id}`)).owner, { timeout: 30_000 }).toBe('黑龙江省机关事务管理局(E2E)');
    await page.getByTestId('building-history-link').click();
    await page.getByTestId('page-office-building-history').waitFor();
    const timeline = page.getByTestId('building-timeline');
    const changed = timeline.getByTestId('building-event').filter({ hasText: '建筑信息变更' }).first();
    await changed.waitFor();
    expect(await changed.innerText()).toContain(`权属单位:${oldOwner} → 黑龙江省机关事务管理局(E2E)`);
    expect(await changed.innerText()).toContain('hlj.staff');
    const renamed = timeline.getByTestId('building-event').filter({ hasText: '楼层变更' }).first();
    expect(await renamed.innerText()).toContain(`${top.name} → ${top.name}(E2E 改名)`);

    // As of today: the new owner and floor name; as of yesterday: the old ones.
    const asOf = page.getByTestId('building-asof');
    await expect.poll(() => asOf.getByTestId('building-asof-attributes').innerText(), { timeout: 30_000 }).toContain('黑龙江省机关事务管理局(E2E)');
    expect(await asOf.getByTestId('building-asof-floors').innerText()).toContain(`${top.name}(E2E 改名)`);
    await asOfDay(page, asOf, day(-1));
    await expect.poll(() => asOf.getByTestId('building-asof-attributes').innerText(), { timeout: 30_000 }).not.toContain('(E2E)');
    expect(await asOf.getByTestId('building-asof-floors').innerText()).not.toContain('E2E 改名');
    expect(await asOf.getByTestId('building-asof-floors').innerText()).toContain(top.name);
    // The change made today is marked as after the chosen day.
    expect(await changed.innerText()).toContain('晚于所选日期');
    await screenshot(page, 'office-building-history');
    await done(page);
  });

  it('a completed construction project enters its building, floors and rooms, which exist from the completion day', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/office/cases?tab=followup', id: 'office-cases' });
    const project = (await call<{ id: number; status: string; buildingId: number | null }[]>(page, 'GET', '/api/office/projects')).find((p) => p.status === 'under_construction' && p.buildingId === null)!;
    expect(project).toBeDefined();
    // The project list exports to Excel as shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId(`project-complete-${project.id}`).click();
    const form = page.getByTestId('complete-form');
    await form.waitFor();
    const completed = day(-2);
    await pickDate(form, completed);
    const code = `E2E-XM-${Date.now() % 1e6}`;
    await page.getByTestId('complete-code').fill(code);
    await page.getByTestId('complete-name').fill('省财政厅业务楼(E2E 新建)');
    await page.getByTestId('complete-add-floor').click();
    await page.getByTestId('complete-floor-name-1').waitFor();
    await page.getByTestId('complete-room-usable-0').fill('18');
    await page.getByTestId('complete-room-gross-0').fill('24');
    await page.getByTestId('complete-add-room').click();
    const second = page.getByTestId('complete-room-1');
    await second.locator('input').first().fill('2');
    await page.getByTestId('complete-room-number-1').fill('201');
    await page.getByTestId('complete-room-usable-1').fill('60');
    await page.getByTestId('complete-room-gross-1').fill('72');
    // Two more rooms on the second floor: four rooms entered on one day read as one line of the timeline.
    for (const [i, number] of [[2, '202'], [3, '203']] as const) {
      await page.getByTestId('complete-add-room').click();
      await page.getByTestId(`complete-room-number-${i}`).fill(number);
      await page.getByTestId(`complete-room-usable-${i}`).fill('18');
      await page.getByTestId(`complete-room-gross-${i}`).fill('24');
    }
    await page.getByTestId('complete-ok').click();
    await form.waitFor({ state: 'hidden' });

    const link = page.getByTestId(`project-building-${project.id}`);
    await expect.poll(() => link.innerText(), { timeout: 30_000 }).toContain('4 间');
    expect(await page.getByTestId('project-table').locator('tbody tr', { has: link }).innerText()).toContain('已竣工');
    await link.click();
    await page.getByTestId('page-office-building-history').waitFor();
    const timeline = page.getByTestId('building-timeline');
    await timeline.getByTestId('building-event').first().waitFor();
    const text = await timeline.innerText();
    expect(text).toContain('建筑入账');
    expect((text.match(/新增楼层/g) ?? []).length).toBe(2);
    expect((text.match(/房间入账/g) ?? []).length).toBe(1);
    expect(await timeline.getByTestId('building-event').filter({ hasText: '房间入账' }).innerText()).toMatch(/4 间[\s\S]*101、201、202、203/);
    expect(text).toContain(completed);
    expect(text).toContain('hlj.staff');
    // As of today the two rooms are there; the day before completion, nothing of the building.
    const rooms = page.getByTestId('building-asof-rooms');
    await expect.poll(() => rooms.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(4);
    expect(await rooms.innerText()).toMatch(/101[\s\S]*201[\s\S]*202[\s\S]*203/);
    const asOf = page.getByTestId('building-asof');
    await asOfDay(page, asOf, day(-3));
    await expect.poll(() => rooms.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(0);
    expect(await asOf.getByTestId('building-asof-floors').innerText()).toContain('当天这栋建筑还没有登记楼层');
    await asOfDay(page, asOf, completed);
    await expect.poll(() => rooms.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(4);
    await screenshot(page, 'office-project-completed');
    await done(page);
  });

  it('a bureau dates a person’s transfer to another organ and the room’s occupant shows the new organ from that day', async () => {
    const page = await signedIn(browser(), 'qqhr.staff', undefined, { path: '/office/registry', id: 'office-registry' });
    const rooms = await call<{ items: { id: number; occupants: number; buildingName: string; number: string; orgUnitId: number }[] }>(page, 'GET', '/api/office/rooms?roomClass=office&status=in_use&pageSize=100');
    const room = rooms.items.find((r) => r.occupants > 0)!;
    const organs = (await call<{ items: { orgUnitId: number; orgUnitName: string }[] }>(page, 'GET', '/api/office/buildings?page=1&pageSize=100')).items;
    const target = organs.find((o) => o.orgUnitId !== room.orgUnitId)!;
    await open(page, `/office/registry?q=${encodeURIComponent(room.number)}`, 'office-registry');
    await page.getByTestId('room-table').locator('tbody tr.ant-table-row', { hasText: room.buildingName }).filter({ hasText: room.number }).first().click();
    const drawer = page.getByTestId('room-drawer');
    const occupants = drawer.getByTestId('occupant-table');
    const history = page.getByTestId('organ-history');
    // The drawer re-renders as its data arrives: click again if a click landed on a replaced button.
    await expect.poll(async () => {
      if (!(await history.isVisible())) await occupants.locator('button[data-testid^="transfer-"]').first().click();
      return history.locator('tbody tr.ant-table-row').count();
    }, { timeout: 60_000, interval: 2000 }).toBe(1);
    const organSelect = page.getByTestId('transfer-form').locator('.ant-select').first();
    await expect.poll(async () => {
      if (!(await organSelect.innerText()).includes(target.orgUnitName)) {
        await organSelect.click();
        await organSelect.locator('input').fill(target.orgUnitName);
        await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').getByText(target.orgUnitName, { exact: true }).first().click({ timeout: 10_000 }).catch(() => undefined);
      }
      return (await organSelect.innerText()).includes(target.orgUnitName);
    }, { timeout: 60_000, interval: 2000 }).toBe(true);
    await pickDate(page.getByTestId('transfer-form').locator('.ant-form-item').nth(1), day(0));
    await page.getByTestId('transfer-save').click();
    await expect.poll(() => history.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(2);
    expect(await history.locator('tbody tr.ant-table-row').last().innerText()).toMatch(new RegExp(`${target.orgUnitName}[\\s\\S]*至今`));
    await page.keyboard.press('Escape');
    await expect.poll(() => occupants.innerText(), { timeout: 30_000 }).toContain(target.orgUnitName);
    await done(page);
  });

  it('the annual statistics report is one click: a workbook rolled up province, prefectures, counties and organs whose totals are the sums of their parts', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/office/reports', id: 'office-reports' });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('annual-report').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const year = day(0).slice(0, 4);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`${year}全省汇总`, `${year}市(地)汇总`, `${year}县(区)汇总`, `${year}单位明细`]);
    const column = (ws: ExcelJS.Worksheet, header: string) => {
      const at = (ws.getRow(1).values as unknown[]).indexOf(header);
      expect(at).toBeGreaterThan(0);
      const out: number[] = [];
      ws.eachRow((row, n) => { if (n > 1) out.push(Number(row.getCell(at).value)); });
      return out;
    };
    const [province, , , organs] = wb.worksheets;
    for (const header of ['房间数', '在用办公室', '超标间数']) {
      const total = column(province!, header)[0]!;
      expect(total).toBeGreaterThan(0);
      expect(column(organs!, header).reduce((a, b) => a + b, 0)).toBe(total);
    }
    await done(page);
  });

  it('an organ imports buildings from a surveyor’s spreadsheet: a bad row is reported and nothing saved, the corrected file is imported', async () => {
    const page = await signedIn(browser(), 'hlj.organ', undefined, { path: '/office/registry', id: 'office-registry' });
    const organId = (await call<{ items: { orgUnitId: number }[] }>(page, 'GET', '/api/office/buildings?page=1&pageSize=1')).items[0]!.orgUnitId;
    const code = `E2E-IMP-${Date.now() % 1e6}`;
    const sheet = async (area: number) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('建筑');
      ws.addRow(['建筑编码', '建筑名称', '单位(统一社会信用代码或编号)', '地址', '不动产权证号', '权证面积(m²)', '产权人', '建筑面积(m²)', '建成年份', '结构', '纬度', '经度']);
      ws.addRow([`${code}-1`, 'E2E 导入楼一', String(organId), '哈尔滨市', '', '', '', 1200, 2001, '框架', 45.75, 126.63]);
      ws.addRow([`${code}-2`, 'E2E 导入楼二', String(organId), '哈尔滨市', '', '', '', area, 2003, '框架', '', '']);
      return { name: 'buildings.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
    };
    await page.getByTestId('office-import').click();
    await page.getByTestId('office-import-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText('建筑', { exact: true }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(await sheet(-5));
    await page.getByTestId('office-import-submit').click();
    // The bad area is reported with its row; nothing of the file is saved.
    await page.getByTestId('office-import-errors').waitFor();
    expect(await page.getByTestId('office-import-errors').innerText()).toMatch(/3/);
    expect((await call<{ total: number }>(page, 'GET', `/api/office/buildings?q=${code}&page=1&pageSize=10`)).total).toBe(0);
    await page.locator('.ant-modal input[type=file]').setInputFiles(await sheet(800));
    await page.getByTestId('office-import-submit').click();
    await page.getByTestId('office-import-done').waitFor();
    await page.getByTestId('office-import-done').getByRole('button').click();
    expect((await call<{ total: number }>(page, 'GET', `/api/office/buildings?q=${code}&page=1&pageSize=10`)).total).toBe(2);
    await done(page);
  });

  it('an organ asks to lease out an idle room (处置); once the bureau approves, the room is leased out from that day', async () => {
    const organ = await signedIn(browser(), 'hrb.organ', undefined, { path: '/office/cases?tab=requests', id: 'office-cases' });
    const own = (await call<{ items: { orgUnitId: number; orgUnitName: string }[] }>(organ, 'GET', '/api/office/buildings?page=1&pageSize=1')).items[0]!;
    const all = (await call<{ items: { id: number; roomClass: string; status: string; buildingName: string; number: string }[] }>(organ, 'GET', `/api/office/rooms?orgUnitId=${own.orgUnitId}&page=1&pageSize=200`)).items;
    const labelOf = (r: { buildingName: string; number: string }) => `${r.buildingName} ${r.number}`;
    const target = all.filter((r) => r.roomClass !== 'office' && r.status === 'in_use').reverse().find((r) => all.filter((o) => labelOf(o).includes(labelOf(r))).length === 1)!;
    expect(target).toBeDefined();
    await organ.getByTestId('request-new-disposal').click();
    const form = organ.getByTestId('request-form');
    const organSelect = form.locator('.ant-select').first();
    await expect.poll(async () => {
      if (!(await organSelect.innerText()).includes(own.orgUnitName)) {
        await organSelect.click();
        await organ.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').getByText(own.orgUnitName, { exact: true }).first().click({ timeout: 10_000 }).catch(() => undefined);
      }
      return (await organSelect.innerText()).includes(own.orgUnitName);
    }, { timeout: 60_000, interval: 2000 }).toBe(true);
    const roomSelect = form.locator('.ant-select').nth(1);
    await expect.poll(async () => {
      if ((await roomSelect.innerText()).trim() !== labelOf(target)) {
        await roomSelect.click();
        await roomSelect.locator('input').fill(labelOf(target));
        await organ.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: labelOf(target) }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
        await organ.keyboard.press('Enter');
      }
      return (await roomSelect.innerText()).trim();
    }, { timeout: 60_000, interval: 2000 }).toBe(labelOf(target));
    await organ.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor({ state: 'hidden' });
    await chooseOption(organ, organ.getByTestId('request-method'), '出租');
    await organ.getByTestId('request-reason').fill('E2E 闲置库房对外出租');
    const saved = organ.waitForResponse((r) => r.url().includes('/api/office/requests') && r.request().method() === 'POST', { timeout: 60_000 });
    await organ.getByTestId('request-form-ok').click();
    expect((await saved).status()).toBeLessThan(300);
    await form.waitFor({ state: 'hidden' });
    const req = (await call<{ id: number; approvalId: number; reason: string; roomId: number }[]>(organ, 'GET', '/api/office/requests?kind=disposal')).find((r) => r.reason === 'E2E 闲置库房对外出租')!;
    expect(req.roomId).toBe(target.id);
    await done(organ);

    const staff = await signedIn(browser(), 'hrb.staff', undefined, { path: `/approvals?id=${req.approvalId}`, id: 'approvals' });
    await staff.getByTestId('approval-approve').click();
    await expect.poll(() => staff.getByTestId('approval-approve').count(), { timeout: 30_000 }).toBe(0);
    await open(staff, `/office/registry?q=${encodeURIComponent(target.number)}`, 'office-registry');
    const row = staff.getByTestId('room-table').locator('tbody tr.ant-table-row', { hasText: target.buildingName }).filter({ hasText: target.number }).first();
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('出租');
    await done(staff);
  });
});
