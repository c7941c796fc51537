import { describe, expect, it } from 'vitest';
import { baseURL, done, horizontalOverflow, newPage, PHONE, signedIn, useBrowser } from './browser';

/**
 * Dishes as canteen staff edit them (every field, stop and resume sales) and per-dish price and
 * stock in the dish choice of a booking, seen on the phone. Harbin's canteen, so the province
 * canteen's other browser tests are untouched. Wednesday of next week is at least two days ahead
 * at any hour of any day: its lunch is always open for booking.
 */
const browser = useBrowser();
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const nextMonday = () => {
  const d = shanghaiToday();
  return addDays(d, 8 - (new Date(`${d}T00:00:00Z`).getUTCDay() || 7));
};

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

describe('dishes: editing, stop/resume, per-dish price and stock', () => {
  it('canteen staff edit a dish with validation, stop and resume its sales', async () => {
    const page = await signedIn(browser(), 'hrb.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    const row = page.getByTestId('dish-锅包肉');
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = page.getByRole('dialog', { name: '编辑菜品' });
    await expect.poll(() => drawer.getByLabel('菜名').inputValue(), { timeout: 15_000 }).toBe('锅包肉');
    expect(await drawer.getByLabel('价格(元)').inputValue()).toBe('12.00');
    // An empty name is refused on the form; nothing is sent.
    await drawer.getByLabel('菜名').fill('');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => drawer.locator('.ant-form-item-explain-error').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await drawer.getByLabel('菜名').fill('锅包肉(大份)');
    await drawer.getByLabel('价格(元)').fill('16.8');
    await drawer.getByLabel('蛋白质').fill('28.5');
    const allergens = drawer.getByLabel('过敏原');
    await allergens.click();
    await allergens.fill('大豆');
    await allergens.press('Enter');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const edited = page.getByTestId('dish-锅包肉(大份)');
    await expect.poll(() => edited.innerText(), { timeout: 15_000 }).toContain('¥16.80');
    const text = await edited.innerText();
    expect(text).toContain('小麦、大豆');
    expect(text).toContain('蛋白质 28.5 g');
    // Stop sales (with confirmation), then resume.
    await edited.getByRole('button', { name: /停\s*售/ }).click();
    await page.getByRole('dialog').filter({ hasText: '停售「锅包肉(大份)」' }).getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => edited.innerText(), { timeout: 15_000 }).toContain('已停售');
    await edited.getByRole('button', { name: '恢复销售' }).click();
    await expect.poll(() => edited.innerText(), { timeout: 15_000 }).not.toContain('已停售');
    await done(page);
  });

  it('per-dish stock and price: the phone shows what is left and the price; a sold-out dish cannot be chosen', async () => {
    const wednesday = addDays(nextMonday(), 2);
    const setup = await signedIn(browser(), 'hrb.canteen', undefined, { path: '/canteen/setup', id: 'canteen-setup' });
    // The canteen lets diners choose dishes and prices them per dish.
    await setup.getByRole('button', { name: '编辑食堂' }).click();
    const canteenDrawer = setup.getByRole('dialog', { name: '编辑食堂' });
    const choice = canteenDrawer.getByRole('switch', { name: '报餐时可点菜' });
    if ((await choice.getAttribute('aria-checked')) !== 'true') await choice.click();
    const perDish = canteenDrawer.getByRole('switch', { name: '按菜品计价' });
    if ((await perDish.getAttribute('aria-checked')) !== 'true') await perDish.click();
    await canteenDrawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => canteenDrawer.isVisible(), { timeout: 15_000 }).toBe(false);
    // Wednesday's lunch: one portion of rice may be pre-ordered.
    await setup.getByRole('tab', { name: '菜单' }).click();
    const date = setup.getByLabel('日期');
    await date.click();
    await date.fill(wednesday);
    await date.press('Enter');
    await setup.getByText('午餐', { exact: true }).click();
    const stock = setup.getByLabel('可订份数 米饭');
    await stock.waitFor({ timeout: 15_000 });
    await stock.fill('1');
    await setup.getByRole('button', { name: '保存菜单' }).click();
    await expect.poll(() => setup.locator('.ant-message').innerText(), { timeout: 15_000 }).toContain('已保存');
    await done(setup);

    const phone = await phoneSignIn('hrb.employee');
    await phone.getByRole('button', { name: '下一周' }).click();
    const card = phone.getByTestId(`meal-${wednesday}-lunch`);
    await card.waitFor();
    const rice = card.locator('li').filter({ hasText: '米饭' });
    expect(await rice.innerText()).toContain('剩 1 份');
    expect(await rice.innerText()).toContain('¥1.00');
    const price = card.getByTestId(`price-${wednesday}-lunch`);
    const base = await price.innerText();
    const plus = card.getByRole('button', { name: '加一份 米饭' });
    await plus.click();
    // One portion is all there is; the meal's price now includes the rice.
    expect(await plus.isDisabled()).toBe(true);
    const yuan = (s: string) => Number(s.replace(/[^\d.]/g, ''));
    expect(yuan(await price.innerText())).toBeCloseTo(yuan(base) + 1, 2);
    expect(await horizontalOverflow(phone)).toBe(0);
    await card.getByRole('button', { name: '报餐', exact: true }).click();
    await expect.poll(() => phone.getByRole('status').innerText(), { timeout: 15_000 }).toContain('已报餐');
    await expect.poll(() => phone.getByTestId(`chosen-${wednesday}-lunch`).innerText(), { timeout: 15_000 }).toContain('米饭 × 1');
    await done(phone);

    // Another diner sees the rice sold out and cannot add it.
    const other = await phoneSignIn('hrb.organ');
    await other.getByRole('button', { name: '下一周' }).click();
    const card2 = other.getByTestId(`meal-${wednesday}-lunch`);
    await card2.waitFor();
    expect(await card2.locator('li').filter({ hasText: '米饭' }).innerText()).toContain('已订完');
    expect(await card2.getByRole('button', { name: '加一份 米饭' }).isDisabled()).toBe(true);
    await done(other);
  });
});
