import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/helpers';
import { addDays, mondayOf, shanghaiDay } from './time';

let t: TestApp;
const today = shanghaiDay(new Date());
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('rating dishes', () => {
  it('a diner rates a dish of a meal they were served, once per dish and day (a new rating replaces it); anything else is refused', async () => {
    const emp = await t.login('hlj.employee');
    // The demo's history: hlj.employee was served lunch on past working days.
    const [served] = await q<{ day: string; dishId: number; canteenId: number }>(sql`select to_char(b.day, 'YYYY-MM-DD') as day, m.dish_id as "dishId", b.canteen_id as "canteenId"
      from canteen_bookings b join users u on u.id = b.user_id join canteen_menu_items m on m.canteen_id = b.canteen_id and m.day = b.day and m.meal = b.meal
      where u.username = 'hlj.employee' and b.status = 'served' order by b.day desc, m.dish_id limit 1`);
    expect(served).toBeDefined();
    const rated = async () => q<{ stars: number; comment: string | null }>(sql`select r.stars, r.comment from canteen_ratings r join users u on u.id = r.user_id where u.username = 'hlj.employee' and r.dish_id = ${served!.dishId} and r.day = ${served!.day}`);
    expect((await emp.post('/api/canteen/my/ratings', { dishId: served!.dishId, day: served!.day, stars: 4, comment: '咸淡合适' })).statusCode).toBe(200);
    expect((await emp.post('/api/canteen/my/ratings', { dishId: served!.dishId, day: served!.day, stars: 2 })).statusCode).toBe(200);
    expect(await rated()).toEqual([{ stars: 2, comment: null }]);
    const audits = await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'canteen.rating' and object_id = ${String(served!.dishId)} and username = 'hlj.employee'`);
    expect(audits[0]!.n).toBe(2);

    // Bad input: stars out of 1–5 or fractional, a day not eaten, a dish not on that meal's menu,
    // another canteen's dish: refused, nothing stored.
    for (const stars of [0, 6, 2.5]) expect((await emp.post('/api/canteen/my/ratings', { dishId: served!.dishId, day: served!.day, stars })).statusCode).toBe(400);
    const future = addDays(mondayOf(today), 9);
    const notEaten = await emp.post('/api/canteen/my/ratings', { dishId: served!.dishId, day: future, stars: 5 });
    expect(notEaten.statusCode).toBe(400);
    expect(notEaten.json().error.message).toContain('只能评价您当天已就餐的菜品');
    const [offMenu] = await q<{ id: number }>(sql`select d.id from canteen_dishes d where d.canteen_id = ${served!.canteenId}
      and not exists (select 1 from canteen_menu_items m where m.dish_id = d.id and m.day = ${served!.day}) limit 1`);
    if (offMenu) expect((await emp.post('/api/canteen/my/ratings', { dishId: offMenu.id, day: served!.day, stars: 5 })).statusCode).toBe(400);
    const [harbin] = await q<{ id: number }>(sql`select d.id from canteen_dishes d join canteen_canteens c on c.id = d.canteen_id where c.name = '哈尔滨市机关食堂' limit 1`);
    expect((await emp.post('/api/canteen/my/ratings', { dishId: harbin!.id, day: served!.day, stars: 5 })).statusCode).toBe(403);
    expect(await rated()).toEqual([{ stars: 2, comment: null }]);
  });
});

describe('demo data', () => {
  it('the bureau view shows meals in proportion to the registered diners, and canteens that differ in ratings, revenue and no-shows', async () => {
    const staff = await t.login('hlj.staff');
    const from = addDays(today, -56);
    const rows = (await staff.get(`/api/canteen/bureau?from=${from}&to=${today}`)).json() as { canteenName: string; diners: number; booked: number; avgStars: number | null; revenueFen: number; noShowRate: number | null }[];
    expect(rows.map((r) => r.canteenName)).toEqual(['省直机关第一食堂', '哈尔滨市机关食堂', '宾县机关食堂']);
    // The kitchen tallies follow each canteen's registered diners: a working day's meals book about
    // 80–95 % of them at lunch (breakfast half, dinner a third of that).
    const days = (await q<{ n: number }>(sql`select count(distinct day)::int as n from canteen_meal_services where day between ${from} and ${today}`))[0]!.n;
    for (const r of rows) {
      expect(r.diners).toBeGreaterThanOrEqual(3);
      const lunchPerDay = r.booked / days / 1.85;
      expect(lunchPerDay / r.diners).toBeGreaterThan(0.6);
      expect(lunchPerDay / r.diners).toBeLessThan(1.1);
      expect(r.noShowRate).not.toBeNull();
    }
    // The county canteen (charging at pickup) has more no-shows.
    expect(rows[2]!.noShowRate!).toBeGreaterThan(rows[0]!.noShowRate!);
    // Ratings and revenue differ per canteen.
    expect(new Set(rows.map((r) => r.avgStars)).size).toBe(3);
    expect(rows.every((r) => r.avgStars !== null && r.avgStars >= 1 && r.avgStars <= 5)).toBe(true);
    expect(new Set(rows.map((r) => r.revenueFen)).size).toBe(3);
    expect(rows.every((r) => r.revenueFen > 0)).toBe(true);
    // Every seeded balance equals its ledger sum.
    const [off] = await q<{ n: number }>(sql`select count(*)::int as n from canteen_accounts a where a.kind = 'person'
      and a.balance_fen <> coalesce((select sum(case when l.to_account_id = a.id then l.amount_fen else -l.amount_fen end) from canteen_ledger l where a.id in (l.from_account_id, l.to_account_id)), 0)`);
    expect(off!.n).toBe(0);
  });
});

describe('charging at pickup (configurable per canteen)', () => {
  it('at the county canteen a booking charges nothing; verifying its pickup code charges it once; cancelling an uncharged booking refunds nothing', async () => {
    const emp = await t.login('bx.employee');
    const cook = await t.login('bx.canteen');
    const canteen = ((await emp.get('/api/canteen/my/canteens')).json() as { id: number; name: string; chargeMode: string }[]).find((c) => c.name === '宾县机关食堂')!;
    expect(canteen.chargeMode).toBe('pickup');
    const balance = async () => ((await emp.get('/api/canteen/my/account')).json() as { account: { balanceFen: number } }).account.balanceFen;
    const start = await balance();
    const wednesday = addDays(mondayOf(today), 9);
    const booked = await emp.post('/api/canteen/my/bookings', { canteenId: canteen.id, day: wednesday, meal: 'lunch', idempotencyKey: 'bx-pickup-charge-1' });
    expect(booked.statusCode).toBe(200);
    expect(booked.json()).toMatchObject({ charged: false });
    expect(await balance()).toBe(start);
    expect((await emp.post(`/api/canteen/my/bookings/${(booked.json() as { id: number }).id}/cancel`)).statusCode).toBe(200);
    expect(await balance()).toBe(start);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from canteen_ledger where key like ${`booking:${(booked.json() as { id: number }).id}:%`}`))[0]!.n).toBe(0);

    // Today's meal (made in time; inserted, so the test holds at any hour): the code is verified at
    // the counter and the meal is charged then, once.
    const [b] = await q<{ id: number; price: number }>(sql`insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, charged, pickup_code)
      select c.id, c.org_unit_id, x.id, ${today}, 'dinner', k.id, k.dinner_fen, false, 'BXPICKUP01' from canteen_canteens c, users x, canteen_diner_categories k
      where c.id = ${canteen.id} and x.username = 'bx.employee' and k.canteen_id = c.id and k.is_default returning id::int as id, price_fen as price`);
    const ok = await cook.post('/api/canteen/kitchen/pickup', { canteenId: canteen.id, code: 'BXPICKUP01' });
    expect(ok.statusCode).toBe(200);
    expect(await balance()).toBe(start - b!.price);
    expect((await cook.post('/api/canteen/kitchen/pickup', { canteenId: canteen.id, code: 'BXPICKUP01' })).statusCode).toBe(409);
    expect(await balance()).toBe(start - b!.price);
    const ledger = await q<{ key: string; amount: number }>(sql`select key, amount_fen::int as amount from canteen_ledger where key like ${`booking:${b!.id}:%`}`);
    expect(ledger).toEqual([{ key: `booking:${b!.id}:charge`, amount: b!.price }]);
  });
});
