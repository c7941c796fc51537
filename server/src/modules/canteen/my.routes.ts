import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Ok } from '@guanjia/contracts';
import { AbsenceCreate, AbsenceResult, Account, Booking, BookingCreate, BookingDishesUpdate, LedgerLine, MenuMeal, MyCanteen, Order, OrderCreate, Payment, RatingCreate, Suggestion, SuggestionCreate, TakeawayItem, TopUpCreate, WeekQuery } from '@guanjia/contracts/canteen';
import { audit } from '../../kernel/audit/audit.service';
import { AppError, fromDbError, invalid, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { bookMeal } from './booking.group';
import { assertEligible, bookingById, bookingByKey, cancelBooking, changeBookingDishes, canteensFor, loadCanteen, myBookings, recordAbsence, weekMenu } from './booking.service';
import { balanceOf } from './ledger';
import { completeCallback, providerOf, signTestBank, testBankCallbackBody } from './payments';
import { cancelOrder, itemsForDiner, myOrders, orderByKey } from './takeaway.service';
import { placeOrder } from './order.group';
import { addDays, mondayOf, shanghaiDay } from './time';

const tags = ['canteen'];
const use = { permission: 'canteen.use' };
const isConstraint = (e: unknown, name: string) => {
  const err = e as { constraint?: string; cause?: { constraint?: string } };
  return (err.constraint ?? err.cause?.constraint) === name;
};
/** The contract's order with the quantity's own message: "a whole number from 1 to 50" (0, −2, 0.5 named as such). */
const OrderBody = OrderCreate.extend({ quantity: z.number().int('canteen_quantity').min(1, 'canteen_quantity').max(50, 'canteen_quantity') });

/** The diner's own routes (the phone pages): everything is the caller's own, checked by user id. */
export async function myRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/canteen/my/canteens', { config: use, schema: { tags, response: { 200: z.array(MyCanteen) } } }, (req) => canteensFor(app.db, actorOf(req).orgUnitId));

  r.get('/api/canteen/my/week', { config: use, schema: { tags, querystring: WeekQuery, response: { 200: z.array(MenuMeal) } } }, (req) => {
    const a = actorOf(req);
    const now = new Date();
    return weekMenu(app.db, a, req.query.canteenId, req.query.from ?? mondayOf(shanghaiDay(now)), now);
  });

  r.post('/api/canteen/my/bookings', { config: use, schema: { tags, body: BookingCreate, response: { 200: Booking } } }, async (req) => {
    const a = actorOf(req);
    try {
      // One statement: the booking, its dishes, the charge and the audit record (booking.service.ts).
      return (await bookMeal(app.db, a, subjectOf(req), req.body, new Date())).booking;
    } catch (e) {
      // Two concurrent retries with one key: the loser (a key or meal conflict, raised once the
      // winner committed) returns what the winner booked.
      if (req.body.idempotencyKey && (isConstraint(e, 'canteen_bookings_idem_uq') || (e instanceof AppError && e.code === 'canteen_already_booked'))) {
        const prior = await bookingByKey(app.db, a.userId, req.body.idempotencyKey);
        if (prior) return bookingById(app.db, prior.id);
      }
      throw fromDbError(e) ?? e;
    }
  });

  r.post('/api/canteen/my/bookings/:id/cancel', { config: use, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const a = actorOf(req);
    await app.db.transaction(async (tx) => {
      const b = await cancelBooking(tx, a.userId, req.params.id, new Date(), 'self');
      await audit(tx, subjectOf(req), { action: 'canteen.booking.cancel', objectType: 'canteen_booking', objectId: req.params.id, after: b });
    });
    return { ok: true as const };
  });

  // 改菜: change a live booking's dishes before its cutoff, in one transaction (stock, price, ledger difference, audit).
  r.put('/api/canteen/my/bookings/:id/dishes', { config: use, schema: { tags, params: IdParam, body: BookingDishesUpdate, response: { 200: Booking } } }, async (req) => {
    const a = actorOf(req);
    await app.db.transaction(async (tx) => {
      const change = await changeBookingDishes(tx, a.userId, req.params.id, req.body.dishes, new Date());
      await audit(tx, subjectOf(req), { action: 'canteen.booking.dishes', objectType: 'canteen_booking', objectId: req.params.id, before: change.before, after: { ...change.after, differenceFen: change.differenceFen } });
    });
    return bookingById(app.db, req.params.id);
  });

  r.get('/api/canteen/my/bookings', { config: use, schema: { tags, response: { 200: z.array(Booking) } } }, (req) => myBookings(app.db, actorOf(req).userId));

  r.get('/api/canteen/my/takeaway', { config: use, schema: { tags, querystring: z.object({ canteenId: z.coerce.number().int().positive() }), response: { 200: z.array(TakeawayItem) } } }, async (req) => {
    await assertEligible(app.db, req.query.canteenId, actorOf(req).orgUnitId);
    const today = shanghaiDay(new Date());
    return itemsForDiner(app.db, req.query.canteenId, today, addDays(today, 6));
  });

  r.post('/api/canteen/my/orders', { config: use, schema: { tags, body: OrderBody, response: { 200: Order } } }, async (req) => {
    const a = actorOf(req);
    try {
      // One statement: the stock, the order, the charge and the audit record (takeaway.service.ts).
      return (await placeOrder(app.db, a, subjectOf(req), req.body, new Date())).order;
    } catch (e) {
      if (req.body.idempotencyKey && isConstraint(e, 'canteen_takeaway_orders_idem_uq')) {
        const prior = await orderByKey(app.db, a.userId, req.body.idempotencyKey);
        if (prior) return prior;
      }
      throw fromDbError(e) ?? e;
    }
  });

  r.post('/api/canteen/my/orders/:id/cancel', { config: use, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const a = actorOf(req);
    await app.db.transaction(async (tx) => {
      await cancelOrder(tx, a.userId, req.params.id, new Date());
      await audit(tx, subjectOf(req), { action: 'canteen.order.cancel', objectType: 'canteen_takeaway_order', objectId: req.params.id });
    });
    return { ok: true as const };
  });

  r.get('/api/canteen/my/orders', { config: use, schema: { tags, response: { 200: z.array(Order) } } }, (req) => myOrders(app.db, actorOf(req).userId));

  r.get('/api/canteen/my/account', { config: use, schema: { tags, response: { 200: z.object({ account: Account, lines: z.array(LedgerLine) }) } } }, async (req) => {
    const a = actorOf(req);
    const account = await app.db.transaction((tx) => balanceOf(tx, a.userId));
    const lines = (await app.db.execute(sql`select l.id::int as id, to_char(l.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, l.kind,
        (case when l.to_account_id = ${account.id} then l.amount_fen else -l.amount_fen end)::int as "amountFen", l.memo, null::int as "balanceAfterFen"
      from canteen_ledger l where l.from_account_id = ${account.id} or l.to_account_id = ${account.id} order by l.id desc limit 100`)).rows as LedgerLine[];
    let bal = account.balanceFen;
    for (const l of lines) {
      l.balanceAfterFen = bal;
      bal -= l.amountFen;
    }
    return { account, lines };
  });

  r.post('/api/canteen/my/topups', { config: use, schema: { tags, body: TopUpCreate, response: { 200: Payment } } }, async (req) => {
    const a = actorOf(req);
    const provider = providerOf(req.body.provider);
    if (!provider) throw new AppError('canteen_provider_disabled', 400);
    await assertEligible(app.db, req.body.canteenId, a.orgUnitId);
    const c = await loadCanteen(app.db, req.body.canteenId);
    const id = await app.db.transaction(async (tx) => {
      const ins = await tx.execute(sql`insert into canteen_payments (provider, user_id, org_unit_id, canteen_id, amount_fen, idempotency_key)
        values (${provider.code}, ${a.userId}, ${c.orgUnitId}, ${c.id}, ${req.body.amountFen}, ${req.body.idempotencyKey})
        on conflict (user_id, idempotency_key) do nothing returning id::int as id`);
      const newId = (ins.rows[0] as { id: number } | undefined)?.id;
      if (newId) await audit(tx, subjectOf(req), { action: 'canteen.topup.start', objectType: 'canteen_payment', objectId: newId, after: { provider: provider.code, amountFen: req.body.amountFen } });
      return newId;
    });
    const p = (await app.db.execute(sql`select id::int as id, provider, amount_fen as "amountFen", status from canteen_payments where ${id ? sql`id = ${id}` : sql`user_id = ${a.userId} and idempotency_key = ${req.body.idempotencyKey}`}`)).rows[0] as Omit<Payment, 'payUrl'>;
    return { ...p, payUrl: p.status === 'pending' ? provider.payUrl(p) : null };
  });

  /**
   * The test bank's payment page "pay" button: the bank (simulated here) signs its callback and
   * posts it to the public callback route, exactly as an outside bank would.
   */
  r.post('/api/canteen/my/topups/:id/testbank-pay', { config: use, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const p = (await app.db.execute(sql`select id::int as id, amount_fen as "amountFen" from canteen_payments where id = ${req.params.id} and user_id = ${actorOf(req).userId} and provider = 'testbank'`)).rows[0] as { id: number; amountFen: number } | undefined;
    if (!p) throw notFound();
    const body = testBankCallbackBody(p.id, p.amountFen);
    const res = await app.inject({ method: 'POST', url: '/api/canteen/payments/testbank/callback', headers: { 'content-type': 'application/json', 'x-testbank-signature': signTestBank(body) }, payload: body });
    if (res.statusCode !== 200) throw new AppError((res.json() as { error: { code: string } }).error.code, res.statusCode);
    return { ok: true as const };
  });

  await app.register(async (sub) => {
    // Signatures cover the exact bytes: this route keeps the raw body.
    sub.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    sub.post('/api/canteen/payments/:provider/callback', { config: { public: true }, schema: { tags, params: z.object({ provider: z.string().regex(/^[a-z]{2,20}$/) }) } }, async (req) => {
      const { provider: code } = req.params as { provider: string };
      const provider = providerOf(code);
      if (!provider || code === 'cashier') throw notFound();
      const verdict = provider.verifyCallback(typeof req.body === 'string' ? req.body : '', req.headers);
      const done = await app.db.transaction(async (tx) => {
        const d = await completeCallback(tx, code, verdict);
        await audit(tx, subjectOf(req), { action: 'canteen.topup.callback', objectType: 'canteen_payment', objectId: d.paymentId, after: { provider: code, amountFen: d.amountFen, providerRef: verdict.providerRef } });
        return d;
      });
      return { ok: true, paymentId: done.paymentId };
    });
  });

  r.get('/api/canteen/my/today', { config: use, schema: { tags, response: { 200: z.object({ day: z.string(), bookings: z.array(Booking), orders: z.array(Order) }) } } }, async (req) => {
    const a = actorOf(req);
    const day = shanghaiDay(new Date());
    const [bookings, orders] = await Promise.all([myBookings(app.db, a.userId, 20), myOrders(app.db, a.userId, 40)]);
    return { day, bookings: bookings.filter((b) => b.day === day && b.status !== 'cancelled'), orders: orders.filter((o) => o.day === day && o.status !== 'cancelled') };
  });

  r.post('/api/canteen/my/absences', { config: use, schema: { tags, body: AbsenceCreate, response: { 200: AbsenceResult } } }, async (req) => {
    const a = actorOf(req);
    return app.db.transaction(async (tx) => {
      const res = await recordAbsence(tx, a.userId, req.body, new Date());
      await audit(tx, subjectOf(req), { action: 'canteen.absence.create', objectType: 'canteen_absence', objectId: res.id, after: { ...req.body, ...res } });
      return res;
    });
  });

  r.post('/api/canteen/my/ratings', { config: use, schema: { tags, body: RatingCreate, response: { 200: Ok } } }, async (req) => {
    const a = actorOf(req);
    const dish = (await app.db.execute(sql`select canteen_id as "canteenId" from canteen_dishes where id = ${req.body.dishId}`)).rows[0] as { canteenId: number } | undefined;
    if (!dish) throw notFound();
    await assertEligible(app.db, dish.canteenId, a.orgUnitId);
    // Only a dish the diner was served: a served booking that day whose meal had the dish on its menu.
    const eaten = (await app.db.execute(sql`select 1 from canteen_bookings b join canteen_menu_items m on m.canteen_id = b.canteen_id and m.day = b.day and m.meal = b.meal and m.dish_id = ${req.body.dishId}
      where b.user_id = ${a.userId} and b.day = ${req.body.day} and b.status = 'served' limit 1`)).rows.length > 0;
    if (!eaten) throw invalid('canteen_rating_not_eaten', {}, 'dishId');
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_ratings (user_id, dish_id, day, stars, comment) values (${a.userId}, ${req.body.dishId}, ${req.body.day}, ${req.body.stars}, ${req.body.comment ?? null})
        on conflict (user_id, dish_id, day) do update set stars = excluded.stars, comment = excluded.comment, at = now()`);
      await audit(tx, subjectOf(req), { action: 'canteen.rating', objectType: 'canteen_dish', objectId: req.body.dishId, after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/canteen/my/suggestions', { config: use, schema: { tags, response: { 200: z.array(Suggestion) } } }, async (req) =>
    (await app.db.execute(sql`select s.id, c.name as "canteenName", s.body, to_char(s.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at,
        s.reply, to_char(s.replied_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "repliedAt"
      from canteen_suggestions s join canteen_canteens c on c.id = s.canteen_id where s.user_id = ${actorOf(req).userId} order by s.id desc limit 50`)).rows as Suggestion[]);

  r.post('/api/canteen/my/suggestions', { config: use, schema: { tags, body: SuggestionCreate, response: { 200: Ok } } }, async (req) => {
    const a = actorOf(req);
    await assertEligible(app.db, req.body.canteenId, a.orgUnitId);
    const c = await loadCanteen(app.db, req.body.canteenId);
    await app.db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`insert into canteen_suggestions (canteen_id, org_unit_id, user_id, body) values (${c.id}, ${c.orgUnitId}, ${a.userId}, ${req.body.body}) returning id`)).rows as { id: number }[];
      await audit(tx, subjectOf(req), { action: 'canteen.suggestion', objectType: 'canteen_suggestion', objectId: row!.id, after: req.body });
    });
    return { ok: true as const };
  });
}
