import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseURL, done, fillSignIn, menuItems, newPage, open, pageReady, pageTitle, screenshot, signedIn, useBrowser } from './browser';

/**
 * 三员分立 as the three admins see it: each signs in, finds only their own duties in the menu and
 * is turned away from the others'. Then the system admin creates an account, and the audit admin
 * finds that in the audit log.
 */
const browser = useBrowser();

const HOME = ['首页', '审批', '消息通知'];

/** Opening another admin's page shows the 403 page, not the page. */
async function expectTurnedAway(page: Page, pathname: string): Promise<void> {
  await page.goto(`${baseURL()}${pathname}`);
  await page.getByTestId('page-403').waitFor();
  expect(await page.getByTestId('page-403').innerText()).toContain('您没有访问此页面的权限');
}

describe('the three admins each see their own menu', () => {
  it('system admin: org units, users and settings; no audit log, no roles', async () => {
    const page = await signedIn(browser(), 'sysadmin');
    expect(await menuItems(page)).toEqual([...HOME, '系统管理', '组织机构', '用户管理', '系统设置']);
    // Closing the group hides its items; arriving on one of its pages another way opens it again.
    const menu = page.getByTestId('main-menu');
    await menu.getByRole('menuitem', { name: '系统管理' }).click();
    await expect.poll(() => menuItems(page)).toEqual([...HOME, '系统管理']);
    await page.getByTestId('home-shortcuts').getByRole('link', { name: /用户管理/ }).click();
    await pageReady(page, 'users');
    await expect.poll(() => menuItems(page)).toContain('用户管理');
    expect(await menu.getByRole('link', { name: '用户管理' }).getAttribute('aria-current')).toBe('page');
    await expectTurnedAway(page, '/admin/audit');
    await expectTurnedAway(page, '/admin/roles');
    await done(page);
  });

  it('security admin: roles and the security policy; no audit log, no user management', async () => {
    const page = await signedIn(browser(), 'secadmin');
    // The user list stays readable (to pick whom to grant a role), as a directory without actions.
    expect(await menuItems(page)).toEqual([...HOME, '系统管理', '组织机构', '用户名录', '角色权限', '系统设置']);
    await open(page, '/admin/users', 'users');
    expect(await pageTitle(page)).toBe('用户名录');
    expect(await page.getByRole('button', { name: /新\s*增|导\s*入/ }).count()).toBe(0);
    await open(page, '/admin/settings', 'settings');
    expect(await page.getByTestId('page-settings').innerText()).toContain('管理员须启用双因素认证');
    expect(await page.getByTestId('page-settings').innerText()).not.toContain('密码策略');
    await expectTurnedAway(page, '/admin/audit');
    await done(page);
  });

  it('audit admin: the audit log and nothing to administer', async () => {
    const page = await signedIn(browser(), 'auditadmin');
    expect(await menuItems(page)).toEqual([...HOME, '系统管理', '审计日志']);
    await expectTurnedAway(page, '/admin/users');
    await expectTurnedAway(page, '/admin/settings');
    await done(page);
  });
});

describe('a new account, from the system admin to the audit log', () => {
  const username = 'e2e.clerk';

  it('the system admin creates a user and sees the one-time password once', async () => {
    // Straight to the users page: the sign-in page comes first, then the page asked for.
    const page = await newPage(browser());
    await page.goto(`${baseURL()}/admin/users`);
    await page.waitForURL(/\/login\?redirect=/);
    await fillSignIn(page, 'sysadmin');
    await pageReady(page, 'users');
    expect(new URL(page.url()).pathname).toBe('/admin/users');

    await page.getByRole('button', { name: /新\s*增/ }).click();
    const drawer = page.getByRole('dialog', { name: '新增用户' });
    await drawer.getByLabel('用户名').fill(username);
    await drawer.getByLabel('姓名').fill('测试职员');
    await drawer.getByLabel('所属单位').fill('房产管理处');
    await page.getByRole('treeitem', { name: '房产管理处' }).click();
    await screenshot(page, 'user-create-1440');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();

    const shown = page.getByRole('dialog', { name: '一次性密码' });
    await shown.waitFor();
    expect(await shown.innerText()).toContain('此密码只显示这一次');
    expect(await shown.innerText()).toContain(username);
    const password = (await shown.getByTestId('one-time-password').innerText()).trim();
    expect(password).toMatch(/^\S{12,}$/);
    await screenshot(page, 'user-one-time-password-1440');
    await shown.getByRole('button', { name: '我已记下' }).click();
    await shown.waitFor({ state: 'hidden' });

    // The account is in the list (searched: modules' demo users may push it past the first page);
    // the password is nowhere any more, not even after a reload.
    await open(page, `/admin/users?q=${encodeURIComponent(username)}`, 'users');
    const row = page.getByRole('row', { name: new RegExp(username.replace('.', '\\.')) });
    await row.waitFor();
    expect(await row.innerText()).toContain('房产管理处');
    expect(await page.locator('body').innerText()).not.toContain(password);
    await page.reload();
    await pageReady(page, 'users');
    expect(await page.locator('body').innerText()).not.toContain(password);
    await done(page);

    // It was a real password: the new user signs in with it and must choose their own first.
    const clerk = await newPage(browser());
    await clerk.goto(`${baseURL()}/login`);
    await fillSignIn(clerk, username, password);
    await clerk.getByText('修改初始密码').waitFor();
    await done(clerk);
  });

  it('the audit admin finds the creation in the audit log', async () => {
    const page = await signedIn(browser(), 'auditadmin');
    await page.getByTestId('main-menu').getByRole('menuitem', { name: '审计日志' }).click();
    await pageReady(page, 'audit');
    const search = page.getByRole('search');
    await search.getByLabel('用户', { exact: true }).fill('sysadmin');
    // The action by its name, not its code: type it and take the match.
    const action = search.getByLabel('操作', { exact: true });
    await action.fill('新增用户');
    await page.getByTitle('新增用户', { exact: true }).waitFor();
    await action.press('Enter');
    await search.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/action=user\.create/);
    // The list shows the filtered entries only once the new answer is in: every row is then a
    // user creation by the system admin.
    const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect
      .poll(async () => {
        const texts = await rows.allInnerTexts();
        return texts.length > 0 && texts.every((r) => r.includes('sysadmin') && r.includes('新增用户'));
      })
      .toBe(true);
    const row = rows.filter({ hasText: username });
    await row.waitFor();
    expect(await row.innerText()).toContain('成功');
    await screenshot(page, 'audit-user-create-1440');
    await done(page);
  });
});

describe('importing users from a messy spreadsheet (the kernel import dialog)', () => {
  /** The users sheet as a clerk fills it in: Chinese headers, one row per person. */
  async function sheet(rows: (string | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('用户');
    ws.addRow(['用户名 *', '姓名 *', '所属单位编码 *', '职级编码', '手机', '邮箱']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('lists every bad row and imports nothing; the corrected file imports all rows', async () => {
    const page = await signedIn(browser(), 'sysadmin');
    await open(page, '/admin/users', 'users');
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入用户' });
    await dialog.waitFor();
    const good = ['imp.one', '导入甲', '230100', 'staff', '13800000011', null];
    const messy = await sheet([good, ['x', '导入乙', '230100', null, null, null], ['imp.three', '导入丙', '99999999', null, null, 'not-an-email']]);
    await dialog.getByTestId('user-import-file').locator('input[type=file]').setInputFiles({ name: '用户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: messy });
    await dialog.getByTestId('user-import-submit').click();
    await dialog.getByTestId('user-import-error').waitFor();
    expect(await dialog.getByTestId('user-import-error').innerText()).toContain('2 行有误');
    const errors = await dialog.getByTestId('user-import-errors').innerText();
    expect(errors).toMatch(/\b3\b/);
    expect(errors).toMatch(/\b4\b/);
    expect(errors).toContain('邮箱格式不正确');
    await screenshot(page, 'user-import-errors-1440');

    // Nothing was imported, not even the good first row.
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await open(page, '/admin/users?q=imp.one', 'users');
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).not.toContain('imp.one');

    await page.getByRole('button', { name: /导\s*入/ }).click();
    const fixed = await sheet([good, ['imp.two', '导入乙', '230100', null, null, null]]);
    await dialog.getByTestId('user-import-file').locator('input[type=file]').setInputFiles({ name: '用户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fixed });
    await dialog.getByTestId('user-import-submit').click();
    await dialog.getByTestId('user-import-done').waitFor();
    expect(await dialog.getByTestId('user-import-done').innerText()).toContain('已导入 2 行');
    await screenshot(page, 'user-import-done-1440');
    await dialog.getByTestId('user-import-done').getByRole('button').click();
    await dialog.waitFor({ state: 'hidden' });
    await open(page, '/admin/users?q=imp.', 'users');
    await expect.poll(() => page.locator('.ant-table-tbody').innerText()).toContain('imp.two');
    await done(page);
  });
});
