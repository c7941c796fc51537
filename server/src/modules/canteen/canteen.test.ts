import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { multipart, testApp, type Client, type TestApp } from '../../../test/helpers';
import { parsePickupCode } from '@guanjia/contracts/canteen-code';
import { verifyAuditChain } from '../../kernel/audit/audit.service';
import { dishPortions, forecast, gramsPerMeal, kgToGrams } from './forecast';
import { signTestBank } from './payments';
import { addDays, cutoffInstant, mondayOf, shanghaiDay, shanghaiTime } from './time';
import { canteenFigures } from './reports.service';

let t: TestApp;
let emp: Client;
let organ: Client;
let cook: Client;
let canteenId: number;
const today = shanghaiDay(new Date());
const nextMonday = addDays(mondayOf(today), 7);
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
const balance = async (username: string) => (await q<{ b: number }>(sql`select a.balance_fen::int as b from canteen_accounts a join users x on x.id = a.user_id where x.username = ${username}`))[0]!.b;
const ledgerBalance = async (username: string) => (await q<{ b: number }>(sql`select coalesce(sum(case when l.to_account_id = a.id then l.amount_fen else -l.amount_fen end), 0)::int as b
  from canteen_accounts a join users x on x.id = a.user_id join canteen_ledger l on a.id in (l.from_account_id, l.to_account_id) where x.username = ${username}`))[0]!.b;

beforeAll(async () => {
  t = await testApp();
  emp = await t.login('hlj.employee');
  organ = await t.login('hlj.organ');
  cook = await t.login('hlj.canteen');
  canteenId = ((await emp.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
});
afterAll(() => t.close());

describe('time rules (Asia/Shanghai)', () => {
  it('puts cutoffs at Shanghai wall-clock time whatever the server zone', () => {
    expect(cutoffInstant('2026-03-02', 1, '16:00').toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(cutoffInstant('2026-03-02', 0, '09:30').toISOString()).toBe('2026-03-02T01:30:00.000Z');
    // 23:30 UTC on 1 March is already 2 March 07:30 in Shanghai.
    expect(shanghaiDay(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiTime(new Date('2026-03-01T23:30:00Z'))).toBe('07:30');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
  });
});

describe('booking', () => {
  it('books next Monday lunch, charges once, refuses a second booking of the same meal', async () => {
    const before = await balance('hlj.employee');
    const res = await emp.post('/api/canteen/my/bookings', { canteenId, day: nextMonday, meal: 'lunch', idempotencyKey: 'test-book-0001' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'booked', charged: true, priceFen: 800 });
    expect(await balance('hlj.employee')).toBe(before - 800);
    // A retry with the same key returns the same booking and charges nothing more.
    const retry = await emp.post('/api/canteen/my/bookings', { canteenId, day: nextMonday, meal: 'lunch', idempotencyKey: 'test-book-0001' });
    expect(retry.json().id).toBe(res.json().id);
    expect(await balance('hlj.employee')).toBe(before - 800);
    const twice = await emp.post('/api/canteen/my/bookings', { canteenId, day: nextMonday, meal: 'lunch' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已报过');
  });

  it('concurrent retries with one idempotency key book and charge once', async () => {
    const before = await balance('hlj.employee');
    const body = { canteenId, day: addDays(nextMonday, 2), meal: 'breakfast', idempotencyKey: 'test-race-0001' };
    const results = await Promise.all(Array.from({ length: 5 }, () => emp.post('/api/canteen/my/bookings', body)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => (r.json() as { id: number }).id)).size).toBe(1);
    expect(await balance('hlj.employee')).toBe(before - 300);
  });

  it('cancels before the cutoff with a refund; the week view shows it bookable again', async () => {
    const before = await balance('hlj.employee');
    const b = (await emp.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 1), meal: 'dinner' })).json() as { id: number };
    expect(await balance('hlj.employee')).toBe(before - 800);
    expect((await emp.post(`/api/canteen/my/bookings/${b.id}/cancel`)).statusCode).toBe(200);
    expect(await balance('hlj.employee')).toBe(before);
    const week = (await emp.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${nextMonday}`)).json() as { day: string; meal: string; canBook: boolean; dishes: unknown[] }[];
    const tue = week.find((m) => m.day === addDays(nextMonday, 1) && m.meal === 'dinner')!;
    expect(tue.canBook).toBe(true);
    expect(tue.dishes.length).toBeGreaterThan(0);
    expect((await emp.post(`/api/canteen/my/bookings/${b.id}/cancel`)).statusCode).toBe(409);
  });

  it('refuses after the cutoff, on a closed day and on a holiday, changing nothing', async () => {
    const count = async () => (await q<{ n: number }>(sql`select count(*)::int as n from canteen_bookings`))[0]!.n;
    const n0 = await count();
    const late = await emp.post('/api/canteen/my/bookings', { canteenId, day: addDays(today, -1), meal: 'lunch' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('截止');
    const saturday = await emp.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 5), meal: 'lunch' });
    expect(saturday.statusCode).toBe(400);
    expect(saturday.json().error.message).toContain('不营业');
    expect((await cook.post(`/api/canteen/canteens/${canteenId}/holidays`, { day: addDays(nextMonday, 2), name: '调休' })).statusCode).toBe(200);
    const holiday = await emp.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 2), meal: 'lunch' });
    expect(holiday.json().error.message).toContain('调休');
    expect(await count()).toBe(n0);
  });

  it('answers in English when asked', async () => {
    const res = await emp.request({ method: 'POST', url: '/api/canteen/my/bookings', payload: { canteenId, day: addDays(today, -1), meal: 'lunch' }, headers: { 'accept-language': 'en' } });
    expect(res.json().error.message).toMatch(/Booking closed|截止/);
  });

  it('an absence entered once cancels and refunds the bookings it covers', async () => {
    const day = addDays(nextMonday, 3);
    await emp.post('/api/canteen/my/bookings', { canteenId, day, meal: 'lunch' });
    await emp.post('/api/canteen/my/bookings', { canteenId, day, meal: 'dinner' });
    const before = await balance('hlj.employee');
    const res = await emp.post('/api/canteen/my/absences', { kind: 'trip', fromDay: day, toDay: addDays(day, 1) });
    expect(res.json()).toMatchObject({ cancelled: 2, keptAfterCutoff: 0 });
    expect(await balance('hlj.employee')).toBe(before + 1600);
    expect((await emp.post('/api/canteen/my/bookings', { canteenId, day, meal: 'lunch' })).statusCode).toBe(400);
  });

  it('refuses staff of units the canteen does not serve', async () => {
    const hrb = await t.login('hrb.employee');
    const res = await hrb.post('/api/canteen/my/bookings', { canteenId, day: nextMonday, meal: 'lunch' });
    expect(res.statusCode).toBe(403);
  });
});

describe('takeaway and money under concurrency', () => {
  let itemId: number;
  it('never oversells the last portions', async () => {
    const item = await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '测试水饺', unit: '斤', priceFen: 100, stock: 3, slots: ['17:00-17:30'] });
    expect(item.statusCode).toBe(200);
    itemId = item.json().id;
    const clients = [emp, organ, await t.login('hlj.staff')];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 3]!.post('/api/canteen/my/orders', { itemId, quantity: 1, slot: '17:00-17:30' })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).every((r) => (r.json() as { error: { message: string } }).error.message.includes('库存不足'))).toBe(true);
    const [row] = await q<{ remaining: number; sold: number }>(sql`select remaining, (select coalesce(sum(quantity), 0)::int from canteen_takeaway_orders where item_id = ${itemId} and status <> 'cancelled') as sold from canteen_takeaway_items where id = ${itemId}`);
    expect(row).toEqual({ remaining: 0, sold: 3 });
    const beyond = await emp.post('/api/canteen/my/orders', { itemId, quantity: 1, slot: '17:00-17:30' });
    expect(beyond.statusCode).toBe(409);
    expect((await emp.post('/api/canteen/my/orders', { itemId, quantity: 1, slot: '09:00-09:30' })).statusCode).toBe(400);
  });

  it('refuses a quantity of 0, a negative or a fractional one, in zh and en, ordering and charging nothing', async () => {
    const item = (await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '测试包子', unit: '个', priceFen: 150, stock: 20, slots: ['17:00-17:30'] })).json() as { id: number };
    const before = await balance('hlj.employee');
    // The server answers in the signed-in person's language (a setting of theirs).
    for (const lang of ['zh-CN', 'en'] as const) {
      expect((await emp.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: lang } })).statusCode).toBe(200);
      for (const quantity of [0, -2, 0.5]) {
        const res = await emp.post('/api/canteen/my/orders', { itemId: item.id, quantity, slot: '17:00-17:30' });
        expect(res.statusCode).toBe(400);
        const error = (res.json() as { error: { message: string; details: { path: string; message: string }[] } }).error;
        expect(error.message).toBe(lang === 'en' ? 'Some input is invalid' : '输入有误');
        const detail = error.details.find((d) => d.path === 'body.quantity')?.message;
        expect(detail).toBe(lang === 'en' ? 'The quantity must be a whole number from 1 to 50' : '数量须为 1 到 50 之间的整数');
      }
    }
    await emp.request({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'zh-CN' } });
    expect(await balance('hlj.employee')).toBe(before);
    expect(await q(sql`select id from canteen_takeaway_orders where item_id = ${item.id}`)).toHaveLength(0);
    expect((await q<{ remaining: number }>(sql`select remaining from canteen_takeaway_items where id = ${item.id}`))[0]!.remaining).toBe(20);
  });

  it('concurrent charges on one account never go below zero and the ledger balances', async () => {
    const expensive = (await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '测试酱牛肉', unit: '斤', priceFen: 9000, stock: 500, slots: ['17:00-17:30'] })).json() as { id: number };
    const start = await balance('hlj.organ');
    const tries = Math.floor(start / 9000) + 4;
    const results = await Promise.all(Array.from({ length: tries }, () => organ.post('/api/canteen/my/orders', { itemId: expensive.id, quantity: 1, slot: '17:00-17:30' })));
    const ok = results.filter((r) => r.statusCode === 200).length;
    expect(ok).toBe(Math.floor(start / 9000));
    expect(results.filter((r) => r.statusCode === 409).every((r) => (r.json() as { error: { message: string } }).error.message.includes('余额不足'))).toBe(true);
    const end = await balance('hlj.organ');
    expect(end).toBe(start - ok * 9000);
    expect(end).toBeGreaterThanOrEqual(0);
    expect(await ledgerBalance('hlj.organ')).toBe(end);
    const [stock] = await q<{ remaining: number }>(sql`select remaining from canteen_takeaway_items where id = ${expensive.id}`);
    expect(stock!.remaining).toBe(500 - ok);
  });

  it('refuses negative or fractional fen and keeps balances out of direct reach', async () => {
    expect((await emp.post('/api/canteen/my/topups', { provider: 'testbank', canteenId, amountFen: 100.5, idempotencyKey: 'frac-000001' })).statusCode).toBe(400);
    expect((await emp.post('/api/canteen/my/topups', { provider: 'testbank', canteenId, amountFen: -100, idempotencyKey: 'neg-0000001' })).statusCode).toBe(400);
    expect((await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '负价', priceFen: -1, stock: 1, slots: ['17:00-17:30'] })).statusCode).toBe(400);
    await expect(t.database.db.execute(sql`update canteen_accounts set balance_fen = balance_fen + 100000 where kind = 'person'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from canteen_ledger`)).rejects.toThrow();
  });
});

describe('payments', () => {
  it('test bank: a signed callback credits once; a bad signature or a replay changes nothing', async () => {
    const p = (await emp.post('/api/canteen/my/topups', { provider: 'testbank', canteenId, amountFen: 20000, idempotencyKey: 'topup-00000001' })).json() as { id: number; payUrl: string; status: string };
    expect(p).toMatchObject({ status: 'pending', payUrl: `/m/pay/${p.id}` });
    const before = await balance('hlj.employee');
    const body = JSON.stringify({ paymentId: p.id, amountFen: 20000, status: 'paid', providerRef: 'TB-1', nonce: 'nonce-0001' });
    const send = (payload: string, signature: string) => t.anon.request({ method: 'POST', url: '/api/canteen/payments/testbank/callback', headers: { 'content-type': 'application/json', 'x-testbank-signature': signature }, payload });
    const forged = await send(body, signTestBank(body, 'wrong-secret'));
    expect(forged.statusCode).toBe(401);
    expect(await balance('hlj.employee')).toBe(before);
    const tampered = await send(body.replace('20000', '90000'), signTestBank(body));
    expect(tampered.statusCode).toBe(401);
    expect((await send(body, signTestBank(body))).statusCode).toBe(200);
    expect(await balance('hlj.employee')).toBe(before + 20000);
    expect((await send(body, signTestBank(body))).statusCode).toBe(409);
    const again = body.replace('nonce-0001', 'nonce-0002');
    expect((await send(again, signTestBank(again))).statusCode).toBe(409);
    expect(await balance('hlj.employee')).toBe(before + 20000);
    // Starting the same top-up again (a retried request) returns the paid payment, no new one.
    const retry = (await emp.post('/api/canteen/my/topups', { provider: 'testbank', canteenId, amountFen: 20000, idempotencyKey: 'topup-00000001' })).json() as { id: number; status: string };
    expect(retry).toMatchObject({ id: p.id, status: 'paid' });
  });

  it('cashier: cash at the counter, once per idempotency key; diners cannot use it', async () => {
    const before = await balance('hlj.staff');
    const body = { username: 'hlj.staff', canteenId, amountFen: 5000, idempotencyKey: 'cash-0000001' };
    expect((await cook.post('/api/canteen/cashier/topups', body)).json().balanceFen).toBe(before + 5000);
    expect((await cook.post('/api/canteen/cashier/topups', body)).json().balanceFen).toBe(before + 5000);
    expect((await emp.post('/api/canteen/cashier/topups', { ...body, idempotencyKey: 'cash-0000002' })).statusCode).toBe(403);
  });

  it('monthly subsidies go through approval and credit each diner once', async () => {
    const month = today.slice(0, 7);
    const res = await cook.post('/api/canteen/subsidy-batches', { canteenId, month });
    expect(res.statusCode).toBe(200);
    const batch = res.json() as { id: number; approvalId: number; people: number; totalFen: number };
    expect(batch.people).toBeGreaterThan(0);
    expect((await cook.post('/api/canteen/subsidy-batches', { canteenId, month })).statusCode).toBe(409);
    const before = await balance('hlj.employee');
    const staff = await t.login('hlj.staff');
    const ap = (await staff.get(`/api/approvals/${batch.approvalId}`)).json() as { version: number };
    const decided = await staff.post(`/api/approvals/${batch.approvalId}/decide`, { decision: 'approve', version: ap.version, comment: '同意' });
    expect(decided.statusCode).toBe(200);
    expect(await balance('hlj.employee')).toBe(before + 20000);
  });
});

describe('kitchen', () => {
  it('verifies a pickup code once and counts it served', async () => {
    const b = (await q<{ code: string }>(sql`insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, pickup_code)
      select c.id, c.org_unit_id, x.id, ${today}, 'breakfast', k.id, 0, 'TESTCODE01' from canteen_canteens c, users x, canteen_diner_categories k
      where c.id = ${canteenId} and x.username = 'hlj.staff' and k.canteen_id = c.id and k.is_default on conflict do nothing returning pickup_code as code`))[0];
    if (!b) return; // hlj.staff already has today's breakfast (cannot happen on a fresh database)
    const ok = await cook.post('/api/canteen/kitchen/pickup', { canteenId, code: 'gjc:testcode01' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'booking', name: '周明远' });
    const again = await cook.post('/api/canteen/kitchen/pickup', { canteenId, code: 'TESTCODE01' });
    expect(again.statusCode).toBe(409);
    expect((await cook.post('/api/canteen/kitchen/pickup', { canteenId, code: 'NOPE000000' })).statusCode).toBe(400);
    const sheet = (await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${today}&meal=breakfast`)).json() as { served: number };
    expect(sheet.served).toBeGreaterThanOrEqual(1);
  });

  it('prep sheet: bookings, forecast from history, dishes and takeaway', async () => {
    const res = await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${nextMonday}&meal=lunch`);
    expect(res.statusCode).toBe(200);
    const s = res.json() as { booked: number; forecast: { historyMeals: number; noShowRate: number; portions: number }; dishes: unknown[]; takeaway: { name: string; ordered: number }[] };
    expect(s.booked).toBeGreaterThanOrEqual(1);
    expect(s.forecast.historyMeals).toBe(8);
    expect(s.forecast.noShowRate).toBeGreaterThan(0);
    expect(s.dishes.length).toBeGreaterThan(0);
    expect(s.takeaway.find((x) => x.name === '测试水饺')!.ordered).toBe(3);
    expect((await emp.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${nextMonday}&meal=lunch`)).statusCode).toBe(403);
    const hrbCook = await t.login('hrb.canteen');
    expect((await hrbCook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${nextMonday}&meal=lunch`)).statusCode).toBe(404);
  });

  it('reads a pickup code from what a camera, a scanner or a person gives', () => {
    expect(parsePickupCode('GJC:ABCD23EFGH')).toBe('ABCD23EFGH');
    expect(parsePickupCode(' gjc:abcd 23efgh \n')).toBe('ABCD23EFGH');
    expect(parsePickupCode('abcd23efgh')).toBe('ABCD23EFGH');
    expect(parsePickupCode('https://example.com/pay?x=1')).toBeNull();
    expect(parsePickupCode('GJC:')).toBeNull();
    expect(parsePickupCode('')).toBeNull();
  });

  it('forecast and waste arithmetic', () => {
    const h = [{ booked: 100, bookedServed: 90, walkIns: 10, prepSurplusG: 4500 }, { booked: 100, bookedServed: 80, walkIns: 6, prepSurplusG: null }];
    const f = forecast(h, 200, 450);
    expect(f.noShowRate).toBe(0.15);
    expect(f.walkIns).toBe(8);
    expect(f.expectedDiners).toBe(178);
    // 4.5 kg surplus against 100 served × 450 g: share 4500 / 49500 ≈ 9.09 %.
    expect(f.surplusShare).toBeCloseTo(0.0909, 3);
    expect(f.portions).toBe(Math.ceil(178 * (1 - 4500 / 49500)));
    expect(forecast([], 50, 450)).toMatchObject({ noShowRate: 0, walkIns: 0, portions: 50 });
    expect(forecast([{ booked: 10, bookedServed: 10, walkIns: 0, prepSurplusG: 100000 }], 10, 450).surplusShare).toBe(0.3);
    expect(gramsPerMeal({ prepSurplusG: 1000, unservedG: 500, plateG: 1500 }, 100)).toBe(30);
    expect(gramsPerMeal({ prepSurplusG: null, unservedG: null, plateG: null }, 100)).toBeNull();
    expect(kgToGrams(1.234)).toBe(1234);
  });

  it('records waste in kg, reports grams per meal, and feeds the forecast', async () => {
    const day = addDays(today, -1);
    const before = (await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${nextMonday}&meal=dinner`)).json() as { forecast: { surplusShare: number } };
    const res = await cook.put('/api/canteen/kitchen/meal-service', { canteenId, day, meal: 'dinner', prepSurplusKg: 40.5, unservedKg: 2, plateKg: 3.25 });
    expect(res.statusCode).toBe(200);
    const rows = (await cook.get(`/api/canteen/waste?from=${day}&to=${day}&canteenId=${canteenId}`)).json() as { meal: string; prepSurplusKg: number; gramsPerMeal: number; served: number }[];
    const dinner = rows.find((r) => r.meal === 'dinner')!;
    expect(dinner.prepSurplusKg).toBe(40.5);
    expect(dinner.gramsPerMeal).toBeCloseTo(Math.round((45750 / dinner.served) * 10) / 10, 1);
    const after = (await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${nextMonday}&meal=dinner`)).json() as { forecast: { surplusShare: number } };
    expect(after.forecast.surplusShare).toBeGreaterThan(before.forecast.surplusShare);
    expect((await cook.put('/api/canteen/kitchen/meal-service', { canteenId, day, meal: 'dinner', plateKg: -1 })).statusCode).toBe(400);
  });

  it('reception meals over the per-person standard are flagged', async () => {
    const ok = (await cook.post('/api/canteen/receptions', { canteenId, day: today, meal: 'lunch', purpose: '省财政厅调研', guests: 4, hosts: 2, costFen: 60000 })).json() as { exceeded: boolean; limitFen: number };
    expect(ok).toMatchObject({ exceeded: false, limitFen: 72000 });
    const over = (await cook.post('/api/canteen/receptions', { canteenId, day: today, meal: 'lunch', purpose: '检查组接待', guests: 2, hosts: 1, costFen: 50000 })).json() as { exceeded: boolean };
    expect(over.exceeded).toBe(true);
    const notes = await q<{ n: number }>(sql`select count(*)::int as n from notifications where kind = 'notify.canteen.reception_exceeded'`);
    expect(notes[0]!.n).toBeGreaterThan(0);
  });
});

describe('set-up', () => {
  it('manages dishes (photo as a kernel file), menus and closed days', async () => {
    const dish = (await cook.post(`/api/canteen/canteens/${canteenId}/dishes`, { name: '测试炖菜', category: 'main', priceFen: 1250, allergens: ['花生'], nutrition: { kcal: 300 } })).json() as { id: number };
    expect((await cook.post(`/api/canteen/canteens/${canteenId}/dishes`, { name: '测试炖菜', category: 'main', priceFen: 1 })).statusCode).toBe(409);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const up = await cook.request({ method: 'POST', url: '/api/files', ...multipart({ name: 'dish.png', data: png }, { objectType: 'canteen_dish', objectId: String(dish.id) }) });
    expect(up.statusCode).toBe(200);
    expect((await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${dish.id}`, { photoFileId: up.json().id, priceFen: 1300 })).statusCode).toBe(200);
    expect((await emp.request({ method: 'POST', url: '/api/files', ...multipart({ name: 'dish.png', data: png }, { objectType: 'canteen_dish', objectId: String(dish.id) }) })).statusCode).toBe(403);
    const day = addDays(nextMonday, 7);
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day, meal: 'lunch', dishIds: [dish.id] })).statusCode).toBe(200);
    const menus = (await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${day}&to=${day}`)).json() as { meal: string; dishIds: number[] }[];
    expect(menus).toEqual([{ day, meal: 'lunch', dishIds: [dish.id], stocks: [] }]);
    const week = (await emp.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${day}`)).json() as { meal: string; day: string; dishes: { name: string; priceFen: number; photoFileId: number | null; allergens: string[] }[] }[];
    expect(week.find((m) => m.day === day && m.meal === 'lunch')!.dishes).toMatchObject([{ name: '测试炖菜', priceFen: 1300, allergens: ['花生'] }]);
    const hrbDish = (await q<{ id: number }>(sql`select d.id from canteen_dishes d join canteen_canteens c on c.id = d.canteen_id where c.name = '哈尔滨市机关食堂' limit 1`))[0]!.id;
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day, meal: 'lunch', dishIds: [hrbDish] })).statusCode).toBe(400);
    expect((await cook.post(`/api/canteen/canteens/${canteenId}/holidays`, { day, name: '元旦' })).json().holidays).toContainEqual({ day, name: '元旦' });
    expect((await cook.del(`/api/canteen/canteens/${canteenId}/holidays/${day}`)).json().holidays).not.toContainEqual({ day, name: '元旦' });
    expect((await emp.post(`/api/canteen/canteens/${canteenId}/dishes`, { name: 'x', category: 'main', priceFen: 1 })).statusCode).toBe(403);
  });

  it('a diner registered as a retiree pays the retiree price', async () => {
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/diners`, { username: 'hlj.staff', categoryCode: 'retiree' })).statusCode).toBe(200);
    const staff = await t.login('hlj.staff');
    const week = (await staff.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${nextMonday}`)).json() as { day: string; meal: string; priceFen: number }[];
    expect(week.find((m) => m.day === nextMonday && m.meal === 'lunch')!.priceFen).toBe(600);
    const b = await staff.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 1), meal: 'lunch' });
    expect(b.json().priceFen).toBe(600);
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/diners`, { username: 'nobody.here', categoryCode: 'retiree' })).statusCode).toBe(400);
  });
});

describe('bureau view, metrics and exports', () => {
  it('shows every canteen in scope with figures; Harbin sees only its own', async () => {
    const staff = await t.login('hlj.staff');
    const from = addDays(today, -56);
    const rows = (await staff.get(`/api/canteen/bureau?from=${from}&to=${today}`)).json() as { canteenName: string; served: number; noShowRate: number; wastePerMealG: number; revenueFen: number }[];
    expect(rows.map((r) => r.canteenName)).toEqual(['省直机关第一食堂', '哈尔滨市机关食堂', '宾县机关食堂']);
    expect(rows.every((r) => r.served > 0 && r.noShowRate > 0 && r.wastePerMealG > 0)).toBe(true);
    expect(rows[0]!.revenueFen).toBeGreaterThan(0);
    const hrb = (await (await t.login('hrb.staff')).get(`/api/canteen/bureau?from=${from}&to=${today}`)).json() as { canteenName: string }[];
    expect(hrb.map((r) => r.canteenName)).toEqual(['哈尔滨市机关食堂', '宾县机关食堂']);
    const unit = (await q<{ id: number }>(sql`select id from org_units where region_code = '230000'`))[0]!.id;
    const m = await staff.get(`/api/metrics/values?keys=canteen.waste_per_meal,canteen.no_show_rate&unitId=${unit}&from=${from}&to=${today}`);
    expect(m.statusCode).toBe(200);
    // The cockpit's figures (read from the meal tallies alone) are the bureau view's, summed over the province's canteens.
    const figs = await canteenFigures(t.database.db, sql`true`, from, today);
    const sum = (k: 'wasteG' | 'wasteServed' | 'noShows' | 'pastBooked') => figs.reduce((n, x) => n + x[k], 0);
    const values = Object.fromEntries((m.json() as { key: string; value: number | null }[]).map((x) => [x.key, x.value]));
    expect(values['canteen.waste_per_meal']).toBe(Math.round((sum('wasteG') / sum('wasteServed')) * 10) / 10);
    expect(values['canteen.no_show_rate']).toBe(Math.round((sum('noShows') / sum('pastBooked')) * 1000) / 10);
    expect(values['canteen.no_show_rate']).toBeGreaterThan(0);
  });

  it('suggestions reach the canteen, not other cities', async () => {
    expect((await emp.post('/api/canteen/my/suggestions', { canteenId, body: '希望增加杂粮主食' })).statusCode).toBe(200);
    const list = (await cook.get(`/api/canteen/suggestions?from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).json() as { body: string }[];
    expect(list.map((x) => x.body)).toContain('希望增加杂粮主食');
    const hrb = (await (await t.login('hrb.canteen')).get(`/api/canteen/suggestions?from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).json() as { body: string }[];
    expect(hrb.map((x) => x.body)).not.toContain('希望增加杂粮主食');
  });

  it('exports the quarterly food-saving report and statements as Excel', async () => {
    const staff = await t.login('hlj.staff');
    const month = Number(today.slice(5, 7));
    const rep = await staff.get(`/api/canteen/waste/quarterly-report?year=${today.slice(0, 4)}&quarter=${Math.ceil(month / 3)}`);
    expect(rep.statusCode).toBe(200);
    expect(rep.headers['content-type']).toContain('spreadsheetml');
    expect((await cook.get(`/api/canteen/statements/export?canteenId=${canteenId}&month=${today.slice(0, 7)}`)).statusCode).toBe(200);
    expect((await emp.get(`/api/canteen/my/statement/export?month=${today.slice(0, 7)}`)).statusCode).toBe(200);
  });
});

describe('dishes pre-ordered with a booking', () => {
  const tuesday = addDays(nextMonday, 1);
  it('books lunch with chosen dishes; the prep sheet counts them per dish', async () => {
    const week = (await organ.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${nextMonday}`)).json() as { day: string; meal: string; dishChoice: boolean; dishes: { id: number; name: string; category: string }[] }[];
    const lunch = week.find((m) => m.day === tuesday && m.meal === 'lunch')!;
    expect(lunch.dishChoice).toBe(true);
    const staple = lunch.dishes.find((d) => d.category === 'staple')!;
    const side = lunch.dishes.find((d) => d.category !== 'staple')!;
    const before = (await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${tuesday}&meal=lunch`)).json() as { booked: number; bookedWithoutChoice: number; dishes: { dishId: number; preordered: number }[] };
    const res = await organ.post('/api/canteen/my/bookings', { canteenId, day: tuesday, meal: 'lunch', idempotencyKey: 'test-dish-0001', dishes: [{ dishId: staple.id, portions: 2 }, { dishId: side.id, portions: 1 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().dishes).toEqual([{ dishId: staple.id, name: staple.name, portions: 2 }, { dishId: side.id, name: side.name, portions: 1 }]);
    const again = (await organ.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${nextMonday}`)).json() as { day: string; meal: string; booking: { dishes: { dishId: number; portions: number }[] } | null }[];
    expect(again.find((m) => m.day === tuesday && m.meal === 'lunch')!.booking!.dishes).toEqual(expect.arrayContaining([{ dishId: staple.id, portions: 2 }, { dishId: side.id, portions: 1 }]));
    const sheet = (await cook.get(`/api/canteen/kitchen/sheet?canteenId=${canteenId}&day=${tuesday}&meal=lunch`)).json() as { booked: number; bookedWithoutChoice: number; forecast: { portions: number }; dishes: { dishId: number; preordered: number; portions: number }[] };
    expect(sheet.booked).toBe(before.booked + 1);
    expect(sheet.bookedWithoutChoice).toBe(before.bookedWithoutChoice);
    const row = sheet.dishes.find((d) => d.dishId === staple.id)!;
    expect(row.preordered).toBe(before.dishes.find((d) => d.dishId === staple.id)!.preordered + 2);
    expect(row.portions).toBe(dishPortions(row.preordered + sheet.bookedWithoutChoice, sheet.booked, sheet.forecast.portions));
    const history = (await organ.get('/api/canteen/my/bookings')).json() as { id: number; dishes: { name: string }[] }[];
    expect(history.find((b) => b.id === res.json().id)!.dishes.map((d) => d.name)).toEqual([staple.name, side.name]);
  });

  it('refuses a dish not on that menu, a dish twice, or choosing where the canteen does not allow it, changing nothing', async () => {
    const count = async () => (await q<{ n: number }>(sql`select (select count(*) from canteen_bookings)::int + (select count(*) from canteen_booking_dishes)::int as n`))[0]!.n;
    const n0 = await count();
    const dishes = (await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as { id: number }[];
    const menu = (await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${tuesday}&to=${tuesday}`)).json() as { meal: string; dishIds: number[] }[];
    const onMenu = menu.find((m) => m.meal === 'dinner')!.dishIds;
    const notOnMenu = dishes.find((d) => !onMenu.includes(d.id))!.id;
    const bad = await emp.post('/api/canteen/my/bookings', { canteenId, day: tuesday, meal: 'dinner', dishes: [{ dishId: notOnMenu, portions: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('不在');
    const twice = await emp.post('/api/canteen/my/bookings', { canteenId, day: tuesday, meal: 'dinner', dishes: [{ dishId: onMenu[0], portions: 1 }, { dishId: onMenu[0], portions: 2 }] });
    expect(twice.statusCode).toBe(400);
    expect((await emp.post('/api/canteen/my/bookings', { canteenId, day: tuesday, meal: 'dinner', dishes: [{ dishId: onMenu[0], portions: 6 }] })).statusCode).toBe(400);
    const hrb = await t.login('hrb.employee');
    const hrbCanteen = ((await hrb.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
    const hrbWeek = (await hrb.get(`/api/canteen/my/week?canteenId=${hrbCanteen}&from=${nextMonday}`)).json() as { day: string; meal: string; dishChoice: boolean; dishes: { id: number }[] }[];
    const m = hrbWeek.find((x) => x.day === tuesday && x.meal === 'dinner')!;
    expect(m.dishChoice).toBe(false);
    const off = await hrb.post('/api/canteen/my/bookings', { canteenId: hrbCanteen, day: tuesday, meal: 'dinner', dishes: [{ dishId: m.dishes[0]!.id, portions: 1 }] });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.message).toContain('不支持');
    expect(await count()).toBe(n0);
  });

  it('per-dish forecast arithmetic', () => {
    // 40 bookings, 30 portions forecast for the meal; 12 pre-ordered + 10 bookings without a choice → ⌈22 × 30 / 40⌉ = 17.
    expect(dishPortions(22, 40, 30)).toBe(17);
    expect(dishPortions(40, 40, 30)).toBe(30);
    expect(dishPortions(0, 40, 30)).toBe(0);
    expect(dishPortions(0, 0, 12)).toBe(12);
  });
});

describe('overdraft, standards, editing, replies', () => {
  it('canteen staff set an overdraft up to the maximum in force; charges stop exactly there', async () => {
    const bureau = await t.login('hlj.staff');
    // The province bureau sets a new maximum (versioned, effective today); Harbin may not.
    expect((await (await t.login('hrb.staff')).post('/api/canteen/standards/overdraft', { source: '哈尔滨试图修改', effectiveFrom: today, maxFen: 1 })).statusCode).toBe(403);
    expect((await bureau.post('/api/canteen/standards/overdraft', { source: '省局食堂管理办法(测试)第十条', effectiveFrom: today, maxFen: 20000 })).statusCode).toBe(200);
    expect((await bureau.post('/api/canteen/standards/overdraft', { source: '更早的版本', effectiveFrom: addDays(today, -1), maxFen: 30000 })).statusCode).toBe(400);
    const over = await cook.put(`/api/canteen/canteens/${canteenId}/overdraft`, { username: 'hlj.staff', overdraftFen: 20001 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('上限');
    expect((await emp.put(`/api/canteen/canteens/${canteenId}/overdraft`, { username: 'hlj.staff', overdraftFen: 100 })).statusCode).toBe(403);
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/overdraft`, { username: 'hrb.employee', overdraftFen: 100 })).statusCode).toBe(400);
    const set = await cook.put(`/api/canteen/canteens/${canteenId}/overdraft`, { username: 'hlj.staff', overdraftFen: 5000 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ overdraftFen: 5000, maxFen: 20000 });
    const audited = await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'canteen.overdraft.set'`);
    expect(audited[0]!.n).toBeGreaterThanOrEqual(1);
    // Spend the balance and 30 yuan more, then 20.01 yuan more is refused and exactly 20 is allowed.
    const start = await balance('hlj.staff');
    const mk = async (name: string, priceFen: number) => (await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name, priceFen, stock: 5, slots: ['17:00-17:30'] })).json().id as number;
    const a = await mk('透支测试甲', start + 3000);
    const b = await mk('透支测试乙', 2001);
    const c = await mk('透支测试丙', 2000);
    expect((await bureau.post('/api/canteen/my/orders', { itemId: a, quantity: 1, slot: '17:00-17:30' })).statusCode).toBe(200);
    expect(await balance('hlj.staff')).toBe(-3000);
    const beyond = await bureau.post('/api/canteen/my/orders', { itemId: b, quantity: 1, slot: '17:00-17:30' });
    expect(beyond.statusCode).toBe(409);
    expect(await balance('hlj.staff')).toBe(-3000);
    expect((await bureau.post('/api/canteen/my/orders', { itemId: c, quantity: 1, slot: '17:00-17:30' })).statusCode).toBe(200);
    expect(await balance('hlj.staff')).toBe(-5000);
    expect(await ledgerBalance('hlj.staff')).toBe(-5000);
    // The overdraft cannot be cut below what the person already owes.
    const cut = await cook.put(`/api/canteen/canteens/${canteenId}/overdraft`, { username: 'hlj.staff', overdraftFen: 1000 });
    expect(cut.statusCode).toBe(400);
    expect(((await cook.get(`/api/canteen/canteens/${canteenId}/overdraft?username=hlj.staff`)).json() as { overdraftFen: number }).overdraftFen).toBe(5000);
  });

  it('reception standards: a new version with its source, province bureau only; placeholders marked', async () => {
    const before = (await cook.get('/api/canteen/standards')).json() as { reception: { key: string; inForce: boolean; placeholder: boolean }[]; overdraft: { source: string; effectiveFrom: string; placeholder: boolean }[] };
    expect(before.reception.filter((x) => x.inForce).every((x) => x.placeholder)).toBe(true);
    // The seeded overdraft maximum cites its source in Chinese only, like the reception standards
    // (the page shows "to be confirmed" in the reader's language through the placeholder tag).
    expect(before.overdraft.find((x) => x.effectiveFrom === '2024-01-01')).toMatchObject({ source: '初始值(待省机关事务管理局确认)', placeholder: true });
    const body = { source: '黑龙江省公务接待管理办法(测试版本)', effectiveFrom: addDays(today, 1), breakfastFen: 3000, lunchFen: 12000, dinnerFen: 12000 };
    expect((await cook.post('/api/canteen/standards/reception', body)).statusCode).toBe(403);
    expect((await (await t.login('hrb.staff')).post('/api/canteen/standards/reception', body)).statusCode).toBe(403);
    const bureau = await t.login('hlj.staff');
    expect((await bureau.post('/api/canteen/standards/reception', { ...body, lunchFen: 0 })).statusCode).toBe(400);
    expect((await bureau.post('/api/canteen/standards/reception', body)).statusCode).toBe(200);
    const after = (await bureau.get('/api/canteen/standards')).json() as { reception: { key: string; source: string; inForce: boolean; placeholder: boolean; effectiveFrom: string }[] };
    const added = after.reception.filter((x) => x.effectiveFrom === body.effectiveFrom);
    expect(added).toHaveLength(3);
    expect(added.every((x) => !x.placeholder && !x.inForce)).toBe(true);
    expect((await bureau.post('/api/canteen/standards/reception', body)).statusCode).toBe(400);
  });

  it('takeaway items: edit, never below what is ordered; withdraw keeps existing orders', async () => {
    const item = (await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '编辑测试豆包', priceFen: 150, stock: 10, slots: ['17:00-17:30'] })).json() as { id: number };
    expect((await emp.post('/api/canteen/my/orders', { itemId: item.id, quantity: 4, slot: '17:00-17:30' })).statusCode).toBe(200);
    const low = await cook.patch(`/api/canteen/takeaway/${item.id}`, { stock: 3 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.message).toContain('已预订的 4');
    const ok = await cook.patch(`/api/canteen/takeaway/${item.id}`, { stock: 6, priceFen: 200, name: '编辑测试红豆包' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stock: 6, remaining: 2, ordered: 4, priceFen: 200, name: '编辑测试红豆包' });
    expect((await (await t.login('hrb.canteen')).patch(`/api/canteen/takeaway/${item.id}`, { stock: 8 })).statusCode).toBe(404);
    const w = await cook.post(`/api/canteen/takeaway/${item.id}/withdraw`);
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ withdrawn: true, canOrder: false, stock: 4, remaining: 0, ordered: 4 });
    const list = (await emp.get(`/api/canteen/my/takeaway?canteenId=${canteenId}`)).json() as { id: number }[];
    expect(list.map((x) => x.id)).not.toContain(item.id);
    expect((await emp.post('/api/canteen/my/orders', { itemId: item.id, quantity: 1, slot: '17:00-17:30' })).statusCode).toBe(400);
    expect(((await emp.get('/api/canteen/my/orders')).json() as { itemId: number; status: string }[]).find((o) => o.itemId === item.id)!.status).toBe('ordered');
  });

  it('canteens: edit and deactivate; diners no longer see a deactivated canteen', async () => {
    const mine = (await cook.get('/api/canteen/canteens')).json() as { id: number; orgUnitId: number }[];
    const unit = mine.find((c) => c.id === canteenId)!.orgUnitId;
    const created = await cook.post('/api/canteen/canteens', { orgUnitId: unit, name: '测试二食堂', eligibleUnitIds: [unit] });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    const staffUser = await t.login('hlj.staff');
    expect(((await staffUser.get('/api/canteen/my/canteens')).json() as { id: number }[]).map((c) => c.id)).toContain(id);
    const edited = await cook.patch(`/api/canteen/canteens/${id}`, { name: '测试二食堂(东区)', allowDishChoice: true, openWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '测试二食堂(东区)', allowDishChoice: true, openWeekdays: [1, 2, 3, 4, 5, 6], active: true });
    expect((await cook.patch(`/api/canteen/canteens/${id}`, { name: '省直机关第一食堂' })).statusCode).toBe(409);
    const busy = await cook.patch(`/api/canteen/canteens/${canteenId}`, { active: false });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toContain('暂不能停用');
    expect((await (await t.login('hrb.canteen')).patch(`/api/canteen/canteens/${id}`, { active: false })).statusCode).toBe(404);
    const off = await cook.patch(`/api/canteen/canteens/${id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(((await staffUser.get('/api/canteen/my/canteens')).json() as { id: number }[]).map((c) => c.id)).not.toContain(id);
    expect(((await cook.get('/api/canteen/canteens')).json() as { id: number; active: boolean }[]).find((c) => c.id === id)!.active).toBe(false);
    expect((await cook.patch(`/api/canteen/canteens/${id}`, { active: true })).json()).toMatchObject({ active: true });
  });

  it('the canteen replies to a suggestion and the diner sees the reply', async () => {
    expect((await emp.post('/api/canteen/my/suggestions', { canteenId, body: '周五能否加一道鱼' })).statusCode).toBe(200);
    const list = (await cook.get(`/api/canteen/suggestions?from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).json() as { id: number; body: string; reply: string | null }[];
    const sug = list.find((x) => x.body === '周五能否加一道鱼')!;
    expect(sug.reply).toBeNull();
    expect((await (await t.login('hrb.canteen')).post(`/api/canteen/suggestions/${sug.id}/reply`, { reply: '不是我们' })).statusCode).toBe(404);
    expect((await emp.post(`/api/canteen/suggestions/${sug.id}/reply`, { reply: '自己回复' })).statusCode).toBe(403);
    expect((await cook.post(`/api/canteen/suggestions/${sug.id}/reply`, { reply: '下周五起午餐增加红烧鲤鱼' })).statusCode).toBe(200);
    const mine = (await emp.get('/api/canteen/my/suggestions')).json() as { body: string; reply: string | null; repliedAt: string | null }[];
    expect(mine.find((x) => x.body === '周五能否加一道鱼')).toMatchObject({ reply: '下周五起午餐增加红烧鲤鱼' });
    expect(mine.find((x) => x.body === '周五能否加一道鱼')!.repliedAt).not.toBeNull();
  });
});

describe('audit of the one-statement writes', () => {
  it('a booking and an order carry exactly one audit record each, written with them; refusals write none; the chain verifies', async () => {
    const staffUser = await t.login('hlj.staff');
    expect((await cook.post('/api/canteen/cashier/topups', { username: 'hlj.staff', canteenId, amountFen: 20000, idempotencyKey: 'test-audit-topup-1' })).statusCode).toBe(200);
    const b = await staffUser.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 3), meal: 'dinner', idempotencyKey: 'test-audit-0001' });
    expect(b.statusCode).toBe(200);
    expect((await staffUser.post('/api/canteen/my/bookings', { canteenId, day: addDays(nextMonday, 3), meal: 'dinner', idempotencyKey: 'test-audit-0001' })).json().id).toBe(b.json().id);
    const records = async (type: string, id: number) => (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where object_type = ${type} and object_id = ${String(id)} and action like '%create'`))[0]!.n;
    expect(await records('canteen_booking', b.json().id)).toBe(1);
    const before = (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'canteen.booking.create'`))[0]!.n;
    expect((await staffUser.post('/api/canteen/my/bookings', { canteenId, day: addDays(today, -1), meal: 'lunch' })).statusCode).toBe(400);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'canteen.booking.create'`))[0]!.n).toBe(before);
    const item = (await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name: '审计测试花卷', priceFen: 100, stock: 5, slots: ['17:00-17:30'] })).json() as { id: number };
    const o = await staffUser.post('/api/canteen/my/orders', { itemId: item.id, quantity: 1, slot: '17:00-17:30' });
    expect(o.statusCode).toBe(200);
    expect(await records('canteen_takeaway_order', o.json().id)).toBe(1);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
