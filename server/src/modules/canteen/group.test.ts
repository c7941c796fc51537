import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { verifyAuditChain } from '../../kernel/audit/audit.service';
import { bookingGroup, bookMeal } from './booking.group';
import { orderGroup, placeOrder } from './order.group';
import { addDays, mondayOf, shanghaiDay } from './time';

// Group commit (合并提交): concurrent bookings and orders are written together, one statement and
// one commit per group, and every request still gets its own answer. The requests are made through
// the services the routes call, all at once: over HTTP on the embedded database (one connection)
// each request's earlier queries queue behind the previous write, so groups only form on PostgreSQL.
let t: TestApp;
let cook: Client;
let diners: Client[];
let people: { userId: number; orgUnitId: number; username: string }[];
let canteenId: number;
const nextMonday = addDays(mondayOf(shanghaiDay(new Date())), 7);
const tuesday = addDays(nextMonday, 1);
const saturday = addDays(nextMonday, 5);
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
const balances = async () => new Map((await q<{ u: string; b: number; l: number }>(sql`select x.username as u, a.balance_fen::int as b,
    coalesce((select sum(case when l.to_account_id = a.id then l.amount_fen else -l.amount_fen end) from canteen_ledger l where a.id in (l.from_account_id, l.to_account_id)), 0)::int as l
  from canteen_accounts a join users x on x.id = a.user_id where x.username like 'grp%'`)).map((r) => [r.u, r]));
const auditCount = async (action: string, ids: number[]) => (await q<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and object_id = any(${`{${ids.join(',')}}`}::text[])`))[0]!.n;
type Answer<T> = { ok: true; value: T } | { ok: false; code: string };
const answer = <T>(p: Promise<T>): Promise<Answer<T>> => p.then((value) => ({ ok: true as const, value }), (e: { code?: string }) => ({ ok: false as const, code: String(e.code) }));
const codes = (a: Answer<unknown>[]) => a.map((x) => (x.ok ? 'ok' : x.code));
const subject = (p: { userId: number; orgUnitId: number; username: string }) => ({ userId: p.userId, username: p.username, orgUnitId: p.orgUnitId, ip: '127.0.0.1' });

beforeAll(async () => {
  t = await testApp();
  cook = await t.login('hlj.canteen');
  const unit = (await q<{ id: number }>(sql`select org_unit_id as id from users where username = 'hlj.employee'`))[0]!.id;
  await t.database.db.execute(sql`insert into users (username, display_name, org_unit_id, password_hash, must_change_password)
    select 'grp' || g, '合并测试' || g, ${unit}, (select password_hash from users where username = 'hlj.employee'), false from generate_series(1, 10) g`);
  await t.database.db.execute(sql`insert into role_assignments (user_id, role_id, scope_unit_id) select x.id, (select id from roles where code = 'employee'), ${unit} from users x where x.username like 'grp%'`);
  diners = await Promise.all(Array.from({ length: 10 }, (_, i) => t.login(`grp${i + 1}`)));
  people = await q(sql`select id as "userId", org_unit_id as "orgUnitId", username from users where username like 'grp%' order by id`);
  canteenId = ((await diners[0]!.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
  // Everyone has ¥100, except grp8 who has ¥1.
  for (let i = 0; i < 10; i++) expect((await cook.post('/api/canteen/cashier/topups', { canteenId, username: `grp${i + 1}`, amountFen: i === 7 ? 100 : 10000, idempotencyKey: `grp-topup-${i}` })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('group commit of the lunch rush', () => {
  it('writes concurrent bookings together; each gets its own booking or its own error, charged and audited once', async () => {
    const pre = await diners[9]!.post('/api/canteen/my/bookings', { canteenId, day: tuesday, meal: 'lunch', idempotencyKey: 'grp-pre-booking' });
    expect(pre.statusCode, pre.body).toBe(200);
    const book = (i: number, day: string, key?: string) => answer(bookMeal(t.database.db, people[i]!, subject(people[i]!), { canteenId, day, meal: 'lunch', ...(key ? { idempotencyKey: key } : {}) }, new Date()));
    const largest = bookingGroup(t.database.db).stats.largest;
    const results = await Promise.all([
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => book(i, tuesday, `grp-book-${i}`)),
      book(7, tuesday, 'grp-book-7'), // ¥1 cannot pay
      book(8, saturday, 'grp-book-8'), // the canteen is closed
      book(9, tuesday), // already booked that meal
      book(0, tuesday, 'grp-book-0'), // grp1's retry, sent at the same time
    ]);
    expect(bookingGroup(t.database.db).stats.largest).toBeGreaterThan(Math.max(largest, 1));
    expect(codes(results)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'canteen_insufficient_balance', 'canteen_closed_day', 'canteen_already_booked', 'ok']);
    const made = results.slice(0, 7).map((r) => (r as { value: { booking: { id: number; pickupCode: string; priceFen: number; charged: boolean; day: string } } }).value.booking);
    expect((results[10] as { value: { booking: { id: number }; created: boolean } }).value).toMatchObject({ booking: { id: made[0]!.id }, created: false });
    expect(new Set(made.map((b) => b.id)).size).toBe(7);
    expect(new Set(made.map((b) => b.pickupCode)).size).toBe(7);
    for (const b of made) expect(b).toMatchObject({ day: tuesday, charged: true, priceFen: made[0]!.priceFen });
    expect(made[0]!.priceFen).toBeGreaterThan(0);
    const bal = await balances();
    for (let i = 0; i < 7; i++) expect(bal.get(`grp${i + 1}`)).toEqual({ u: `grp${i + 1}`, b: 10000 - made[0]!.priceFen, l: 10000 - made[0]!.priceFen });
    expect(bal.get('grp8')).toMatchObject({ b: 100, l: 100 });
    const [rows] = await q<{ bookings: number; charges: number }>(sql`select (select count(*)::int from canteen_bookings b join users x on x.id = b.user_id where x.username like 'grp%' and b.day = ${tuesday}) as bookings,
      (select count(*)::int from canteen_ledger where key = any(${`{${made.map((b) => `booking:${b.id}:charge`).join(',')}}`}::text[])) as charges`);
    expect(rows).toEqual({ bookings: 8, charges: 7 });
    expect(await auditCount('canteen.booking.create', made.map((b) => b.id))).toBe(7);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    // The diners see their bookings as usual.
    expect(((await diners[3]!.get('/api/canteen/my/bookings')).json() as { id: number }[]).map((b) => b.id)).toContain(made[3]!.id);
  });

  it('serves orders in turn when a group wants more than is left (never oversold), and writes the rest as one group', async () => {
    const add = async (name: string, stock: number) => ((await cook.post(`/api/canteen/canteens/${canteenId}/takeaway`, { day: nextMonday, name, unit: '份', priceFen: 500, stock, slots: ['17:00-17:30'] })).json() as { id: number }).id;
    const scarce = await add('合并测试包子', 4);
    const plenty = await add('合并测试饺子', 100);
    const order = (i: number, itemId: number) => answer(placeOrder(t.database.db, people[i]!, subject(people[i]!), { itemId, quantity: 1, slot: '17:00-17:30', idempotencyKey: `grp-order-${itemId}-${i}` }, new Date()));
    const before = await balances();

    const largest = orderGroup(t.database.db).stats.largest;
    const few = await Promise.all(people.map((_, i) => order(i, scarce)));
    expect(orderGroup(t.database.db).stats.largest).toBeGreaterThan(Math.max(largest, 1));
    expect(few.filter((r) => r.ok)).toHaveLength(4);
    // The group wanted 9 portions of 4: its requests were served one by one, in order; grp8 (¥1)
    // is refused for the money or, once the 4 are gone, for the stock, as a lone request would be.
    expect(few[7]!.ok).toBe(false);
    expect(codes(few).filter((c) => c !== 'ok').every((c) => c === 'canteen_sold_out' || c === 'canteen_insufficient_balance')).toBe(true);
    expect(codes(few).filter((c) => c === 'canteen_sold_out').length).toBeGreaterThanOrEqual(5);
    const [sold] = await q<{ remaining: number; sold: number }>(sql`select remaining, (select coalesce(sum(quantity), 0)::int from canteen_takeaway_orders where item_id = ${scarce}) as sold from canteen_takeaway_items where id = ${scarce}`);
    expect(sold).toEqual({ remaining: 0, sold: 4 });

    const many = await Promise.all(people.map((_, i) => order(i, plenty)));
    // grp8 (¥1) cannot pay ¥5; everyone else gets their own order.
    expect(codes(many)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'canteen_insufficient_balance', 'ok', 'ok']);
    const ids = many.flatMap((r) => (r.ok ? [r.value.order.id] : []));
    expect(new Set(ids).size).toBe(9);
    expect(await auditCount('canteen.order.create', ids)).toBe(9);
    const [left] = await q<{ remaining: number }>(sql`select remaining from canteen_takeaway_items where id = ${plenty}`);
    expect(left!.remaining).toBe(91);
    const after = await balances();
    const scarceWinners = new Set(few.map((r, i) => (r.ok ? `grp${i + 1}` : '')).filter(Boolean));
    for (let i = 0; i < 10; i++) {
      const u = `grp${i + 1}`;
      const spent = (scarceWinners.has(u) ? 500 : 0) + (many[i]!.ok ? 500 : 0);
      expect(after.get(u)).toEqual({ u, b: before.get(u)!.b - spent, l: before.get(u)!.b - spent });
    }
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
