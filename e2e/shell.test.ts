import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  baseURL,
  DESKTOP,
  done,
  fillSignIn,
  horizontalOverflow,
  menuItems,
  newPage,
  open,
  pageReady,
  pageTitle,
  PHONE,
  screenshot,
  signedIn,
  useBrowser,
} from './browser';

const browser = useBrowser();

/** Switches the language through the user menu and waits until the menu speaks it. */
async function switchLanguage(page: Page, homeLabel: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-switch').click();
  await expect.poll(() => menuItems(page)).toContain(homeLabel);
  // The user menu closes after the choice.
  await page.getByTestId('lang-switch').waitFor({ state: 'hidden' });
}

describe('language', () => {
  it('switches to English and back; the choice survives a reload', async () => {
    const page = await signedIn(browser(), 'hrb.staff', DESKTOP, { path: '/admin/users', id: 'users' });
    expect(await pageTitle(page)).toBe('用户名录');

    await switchLanguage(page, 'Home');
    // Modules add their own menu groups for bureau staff; their strings load after sign-in, in both languages.
    expect(await menuItems(page)).toEqual(expect.arrayContaining(['Home', 'Approvals', 'Notifications', 'Office space', 'Administration', 'Org units', 'User directory']));
    await expect.poll(() => pageTitle(page)).toBe('User directory');
    expect(await page.title()).toBe('User directory · 管家 Guanjia');
    expect(await page.getByRole('columnheader').allInnerTexts()).toContain('Username');
    await screenshot(page, 'users-en-1440');

    await page.reload();
    await pageReady(page, 'users');
    expect(await pageTitle(page)).toBe('User directory');
    expect(await menuItems(page)).toContain('Org units');
    await page.getByTestId('main-menu').getByRole('menuitem', { name: 'Home' }).click();
    await pageReady(page, 'home');
    expect(await pageTitle(page)).toBe('Hello, 王建国');
    await screenshot(page, 'home-en-1440');

    await switchLanguage(page, '首页');
    expect(await pageTitle(page)).toBe('您好,王建国');
    await page.reload();
    await pageReady(page, 'home');
    expect(await menuItems(page)).toEqual(expect.arrayContaining(['组织机构', '办公用房']));
    await done(page);
  });

  it('a language picked on the sign-in page is kept after signing in', async () => {
    const page = await newPage(browser());
    await page.goto(`${baseURL()}/login`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Sign in/ }).waitFor();
    await fillSignIn(page, 'hlj.organ');
    await pageReady(page, 'home');
    expect(await menuItems(page)).toContain('Notifications');
    expect(await pageTitle(page)).toBe('Hello, 孙丽华');
    // Saved for the account: back in Chinese for the next tests and the next session.
    await switchLanguage(page, '首页');
    await done(page);
  });
});

describe('desktop and phone', () => {
  const pages = [
    { path: '/', id: 'home', name: 'home', title: '您好,周明远' },
    { path: '/admin/users', id: 'users', name: 'users', title: '用户名录' },
    { path: '/admin/org', id: 'org', name: 'org-tree', title: '组织机构' },
  ];

  it('home, users and org tree at 1440 × 900', async () => {
    const page = await signedIn(browser(), 'hlj.staff', DESKTOP);
    for (const [i, p] of pages.entries()) {
      if (i > 0) await open(page, p.path, p.id);
      expect(await pageTitle(page)).toBe(p.title);
      await screenshot(page, `${p.name}-zh-1440`);
    }
    // The province staff sees the province's units and its people.
    expect(await page.getByRole('tree').innerText()).toContain('哈尔滨市');
    expect(await page.getByTestId('org-detail').innerText()).toContain('230000');
    await done(page);
  });

  it('at 375 × 812 nothing scrolls sideways and the menu is behind the menu button', async () => {
    const page = await signedIn(browser(), 'hlj.staff', PHONE);
    for (const [i, p] of pages.entries()) {
      if (i > 0) await open(page, p.path, p.id);
      expect(await pageTitle(page)).toBe(p.title);
      expect(await horizontalOverflow(page), `${p.path} scrolls sideways`).toBeLessThanOrEqual(0);
      await screenshot(page, `${p.name}-zh-375`);
    }
    // No side menu on the screen; the button opens it, with the current page's group open.
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = page.getByTestId('main-menu');
    await menu.getByRole('menuitem', { name: '组织机构' }).waitFor();
    await screenshot(page, 'menu-zh-375');
    await menu.getByRole('menuitem', { name: '用户名录' }).click();
    await pageReady(page, 'users');
    await menu.waitFor({ state: 'hidden' });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await done(page);
  });
});

describe('signing in', () => {
  it('a wrong password says so; five of them lock the account with the time', async () => {
    const page = await newPage(browser());
    await page.goto(`${baseURL()}/login`);
    const error = page.getByTestId('login-error');
    for (let i = 1; i <= 5; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await fillSignIn(page, 'bx.employee', `wrong-${i}`);
      await answered;
      await error.waitFor();
      if (i === 1) {
        expect(await error.innerText()).toContain('用户名或密码错误');
        await screenshot(page, 'login-wrong-1440');
      }
    }
    await expect.poll(() => error.innerText()).toMatch(/已锁定.*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/s);
    // Locked means locked: the right password does not get in either.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await fillSignIn(page, 'bx.employee');
    expect((await answered).status()).toBeGreaterThanOrEqual(400);
    expect(await error.innerText()).toMatch(/已锁定/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-locked-1440');
    await done(page);
  });

  it('an unknown address shows the not-found page inside the shell', async () => {
    const page = await signedIn(browser(), 'hlj.staff', DESKTOP, { path: '/no-such-page', id: '404' });
    expect(await page.getByTestId('page-404').innerText()).toContain('页面不存在');
    await page.getByRole('button', { name: '返回首页' }).click();
    await pageReady(page, 'home');
    await done(page);
  });
});

describe('home page', () => {
  it('a plain employee (no approvals, no admin duty) sees their requests, messages and account', async () => {
    const page = await signedIn(browser(), 'hlj.employee');
    expect(await menuItems(page)).toEqual(['首页', '审批', '消息通知', '规划评估', '意见征集']); // plans: employees may send suggestions on drafts
    const home = page.getByTestId('page-home');
    const text = await home.innerText();
    expect(text).toContain('您好,李晓东');
    expect(text).toContain('我发起的申请');
    expect(text).toContain('最新消息');
    expect(text).toContain('我的账号');
    expect(text).toContain('后勤服务中心');
    expect(text).toContain('职工');
    expect(text).not.toContain('待我审批');
    expect(text).toContain('常用功能'); // plans: 意见征集 (suggestions on drafts) is the employee's one shortcut
    await screenshot(page, 'home-employee-1440');
    await done(page);
  });

  it('an organ admin sees what waits for their approval and their shortcuts', async () => {
    const page = await signedIn(browser(), 'hrb.organ');
    const text = await page.getByTestId('page-home').innerText();
    expect(text).toContain('待我审批');
    expect(text).toContain('常用功能');
    await page.getByTestId('home-shortcuts').getByRole('link', { name: /组织机构/ }).click();
    await pageReady(page, 'org');
    // An organ admin's tree starts at their own organ.
    expect(await page.getByRole('tree').innerText()).toContain('哈尔滨市财政局');
    await done(page);
  });
});
