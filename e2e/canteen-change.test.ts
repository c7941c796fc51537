import { describe, expect, it } from 'vitest';
import { baseURL, done, horizontalOverflow, newPage, PHONE, signedIn, useBrowser } from './browser';

/**
 * 改菜 on the phone (375 px): a booked meal's dishes are changed before the cutoff without
 * cancelling; the price follows the new dishes and the difference leaves the meal card. Harbin's
 * canteen, Thursday of next week (at least three days ahead at any hour of any day), so the other
 * canteen browser tests' meals are untouched.
 */
const browser = useBrowser();
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const nextMonday = () => {
  const d = shanghaiToday();
  return addDays(d, 8 - (new Date(`${d}T00:00:00Z`).getUTCDay() || 7));
};
const yuan = (s: string) => Number((/¥\s*([\d,]+\.\d\d)/.exec(s)?.[1] ?? 'NaN').replace(/,/g, ''));

describe('changing a booked meal’s dishes on the phone', () => {
  it('a diner changes the dishes of a booked lunch; the price and the meal card follow', async () => {
    const thursday = addDays(nextMonday(), 3);
    // Canteen staff turn on dish choice with per-dish prices (as in the dishes test; idempotent).
    const setup = await signedIn(browser(), 'hrb.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    await setup.getByRole('button', { name: '编辑食堂' }).click();
    const drawer = setup.getByRole('dialog', { name: '编辑食堂' });
    const choice = drawer.getByRole('switch', { name: '报餐时可点菜' });
    if ((await choice.getAttribute('aria-checked')) !== 'true') await choice.click();
    const perDish = drawer.getByRole('switch', { name: '按菜品计价' });
    if ((await perDish.getAttribute('aria-checked')) !== 'true') await perDish.click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.isVisible(), { timeout: 15_000 }).toBe(false);
    await done(setup);

    const phone = await newPage(browser(), PHONE);
    await phone.goto(`${baseURL()}/m`);
    await phone.getByTestId('m-login').waitFor();
    await phone.getByLabel('用户名').fill('hrb.staff');
    await phone.getByLabel('密码').fill('Guanjia@2026');
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByTestId('m-week').waitFor();
    const balance = async () => {
      await phone.getByRole('button', { name: '餐卡' }).click();
      await expect.poll(() => phone.getByTestId('balance').innerText(), { timeout: 15_000 }).toContain('¥');
      const b = yuan(await phone.getByTestId('balance').innerText());
      await phone.getByRole('button', { name: '本周菜单' }).click();
      await phone.getByRole('button', { name: '下一周' }).click();
      return b;
    };
    await phone.getByRole('button', { name: '下一周' }).click();
    const card = phone.getByTestId(`meal-${thursday}-lunch`);
    await card.waitFor();
    const items = card.locator('li');
    const [first, second] = [items.nth(0), items.nth(1)];
    const p1 = yuan(await first.innerText());
    const p2 = yuan(await second.innerText());
    const price = card.getByTestId(`price-${thursday}-lunch`);
    const base = yuan(await price.innerText());
    await first.getByRole('button', { name: /^加一份/ }).click();
    await card.getByRole('button', { name: '报餐', exact: true }).click();
    await expect.poll(() => phone.getByRole('status').innerText(), { timeout: 15_000 }).toContain('已报餐');
    await expect.poll(() => card.getByTestId(`chosen-${thursday}-lunch`).innerText(), { timeout: 15_000 }).toContain('× 1');
    expect(yuan(await price.innerText())).toBeCloseTo(base + p1, 2);
    const before = await balance();

    // 改菜: one more portion of the first dish and one of the second, then save.
    await card.waitFor();
    await card.getByRole('button', { name: '改菜' }).click();
    await expect.poll(() => first.locator('.m-count').innerText(), { timeout: 15_000 }).toBe('1');
    await first.getByRole('button', { name: /^加一份/ }).click();
    await second.getByRole('button', { name: /^加一份/ }).click();
    expect(yuan(await price.innerText())).toBeCloseTo(base + 2 * p1 + p2, 2);
    expect(await horizontalOverflow(phone)).toBe(0);
    await card.getByRole('button', { name: '保存改菜' }).click();
    await expect.poll(() => phone.getByRole('status').innerText(), { timeout: 15_000 }).toContain('已改菜');
    await expect.poll(() => card.getByTestId(`chosen-${thursday}-lunch`).innerText(), { timeout: 15_000 }).toContain('× 2');
    expect(await card.getByTestId(`chosen-${thursday}-lunch`).innerText()).toContain('× 1');
    expect(yuan(await price.innerText())).toBeCloseTo(base + 2 * p1 + p2, 2);
    expect(await card.getByRole('button', { name: '报停' }).isVisible()).toBe(true); // still booked, not cancelled

    // The difference left the meal card, as one line marked 改菜.
    const after = await balance();
    expect(after).toBeCloseTo(before - p1 - p2, 2);
    await phone.getByRole('button', { name: '餐卡' }).click();
    await expect.poll(() => phone.getByTestId('m-account').innerText(), { timeout: 15_000 }).toContain(`${thursday} 午餐 改菜`);
    await done(phone);
  });
});
