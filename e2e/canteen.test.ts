import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { baseURL, done, horizontalOverflow, login, newPage, open, PHONE, signedIn, takeProblems, useBrowser } from './browser';

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

    // The takeaway just ordered (the newest order) is cancelled from the history after a confirmation; the money goes back.
    const ids = (await page.locator('button[data-testid^="m-order-cancel-"]').evaluateAll((bs) => bs.map((b) => Number(b.getAttribute('data-testid')!.split('-').pop()))));
    const newest = Math.max(...ids);
    const balanceBefore = await (async () => { await page.getByRole('button', { name: '餐卡' }).click(); const b = await page.getByTestId('balance').innerText(); await page.getByRole('button', { name: '记录' }).click(); return b; })();
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId(`m-order-cancel-${newest}`).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('已取消预订');
    await expect.poll(() => page.getByTestId(`m-order-${newest}`).innerText()).toContain('已取消');
    expect(await page.getByTestId(`m-order-cancel-${newest}`).count()).toBe(0);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: '餐卡' }).click();
    await expect.poll(() => page.getByTestId('balance').innerText()).not.toBe(balanceBefore);
    await done(page);
  });

  it('refuses a takeaway quantity of 0, -2 or 0.5 without charging; the statement names meals and payment methods in Chinese; an error goes on the next success', async () => {
    const page = await phoneSignIn('hlj.employee');
    const balance = async () => {
      await page.getByRole('button', { name: '餐卡' }).click();
      await expect.poll(() => page.getByTestId('balance').innerText()).toContain('¥');
      return page.getByTestId('balance').innerText();
    };
    const before = await balance();
    const statement = await page.getByTestId('m-account').innerText();
    expect(statement).toContain('午餐');
    expect(statement).toContain('现金(食堂柜台)');
    expect(statement).not.toMatch(/\b(breakfast|lunch|dinner|cashier|testbank)\b/);

    await page.getByRole('button', { name: '外卖预订' }).click();
    const item = page.locator('article[data-open="true"]').first();
    await item.waitFor();
    const order = item.getByRole('button', { name: '预订', exact: true });
    for (const typed of ['0', '-2', '0.5']) {
      await item.getByLabel('数量').fill(typed);
      await expect.poll(() => order.isDisabled()).toBe(true);
      expect(await item.getByRole('alert').innerText()).toContain('请输入 1 到');
    }
    await item.getByLabel('数量').fill('1');
    await expect.poll(() => order.isDisabled()).toBe(false);
    expect(await item.getByRole('alert').count()).toBe(0);
    expect(await balance()).toBe(before);

    // A refused top-up shows an error; the next successful step takes it away.
    await page.getByLabel('充值金额(元)').fill('abc');
    await page.getByRole('button', { name: '充值', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('充值金额(元)').fill('20');
    await page.getByRole('button', { name: '充值', exact: true }).click();
    await page.getByTestId('testbank-page').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('balance').innerText()).toBe(before);
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

/** Signs in on the phone page (its own light form). */
async function phoneSignIn(username: string) {
  const page = await newPage(browser(), PHONE);
  await page.goto(`${baseURL()}/m`);
  await page.getByTestId('m-login').waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Guanjia@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('m-week').waitFor();
  return page;
}

/**
 * A one-second Y4M video of a QR code holding `text` (white page, black modules): Chromium's fake
 * camera plays it in a loop (`--use-file-for-fake-video-capture`).
 */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const [w, h, cell] = [640, 480, 8];
  const side = (qr.size + 8) * cell;
  const [x0, y0] = [(w - side) / 2, (h - side) / 2];
  const y = Buffer.alloc(w * h, 235);
  for (let r = 0; r < qr.size; r++)
    for (let c = 0; c < qr.size; c++)
      if (qr.data[r * qr.size + c])
        for (let dy = 0; dy < cell; dy++) y.fill(16, (y0 + (r + 4) * cell + dy) * w + x0 + (c + 4) * cell, (y0 + (r + 4) * cell + dy) * w + x0 + (c + 5) * cell);
  const uv = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gj-qr-')), 'qr.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F5:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 5 }, () => frame)]));
  return file;
}

describe('dishes pre-ordered with a booking', () => {
  it('a diner chooses dishes with the booking on the phone; the kitchen sheet counts them per dish', async () => {
    const page = await phoneSignIn('hlj.organ');
    await page.getByRole('button', { name: '下一周' }).click();
    // The first meal next week that still takes bookings and lets diners choose dishes.
    const card = page.locator('article[data-testid^="meal-"]').filter({ has: page.locator('[data-testid^="dish-"]') }).first();
    await card.waitFor();
    const [, day, meal] = /^meal-(\d{4}-\d{2}-\d{2})-(\w+)$/.exec((await card.getAttribute('data-testid'))!)!;
    const firstDish = card.locator('[data-testid^="dish-"]').first();
    const plus = firstDish.getByRole('button', { name: /^加一份 / });
    const dishName = (await plus.getAttribute('aria-label'))!.replace(/^加一份 /, '');
    await plus.click();
    await plus.click();
    expect(await firstDish.locator('.m-count').innerText()).toBe('2');
    expect(await horizontalOverflow(page)).toBe(0);
    await card.getByRole('button', { name: '报餐', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 15_000 }).toContain('已报餐');
    await expect.poll(() => page.getByTestId(`chosen-${day}-${meal}`).innerText(), { timeout: 15_000 }).toContain(`${dishName} × 2`);
    await done(page);

    const kitchen = await signedIn(browser(), 'hlj.canteen', undefined, { path: `/canteen/kitchen?day=${day}&meal=${meal}`, id: 'canteen-kitchen' });
    const sheet = kitchen.getByTestId('prep-sheet');
    await expect.poll(() => sheet.innerText(), { timeout: 15_000 }).toContain('报餐点菜(份)');
    expect(await sheet.innerText()).toContain(day!);
    const row = sheet.locator('tr').filter({ hasText: dishName });
    const cells = await row.first().locator('td').allInnerTexts();
    expect(Number(cells[2])).toBeGreaterThanOrEqual(2); // pre-ordered portions
    expect(Number(cells[3])).toBeGreaterThanOrEqual(0); // portions to cook
    expect(await kitchen.getByTestId('sheet-no-choice').innerText()).toContain('未点菜的报餐');
    await done(kitchen);
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
    expect(await sheet.innerText()).toContain('预测依据');
    // On paper only the sheet: no side menu, header, filters, pickup or waste forms.
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.isVisible()).toBe(true);
    for (const other of [page.locator('.ant-layout-sider'), page.locator('.ant-layout-header'), page.getByLabel('扫码或输入取餐码'), page.getByLabel('备餐剩余(kg)'), page.getByRole('button', { name: /打印/ })]) {
      expect(await other.isVisible()).toBe(false);
    }
    if (process.env.CANTEEN_PRINT_SHOT) await page.screenshot({ path: process.env.CANTEEN_PRINT_SHOT, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('备餐剩余(kg)').fill('3.5');
    await page.getByLabel('餐盘剩余(kg)').fill('1.2');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-message').innerText(), { timeout: 15_000 }).toContain('已保存');
    // The saved record is listed with the other measured meals.
    const records = page.locator('.ant-card').filter({ hasText: '近两周浪费记录' });
    await expect.poll(() => records.innerText(), { timeout: 15_000 }).toContain('3.500');
    await page.getByLabel('扫码或输入取餐码').fill('NOSUCHCODE');
    await page.getByRole('button', { name: /核\s*销/ }).click();
    await expect.poll(() => page.locator('.ant-message, .ant-notification').first().innerText(), { timeout: 15_000 }).toContain('取餐码无效');
    await done(page);
  });

  it('camera scanning: without a camera it says so; typing still verifies', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/kitchen', id: 'canteen-kitchen' });
    await page.getByRole('button', { name: /摄像头扫码/ }).click();
    await expect.poll(() => page.getByTestId('camera-scanner').innerText(), { timeout: 15_000 }).toMatch(/请使用扫码枪或手动输入取餐码/);
    await page.getByLabel('扫码或输入取餐码').fill('GJC:NOSUCHCODE1');
    await page.getByRole('button', { name: /核\s*销/ }).click();
    await expect.poll(() => page.locator('.ant-message, .ant-notification').first().innerText(), { timeout: 15_000 }).toContain('取餐码无效');
    await done(page);
  });

  it('camera scanning: a QR code shown to the camera is decoded and verified', async () => {
    // Chromium's fake camera plays a generated video of a pickup QR code (an unknown code: the
    // counter must answer for exactly that code, whatever the time of day).
    const video = qrVideo('GJC:CAMERA7TEST');
    const cam = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const page = await newPage(cam);
      await page.context().grantPermissions(['camera'], { origin: baseURL() });
      await login(page, 'hlj.canteen');
      await open(page, '/canteen/kitchen', 'canteen-kitchen');
      await page.getByRole('button', { name: /摄像头扫码/ }).click();
      await expect.poll(() => page.getByLabel('扫码或输入取餐码').inputValue(), { timeout: 30_000 }).toBe('CAMERA7TEST');
      await expect.poll(() => page.locator('.ant-message, .ant-notification').first().innerText(), { timeout: 15_000 }).toContain('取餐码无效');
      expect(await page.getByRole('button', { name: /关闭摄像头/ }).count()).toBe(1);
      await page.getByRole('button', { name: /关闭摄像头/ }).click();
      await page.close();
    } finally {
      await cam.close();
      fs.rmSync(path.dirname(video), { recursive: true, force: true });
    }
    // Problems on the camera browser's page were collected with the rest: none expected.
    expect(takeProblems()).toEqual([]);
  });

  it('standards and limits: placeholder values are marked until the bureau adds a version with a real source', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/canteen/standards', id: 'canteen-standards' });
    await expect.poll(() => page.getByTestId('placeholder-alert').innerText(), { timeout: 15_000 }).toContain('占位值');
    expect(await page.getByTestId('placeholder-tag').count()).toBeGreaterThanOrEqual(4);
    await page.getByRole('button', { name: '新增版本' }).last().click();
    const drawer = page.getByRole('dialog', { name: '新增透支上限版本' });
    await drawer.getByLabel('依据(文件名称、文号)').fill('省直机关食堂管理办法(黑机管发〔2026〕1号)第十条');
    // Typed, as a person may: today in Shanghai (any later date than the initial 2024 version will do).
    const date = drawer.getByLabel('生效日期');
    await date.click();
    await date.fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await date.press('Enter');
    await drawer.getByLabel('上限(元)').fill('150');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-message').innerText(), { timeout: 15_000 }).toContain('新版本已保存');
    await expect.poll(() => page.locator('.ant-card').filter({ hasText: '餐卡透支上限' }).innerText(), { timeout: 15_000 }).toContain('黑机管发〔2026〕1号');
    expect(await page.locator('.ant-card').filter({ hasText: '餐卡透支上限' }).innerText()).toContain('¥150.00');
    await done(page);
  });

  it('the kitchen replies to a suggestion and the diner reads the reply in the history', async () => {
    const text = `希望周三增加饺子 ${Date.now().toString(36)}`;
    const phone = await phoneSignIn('hlj.employee');
    await phone.getByRole('button', { name: '记录' }).click();
    await phone.getByTestId('m-history').waitFor();
    await phone.getByPlaceholder('说说您对食堂的建议').fill(text);
    await phone.getByRole('button', { name: '提交' }).last().click();
    await expect.poll(() => phone.getByTestId('m-history').innerText(), { timeout: 15_000 }).toContain('等待食堂回复');

    const kitchen = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/kitchen', id: 'canteen-kitchen' });
    const item = kitchen.locator('[data-testid^="kitchen-suggestion-"]').filter({ hasText: text });
    await item.getByRole('button', { name: /回\s*复/ }).click();
    await item.getByLabel('回复').fill('下周三午餐加三鲜水饺');
    await item.getByRole('button', { name: /回\s*复/ }).click();
    await expect.poll(() => item.innerText(), { timeout: 15_000 }).toContain('已回复:下周三午餐加三鲜水饺');
    await done(kitchen);

    await phone.getByRole('button', { name: '本周菜单' }).click();
    await phone.getByRole('button', { name: '记录' }).click();
    const mine = phone.locator('[data-testid^="suggestion-"]').filter({ hasText: text });
    await expect.poll(() => mine.innerText(), { timeout: 15_000 }).toContain('食堂回复:下周三午餐加三鲜水饺');
    expect(await horizontalOverflow(phone)).toBe(0);
    await done(phone);
  });

  it('set-up: canteen staff allow an overdraft up to the maximum', async () => {
    const page = await signedIn(browser(), 'hlj.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    await page.getByRole('tab', { name: '收银与补贴' }).click();
    const card = page.getByTestId('overdraft-card');
    await card.getByLabel('透支额度 · 用户名').fill('hlj.organ');
    await card.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('上限');
    await card.getByLabel('允许透支(元)').fill('50');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('overdraft-now').innerText(), { timeout: 15_000 }).toBe('¥50.00');
    await done(page);
  });

  it('the bureau sees every canteen in scope with waste and no-show figures', async () => {
    const page = await signedIn(browser(), 'hlj.staff', undefined, { path: '/canteen/bureau', id: 'canteen-bureau' });
    const table = page.locator('.ant-table');
    await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain('宾县机关食堂');
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
    await expect.poll(() => page.locator('.ant-table').first().innerText(), { timeout: 15_000 }).toContain('东北乱炖');
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
    await expect.poll(() => page.getByRole('alert').first().innerText(), { timeout: 15_000 }).toContain('已超标');
    await expect.poll(() => page.locator('.ant-table').innerText(), { timeout: 15_000 }).toContain('调研组工作餐');
    expect(await page.locator('.ant-table').innerText()).toContain('超标');
    await done(page);
  });
});
