import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { addDays, mondayOf, shanghaiDay } from './time';

// Wednesday of next week is at least two days ahead at any hour of any day: its lunch can be
// booked, changed and cancelled.
let t: TestApp;
let cook: Client;
let emp: Client;
let canteenId: number;
const wednesday = addDays(mondayOf(shanghaiDay(new Date())), 9);
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
interface BookingDto { id: number; priceFen: number; status: string; charged: boolean; dishes: { dishId: number; portions: number }[] }

beforeAll(async () => {
  t = await testApp();
  cook = await t.login('hlj.canteen');
  emp = await t.login('hlj.employee');
  canteenId = ((await emp.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
});
afterAll(() => t.close());

const balance = async () => ((await emp.get('/api/canteen/my/account')).json() as { account: { balanceFen: number } }).account.balanceFen;
const remainingOf = async (dishId: number) => (await q<{ remaining: number | null }>(sql`select remaining from canteen_menu_items where canteen_id = ${canteenId} and day = ${wednesday} and meal = 'lunch' and dish_id = ${dishId}`))[0]!.remaining;

describe('changing a booking’s dishes (改菜) before the cutoff', () => {
  it('adjusts stock and price in one transaction, charges or refunds the difference in the ledger, audited; bad input changes nothing', async () => {
    expect((await cook.patch(`/api/canteen/canteens/${canteenId}`, { pricePerDish: true })).statusCode).toBe(200);
    const menu = ((await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${wednesday}&to=${wednesday}`)).json() as { meal: string; dishIds: number[] }[]).find((m) => m.meal === 'lunch')!;
    const [a, b] = menu.dishIds;
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day: wednesday, meal: 'lunch', dishIds: menu.dishIds, stocks: [{ dishId: a!, stock: 2 }] })).statusCode).toBe(200);
    const week = async () => ((await emp.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${addDays(wednesday, -2)}`)).json() as { day: string; meal: string; priceFen: number; canChangeDishes: boolean; dishes: { id: number; priceFen: number }[] }[]).find((m) => m.day === wednesday && m.meal === 'lunch')!;
    const lunch = await week();
    const price = (id: number) => lunch.dishes.find((d) => d.id === id)!.priceFen;
    expect(lunch.canChangeDishes).toBe(false); // nothing booked yet

    const booked = await emp.post('/api/canteen/my/bookings', { canteenId, day: wednesday, meal: 'lunch', idempotencyKey: 'change-test-book', dishes: [{ dishId: a!, portions: 1 }] });
    expect(booked.statusCode).toBe(200);
    const bk = booked.json() as BookingDto;
    expect(bk).toMatchObject({ priceFen: lunch.priceFen + price(a!), charged: true });
    expect(await remainingOf(a!)).toBe(1);
    expect((await week()).canChangeDishes).toBe(true);
    const start = await balance();

    // More of the limited dish and another dish: the difference is charged, the stock taken.
    const up = await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: a!, portions: 2 }, { dishId: b!, portions: 1 }] });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ id: bk.id, status: 'booked', priceFen: lunch.priceFen + 2 * price(a!) + price(b!) });
    expect((up.json() as BookingDto).dishes!.map((d) => [d.dishId, d.portions]).sort()).toEqual([[a!, 2], [b!, 1]].sort());
    expect(await remainingOf(a!)).toBe(0);
    expect(await balance()).toBe(start - price(a!) - price(b!));

    // Bad input: beyond the stock, a dish twice, a dish not on this menu, someone else's booking —
    // clear errors and nothing changed.
    const other = (await q<{ id: number }>(sql`select d.id from canteen_dishes d where d.canteen_id = ${canteenId} and d.id <> all(${`{${menu.dishIds.join(',')}}`}::int[]) limit 1`))[0];
    const beyond = await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: a!, portions: 3 }] });
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().error.message).toContain('仅剩 2 份');
    expect((await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: b!, portions: 1 }, { dishId: b!, portions: 2 }] })).statusCode).toBe(400);
    if (other) expect((await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: other.id, portions: 1 }] })).statusCode).toBe(400);
    expect((await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: a!, portions: 1.5 }] })).statusCode).toBe(400);
    const stranger = await t.login('hlj.organ');
    expect((await stranger.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [] })).statusCode).toBe(404);
    expect(await remainingOf(a!)).toBe(0);
    expect(await balance()).toBe(start - price(a!) - price(b!));

    // Fewer dishes: the portions go back and the difference is refunded.
    const down = await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: b!, portions: 1 }] });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ priceFen: lunch.priceFen + price(b!), dishes: [{ dishId: b!, portions: 1 }] });
    expect(await remainingOf(a!)).toBe(2);
    // Paid now: the first charge, + (a + b), − 2a: one meal + b in all.
    expect(await balance()).toBe(start - price(b!) + price(a!));
    // The same choice again (a retried request) changes nothing.
    expect((await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: b!, portions: 1 }] })).statusCode).toBe(200);

    const ledger = await q<{ key: string; kind: string; amount: number }>(sql`select key, kind, amount_fen::int as amount from canteen_ledger where key like ${`booking:${bk.id}:%`} order by id`);
    expect(ledger).toEqual([
      { key: `booking:${bk.id}:charge`, kind: 'charge', amount: lunch.priceFen + price(a!) },
      { key: `booking:${bk.id}:change:1`, kind: 'charge', amount: price(a!) + price(b!) },
      { key: `booking:${bk.id}:change:2`, kind: 'refund', amount: 2 * price(a!) },
    ]);
    // What the diner paid in all equals the booking's price; the balance is its ledger sum.
    const [acct] = await q<{ balance: number; sum: number }>(sql`select a.balance_fen::int as balance, (select coalesce(sum(case when l.to_account_id = a.id then l.amount_fen else -l.amount_fen end), 0)::int from canteen_ledger l where a.id in (l.from_account_id, l.to_account_id)) as sum
      from canteen_accounts a join users u on u.id = a.user_id where u.username = 'hlj.employee' and a.kind = 'person'`);
    expect(acct!.balance).toBe(acct!.sum);
    expect(ledger[0]!.amount + ledger[1]!.amount - ledger[2]!.amount).toBe(lunch.priceFen + price(b!));
    const audits = await q<{ before: { priceFen: number }; after: { priceFen: number; differenceFen: number } }>(sql`select before, after from audit_log where action = 'canteen.booking.dishes' and object_id = ${String(bk.id)} order by id`);
    expect(audits.map((x) => x.after.differenceFen)).toEqual([price(a!) + price(b!), -2 * price(a!), 0]);

    // Cancelling refunds exactly what is left charged.
    const before = await balance();
    expect((await emp.post(`/api/canteen/my/bookings/${bk.id}/cancel`)).statusCode).toBe(200);
    expect(await balance()).toBe(before + lunch.priceFen + price(b!));
    // A cancelled booking's dishes cannot be changed.
    const gone = await emp.put(`/api/canteen/my/bookings/${bk.id}/dishes`, { dishes: [{ dishId: a!, portions: 1 }] });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.message).toContain('不能改菜');
  });

  it('is refused after the cutoff, and beyond the allowed overdraft, with nothing changed', async () => {
    // A live booking for a lunch 40 days ago (as if made in time; the demo's history is shorter): its cutoff has passed.
    const yesterday = addDays(shanghaiDay(new Date()), -40);
    const [u] = await q<{ id: number; unit: number }>(sql`select id, org_unit_id as unit from users where username = 'hlj.employee'`);
    const [old] = await q<{ id: number }>(sql`insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, charged, pickup_code)
      select ${canteenId}, c.org_unit_id, ${u!.id}, ${yesterday}, 'lunch', (select category_id from canteen_diners where canteen_id = ${canteenId} and user_id = ${u!.id}), 0, false, 'CHANGETEST1'
      from canteen_canteens c where c.id = ${canteenId}
      on conflict do nothing returning id::int as id`);
    const id = old?.id ?? (await q<{ id: number }>(sql`select id::int as id from canteen_bookings where user_id = ${u!.id} and day = ${yesterday} and meal = 'lunch' and status <> 'cancelled'`))[0]!.id;
    const late = await emp.put(`/api/canteen/my/bookings/${id}/dishes`, { dishes: [] });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('已过改菜截止时间');

    // A diner with ¥0 books a meal with a dish on overdraft 0: more dishes would go below zero.
    const menu = ((await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${wednesday}&to=${wednesday}`)).json() as { meal: string; dishIds: number[] }[]).find((m) => m.meal === 'dinner' || m.meal === 'lunch')!;
    const unit = (await q<{ id: number }>(sql`select org_unit_id as id from users where username = 'hlj.organ'`))[0]!.id;
    await t.database.db.execute(sql`insert into users (username, display_name, org_unit_id, password_hash, must_change_password) values ('changepoor', '改菜测试', ${unit}, (select password_hash from users where username = 'hlj.employee'), false)`);
    await t.database.db.execute(sql`insert into role_assignments (user_id, role_id, scope_unit_id) select x.id, (select id from roles where code = 'employee'), ${unit} from users x where x.username = 'changepoor'`);
    const poor = await t.login('changepoor');
    const week = ((await poor.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${addDays(wednesday, -2)}`)).json() as { day: string; meal: string; priceFen: number; dishes: { id: number; priceFen: number }[] }[]).find((m) => m.day === wednesday && m.meal === menu.meal)!;
    const d = week.dishes[0]!;
    const exact = week.priceFen + d.priceFen;
    const cashier = await t.login('hlj.canteen');
    expect((await cashier.post('/api/canteen/cashier/topups', { canteenId, username: 'changepoor', amountFen: exact, idempotencyKey: 'changepoor-topup' })).statusCode).toBe(200);
    const bk = await poor.post('/api/canteen/my/bookings', { canteenId, day: wednesday, meal: menu.meal, dishes: [{ dishId: d.id, portions: 1 }] });
    expect(bk.statusCode).toBe(200);
    const more = await poor.put(`/api/canteen/my/bookings/${(bk.json() as BookingDto).id}/dishes`, { dishes: [{ dishId: d.id, portions: 2 }] });
    expect(more.statusCode).toBe(409);
    expect(more.json().error.code).toBe('canteen_insufficient_balance');
    const [after] = await q<{ portions: number; price: number }>(sql`select bd.portions, b.price_fen as price from canteen_bookings b join canteen_booking_dishes bd on bd.booking_id = b.id where b.id = ${(bk.json() as BookingDto).id}`);
    expect(after).toEqual({ portions: 1, price: exact });
    expect(((await poor.get('/api/canteen/my/account')).json() as { account: { balanceFen: number } }).account.balanceFen).toBe(0);
  });
});
