import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { addDays, mondayOf, shanghaiDay } from './time';

// Dates derive from the clock: Wednesday of next week is at least two days ahead whatever the day
// and hour, so its lunch (same-day 09:30 cutoff in the demo) is always bookable and cancellable.
let t: TestApp;
let cook: Client;
let canteenId: number;
const wednesday = addDays(mondayOf(shanghaiDay(new Date())), 9);
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
interface DishRow { id: number; name: string; category: string; priceFen: number; allergens: string[]; nutrition: { kcal?: number; proteinG?: number }; active: boolean }

beforeAll(async () => {
  t = await testApp();
  cook = await t.login('hlj.canteen');
  const emp = await t.login('hlj.employee');
  canteenId = ((await emp.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
});
afterAll(() => t.close());

describe('dish editing', () => {
  it('edits every field of a dish with validation; stop and resume sales', async () => {
    const dishes = (await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as DishRow[];
    const d = dishes.find((x) => x.category === 'main')!;
    const other = dishes.find((x) => x.id !== d.id)!;
    const ok = await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${d.id}`, { name: '测试红烧肉', category: 'side', priceFen: 1250, allergens: ['大豆', '小麦'], nutrition: { kcal: 520, proteinG: 21.5 } });
    expect(ok.statusCode).toBe(200);
    let after = ((await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as DishRow[]).find((x) => x.id === d.id)!;
    expect(after).toMatchObject({ name: '测试红烧肉', category: 'side', priceFen: 1250, allergens: ['大豆', '小麦'], nutrition: { kcal: 520, proteinG: 21.5 }, active: true });
    // Bad input: fractional or negative fen, an empty name, another dish's name — nothing changes.
    for (const bad of [{ priceFen: 12.5 }, { priceFen: -1 }, { name: ' ' }, { nutrition: { kcal: -5 } }, { category: 'snack' }]) {
      expect((await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${d.id}`, bad)).statusCode).toBe(400);
    }
    const taken = await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${d.id}`, { name: other.name });
    expect(taken.statusCode).toBe(409);
    after = ((await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as DishRow[]).find((x) => x.id === d.id)!;
    expect(after).toMatchObject({ name: '测试红烧肉', priceFen: 1250 });
    // Stop sales: still listed for the canteen (marked), gone from diners' menus; resume brings it back.
    const emp = await t.login('hlj.employee');
    const onMenu = async () => ((await emp.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${addDays(wednesday, -2)}`)).json() as { dishes: { id: number }[] }[]).some((m) => m.dishes.some((x) => x.id === d.id));
    expect(await onMenu()).toBe(true);
    expect((await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${d.id}`, { active: false })).statusCode).toBe(200);
    expect(((await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as DishRow[]).find((x) => x.id === d.id)!.active).toBe(false);
    expect(await onMenu()).toBe(false);
    expect((await cook.patch(`/api/canteen/canteens/${canteenId}/dishes/${d.id}`, { active: true })).statusCode).toBe(200);
    expect(await onMenu()).toBe(true);
    const actions = await q<{ action: string }>(sql`select action from audit_log where object_type = 'canteen_dish' and object_id = ${String(d.id)} order by id`);
    expect(actions.map((a) => a.action)).toEqual(['canteen.dish.update', 'canteen.dish.stop', 'canteen.dish.resume']);
  });
});

describe('per-dish price and stock in the dish choice', () => {
  it('concurrent bookings never take a dish beyond its stock; the charge adds the dishes’ prices; cancelling gives the portions back', async () => {
    // Six diners of the finance department (signed in like anyone else).
    const unit = (await q<{ id: number }>(sql`select org_unit_id as id from users where username = 'hlj.organ'`))[0]!.id;
    await t.database.db.execute(sql`insert into users (username, display_name, org_unit_id, password_hash, must_change_password)
      select 'dishrace' || g, '点菜测试' || g, ${unit}, (select password_hash from users where username = 'hlj.employee'), false from generate_series(1, 6) g`);
    await t.database.db.execute(sql`insert into role_assignments (user_id, role_id, scope_unit_id) select x.id, (select id from roles where code = 'employee'), ${unit} from users x where x.username like 'dishrace%'`);
    const diners = await Promise.all(Array.from({ length: 6 }, (_, i) => t.login(`dishrace${i + 1}`)));
    const cashier = await t.login('hlj.canteen');
    for (let i = 0; i < 6; i++) expect((await cashier.post('/api/canteen/cashier/topups', { canteenId, username: `dishrace${i + 1}`, amountFen: 10000, idempotencyKey: `dishrace-topup-${i}` })).statusCode).toBe(200);

    expect((await cook.patch(`/api/canteen/canteens/${canteenId}`, { pricePerDish: true })).statusCode).toBe(200);
    const menu = ((await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${wednesday}&to=${wednesday}`)).json() as { meal: string; dishIds: number[] }[]).find((m) => m.meal === 'lunch')!;
    const dishes = (await cook.get(`/api/canteen/canteens/${canteenId}/dishes`)).json() as DishRow[];
    const [limited, free] = menu.dishIds.map((id) => dishes.find((d) => d.id === id)!);
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day: wednesday, meal: 'lunch', dishIds: menu.dishIds, stocks: [{ dishId: limited!.id, stock: 3 }] })).statusCode).toBe(200);
    const week = (await diners[0]!.get(`/api/canteen/my/week?canteenId=${canteenId}&from=${addDays(wednesday, -2)}`)).json() as { day: string; meal: string; priceFen: number; pricePerDish: boolean; dishes: { id: number; priceFen: number; remaining: number | null }[] }[];
    const lunch = week.find((m) => m.day === wednesday && m.meal === 'lunch')!;
    expect(lunch.pricePerDish).toBe(true);
    expect(lunch.dishes.find((d) => d.id === limited!.id)!.remaining).toBe(3);
    expect(lunch.dishes.find((d) => d.id === free!.id)!.remaining).toBeNull();

    // Six diners at once want the limited dish (one portion each) and one portion of the free one.
    const results = await Promise.all(diners.map((c, i) => c.post('/api/canteen/my/bookings', { canteenId, day: wednesday, meal: 'lunch', idempotencyKey: `dishrace-book-${i}`, dishes: [{ dishId: limited!.id, portions: 1 }, { dishId: free!.id, portions: 1 }] })));
    const won = results.filter((r) => r.statusCode === 200);
    const lost = results.filter((r) => r.statusCode !== 200);
    expect(won).toHaveLength(3);
    expect(lost.map((r) => r.statusCode)).toEqual([409, 409, 409]);
    for (const r of lost) expect((r.json() as { error: { message: string } }).error.message).toMatch(/仅剩 0 份|刚被订完/);
    const price = lunch.priceFen + limited!.priceFen + free!.priceFen;
    for (const r of won) expect(r.json()).toMatchObject({ priceFen: price, charged: true });
    const [row] = await q<{ remaining: number; sold: number; bookings: number; charged: number }>(sql`select m.remaining,
        (select coalesce(sum(bd.portions), 0)::int from canteen_booking_dishes bd join canteen_bookings b on b.id = bd.booking_id where bd.dish_id = m.dish_id and b.day = m.day and b.meal = 'lunch' and b.status <> 'cancelled') as sold,
        (select count(*)::int from canteen_bookings b join users x on x.id = b.user_id where x.username like 'dishrace%') as bookings,
        (select coalesce(sum(l.amount_fen), 0)::int from canteen_ledger l join canteen_accounts a on a.id = l.from_account_id join users x on x.id = a.user_id where x.username like 'dishrace%' and l.kind = 'charge') as charged
      from canteen_menu_items m where m.canteen_id = ${canteenId} and m.day = ${wednesday} and m.meal = 'lunch' and m.dish_id = ${limited!.id}`);
    expect(row).toEqual({ remaining: 0, sold: 3, bookings: 3, charged: 3 * price });

    // The stock cannot go below what is pre-ordered; cancelling gives the portion back.
    const below = await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day: wednesday, meal: 'lunch', dishIds: menu.dishIds, stocks: [{ dishId: limited!.id, stock: 2 }] });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.message).toContain('不能少于已预订的 3 份');
    const winner = diners[results.indexOf(won[0]!)]!;
    expect((await winner.post(`/api/canteen/my/bookings/${(won[0]!.json() as { id: number }).id}/cancel`)).statusCode).toBe(200);
    expect((await q<{ remaining: number }>(sql`select remaining from canteen_menu_items where canteen_id = ${canteenId} and day = ${wednesday} and meal = 'lunch' and dish_id = ${limited!.id}`))[0]!.remaining).toBe(1);
    // Two portions where one is left: refused with what is left, nothing booked.
    const loser = diners[results.indexOf(lost[0]!)]!;
    const two = await loser.post('/api/canteen/my/bookings', { canteenId, day: wednesday, meal: 'lunch', dishes: [{ dishId: limited!.id, portions: 2 }] });
    expect(two.statusCode).toBe(409);
    expect(two.json().error.message).toContain('仅剩 1 份');
    const one = await loser.post('/api/canteen/my/bookings', { canteenId, day: wednesday, meal: 'lunch', dishes: [{ dishId: limited!.id, portions: 1 }] });
    expect(one.statusCode).toBe(200);
    expect(one.json().priceFen).toBe(lunch.priceFen + limited!.priceFen);
    // Raising the stock keeps what is ordered: 5 in stock, 3 ordered → 2 left.
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/menus`, { day: wednesday, meal: 'lunch', dishIds: menu.dishIds, stocks: [{ dishId: limited!.id, stock: 5 }] })).statusCode).toBe(200);
    const stocks = ((await cook.get(`/api/canteen/canteens/${canteenId}/menus?from=${wednesday}&to=${wednesday}`)).json() as { meal: string; stocks: { dishId: number; stock: number; remaining: number }[] }[]).find((m) => m.meal === 'lunch')!.stocks;
    expect(stocks).toEqual([{ dishId: limited!.id, stock: 5, remaining: 2 }]);
  });
});
