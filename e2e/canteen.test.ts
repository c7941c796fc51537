import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { baseURL, done, horizontalOverflow, newPage, PHONE, signedIn, useBrowser } from './browser';

/**
 * 智慧食堂 as staff and the kitchen see it: the phone pages at 375 px (book, pre-order, top up,
 * pickup code, absence) and the kitchen's preparation sheet.
 */
const browser = useBrowser();

describe('staff phone pages (/m) at 375 px', () => {
  it('signs in, books a meal next week, pre-orders takeaway, tops up and sees the pickup code', async () => {
    const page = await newPage(browser(), PHONE);
    await page.goto(`${baseURL()}/m`);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/m/manifest.webmanifest');
    await page.getByTestId('m-login').waitFor();
    await page.getByLabel('用户名').fill('hlj.employee');
    await page.getByLabel('密码').fill('Guanjia@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('m-week').waitFor();
    expect(await page.locator('header').innerText()).toContain('省直机关第一食堂');
    await page.getByRole('button', { name: '下一周' }).click();
    const shanghai = new Date(Date.now() + 8 * 3600_000);
    const nextMonday = new Date(shanghai.getTime() + (8 - (shanghai.getUTCDay() || 7)) * 86400_000).toISOString().slice(0, 10);
    await page.getByTestId(`meal-${nextMonday}-lunch`).waitFor();
    const card = page.locator(`article[data-testid^="meal-"]`).filter({ has: page.getByRole('button', { name: '报餐', exact: true }) }).first();
    const cardId = await card.getAttribute('data-testid');
    await card.getByRole('button', { name: '报餐', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('已报餐');
    const booked = page.getByTestId(cardId!);
    await expect.poll(() => booked.innerText()).toContain('已报餐');
    expect(await booked.getByRole('button', { name: '报停' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByRole('button', { name: '外卖预订' }).click();
    await page.getByTestId('m-takeaway').waitFor();
    // Today's items close at 15:00 Shanghai time; the first one still open is ordered.
    await page.locator('article[data-open="true"]').first().getByRole('button', { name: '预订', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('已完成');

    await page.getByRole('button', { name: '餐卡' }).click();
    const before = await page.getByTestId('balance').innerText();
    await page.getByRole('button', { name: '充值' }).click();
    await page.getByTestId('testbank-page').waitFor();
    await page.getByRole('button', { name: /确认支付 ¥100.00/ }).click();
    await expect.poll(() => page.getByTestId('balance').innerText()).not.toBe(before);
    expect(await page.getByTestId('m-account').innerText()).toContain('充值');

    await page.getByRole('button', { name: '取餐码' }).click();
    await page.getByTestId('m-today').waitFor();
    const codes = await page.getByTestId('pickup-code').count();
    if (codes > 0) expect(await page.locator('img.m-qr').count()).toBeGreaterThan(0);
    else expect(await page.getByTestId('m-today').innerText()).toContain('今天没有要取的餐');

    await page.getByRole('button', { name: '记录' }).click();
    await page.getByTestId('m-history').waitFor();
    await expect.poll(() => page.getByTestId('m-history').innerText()).toContain('已报餐');
    expect(await horizontalOverflow(page)).toBe(0);
    await done(page);
  });

  it('the phone pages load at most 200 kB of JavaScript (gzip) and no admin shell', () => {
    const dist = path.resolve('web/dist');
    const html = fs.readFileSync(path.join(dist, 'src/modules/canteen/phone/index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)![1]!;
    const seen = new Map<string, number>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      const code = fs.readFileSync(path.join(dist, file), 'utf8');
      seen.set(file, zlib.gzipSync(code, { level: 9 }).length);
      for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)) visit(path.join(path.dirname(file), m[1]!));
      for (const m of code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)) visit(path.join(path.dirname(file), m[1]!));
    };
    visit(entry);
    const total = [...seen.values()].reduce((s, n) => s + n, 0);
    expect(total / 1024).toBeLessThanOrEqual(200);
    expect([...seen.keys()].some((f) => f.includes('vendor-antd'))).toBe(false);
  });
});

describe('kitchen', () => {
  it('shows the preparation sheet with bookings, forecast and takeaway, and records waste', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/kitchen', id: 'canteen-kitchen' });
    const sheet = page.getByTestId('prep-sheet');
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('省直机关第一食堂');
    expect(await sheet.innerText()).toContain('建议备餐份数');
    expect(await sheet.innerText()).toContain('依据最近 8 餐');
    expect(Number(await page.getByTestId('sheet-portions').innerText())).toBeGreaterThanOrEqual(0);
    expect(await page.getByRole('button', { name: /打印/ }).count()).toBe(1);
    await page.getByLabel('备餐剩余(kg)').fill('3.5');
    await page.getByLabel('餐盘剩余(kg)').fill('1.2');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已保存');
    // The saved record is listed with the other measured meals.
    const records = page.locator('.ant-card').filter({ hasText: '近两周浪费记录' });
    await expect.poll(() => records.innerText()).toContain('3.500');
    await page.getByLabel('扫码或输入取餐码').fill('NOSUCHCODE');
    await page.getByRole('button', { name: /核\s*销/ }).click();
    await expect.poll(() => page.locator('.ant-message, .ant-notification').first().innerText()).toContain('取餐码无效');
    await done(page);
  });

  it('the bureau sees every canteen in scope with waste and no-show figures', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/canteen/bureau', id: 'canteen-bureau' });
    const table = page.locator('.ant-table');
    await expect.poll(() => table.innerText()).toContain('宾县机关食堂');
    expect(await table.innerText()).toContain('省直机关第一食堂');
    await page.getByRole('img', { name: '各食堂人均浪费趋势(g/餐,按周)' }).locator('canvas').waitFor();
    await done(page);
  });

  it('set-up: a new dish shows in the list with its price in yuan', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    await page.getByRole('button', { name: '新增菜品' }).click();
    const drawer = page.getByRole('dialog', { name: '新增菜品' });
    await drawer.getByLabel('菜名').fill('东北乱炖');
    await drawer.getByLabel('价格(元)').fill('12.5');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-table').first().innerText()).toContain('东北乱炖');
    expect(await page.locator('.ant-table').first().innerText()).toContain('¥12.50');
    await done(page);
  });

  it('reception meals: over the per-person standard shows a red alert', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/receptions', id: 'canteen-receptions' });
    await page.getByRole('button', { name: '登记公务用餐' }).click();
    const drawer = page.getByRole('dialog', { name: '登记公务用餐' });
    await drawer.getByLabel('事由').fill('调研组工作餐');
    await drawer.getByLabel('接待人数').fill('2');
    await drawer.getByLabel('陪餐人数').fill('1');
    await drawer.getByLabel('费用(元)').fill('600');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('已超标');
    await expect.poll(() => page.locator('.ant-table').innerText()).toContain('调研组工作餐');
    expect(await page.locator('.ant-table').innerText()).toContain('超标');
    await done(page);
  });
});
