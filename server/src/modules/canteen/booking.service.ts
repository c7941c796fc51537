import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Booking, Meal, MenuMeal } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors';
import type { AuditSubject } from '../../kernel/auth/actor';
import { preparedStatement } from '../../db/prepared';
import { auditArgs, auditCallSql, type AuditArgs } from './audit-args';
import { auditChainLock } from '../../kernel/audit/audit.service';
import { isOverdraft, personAccount, post, systemAccount } from './ledger';
import { addDays, cutoffInstant, formatShanghai, isoWeekday } from './time';

export interface Who { userId: number; orgUnitId: number }

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];
const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

/**
 * A short code for the pickup QR: 10 characters without look-alikes (0/O, 1/I), from the system's
 * cryptographic random source. Its bytes are drawn in blocks (one randomBytes call per 409 codes:
 * the lunch rush makes thousands a minute).
 */
export function pickupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  if (randomAt + 10 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomAt = 0;
  }
  let code = '';
  for (let i = 0; i < 10; i++) code += alphabet[randomPool[randomAt++]! % 32];
  return code;
}
let randomPool = Buffer.alloc(0);
let randomAt = 0;

export interface CanteenRow { id: number; orgUnitId: number; name: string; chargeMode: 'booking' | 'pickup'; openWeekdays: number[]; portionGrams: number; allowDishChoice: boolean; pricePerDish: boolean }
export interface PeriodRow { meal: Meal; bookDaysBefore: number; bookCutoff: string; cancelDaysBefore: number; cancelCutoff: string; startsAt: string; endsAt: string }

export async function loadCanteen(db: Db | Tx, id: number): Promise<CanteenRow> {
  const c = one<CanteenRow>(await db.execute(sql`select id, org_unit_id as "orgUnitId", name, charge_mode as "chargeMode", open_weekdays as "openWeekdays", portion_grams as "portionGrams", allow_dish_choice as "allowDishChoice", price_per_dish as "pricePerDish"
    from canteen_canteens where id = ${id} and active`));
  if (!c) throw notFound();
  c.openWeekdays = c.openWeekdays.map(Number);
  return c;
}

/** Canteens whose eligible units cover the person's unit. */
export async function canteensFor(db: Db | Tx, orgUnitId: number): Promise<{ id: number; name: string; chargeMode: 'booking' | 'pickup' }[]> {
  return rows(await db.execute(sql`select c.id, c.name, c.charge_mode as "chargeMode" from canteen_canteens c
    where c.active and exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${orgUnitId}
      where e.canteen_id = c.id and me.path like eu.path || '%') order by c.id`));
}

export async function assertEligible(db: Db | Tx, canteenId: number, orgUnitId: number): Promise<void> {
  const ok = one(await db.execute(sql`select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${orgUnitId}
    where e.canteen_id = ${canteenId} and me.path like eu.path || '%' limit 1`));
  if (!ok) throw new AppError('canteen_not_eligible', 403);
}

export async function periodsOf(db: Db | Tx, canteenId: number): Promise<PeriodRow[]> {
  return rows<PeriodRow>(await db.execute(sql`select meal, book_days_before as "bookDaysBefore", to_char(book_cutoff, 'HH24:MI') as "bookCutoff",
    cancel_days_before as "cancelDaysBefore", to_char(cancel_cutoff, 'HH24:MI') as "cancelCutoff", to_char(starts_at, 'HH24:MI') as "startsAt", to_char(ends_at, 'HH24:MI') as "endsAt"
    from canteen_meal_periods where canteen_id = ${canteenId} order by starts_at`));
}

/** Why the canteen is closed that day, or null when it is open. */
export async function closedReason(db: Db | Tx, c: CanteenRow, day: string): Promise<string | null> {
  const h = one<{ name: string }>(await db.execute(sql`select name from canteen_holidays where canteen_id = ${c.id} and day = ${day}`));
  if (h) return h.name;
  return c.openWeekdays.includes(isoWeekday(day)) ? null : 'weekend';
}

export const bookBy = (p: PeriodRow, day: string) => cutoffInstant(day, p.bookDaysBefore, p.bookCutoff);
export const cancelBy = (p: PeriodRow, day: string) => cutoffInstant(day, p.cancelDaysBefore, p.cancelCutoff);

export interface BookingRow { id: number; canteenId: number; userId: number; day: string; meal: Meal; priceFen: number; status: 'booked' | 'served' | 'cancelled'; charged: boolean; pickupCode: string }

const bookingCols = sql`b.id::int as id, b.canteen_id as "canteenId", b.user_id as "userId", to_char(b.day, 'YYYY-MM-DD') as day, b.meal, b.price_fen as "priceFen", b.status, b.charged, b.pickup_code as "pickupCode"`;

export async function bookingByKey(db: Db | Tx, userId: number, key: string): Promise<BookingRow | undefined> {
  return one<BookingRow>(await db.execute(sql`select ${bookingCols} from canteen_bookings b where b.user_id = ${userId} and b.idempotency_key = ${key}`));
}

/** The dishes pre-ordered with booking `b`, as JSON. */
const bookedDishes = sql`(select coalesce(json_agg(json_build_object('dishId', bd.dish_id, 'name', d.name, 'portions', bd.portions) order by array_position(array['staple','main','side','soup','dessert','drink'], d.category), d.id), '[]'::json)
  from canteen_booking_dishes bd join canteen_dishes d on d.id = bd.dish_id where bd.booking_id = b.id)`;

const bookingDto = sql`b.id::int as id, b.canteen_id as "canteenId", c.name as "canteenName", to_char(b.day, 'YYYY-MM-DD') as day, b.meal, b.price_fen as "priceFen", b.status, b.charged,
  b.pickup_code as "pickupCode", to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt", ${bookedDishes} as dishes`;

export async function bookingById(db: Db | Tx, id: number): Promise<Booking> {
  return one<Booking>(await db.execute(sql`select ${bookingDto} from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id where b.id = ${id}`))!;
}

export interface BookingAttempt {
  priorId: number | null; id: number; name: string; chargeMode: 'booking' | 'pickup'; eligible: boolean; categoryId: number | null; priceFen: number | null;
  served: boolean; holiday: string | null; openDay: boolean; bookBy: string | null; beforeCutoff: boolean; away: boolean; dishChoice: boolean; dishesOnMenu: number; dishesInStock: number;
  soldOut: { name: string; remaining: number }[] | null;
  needsAccounts: boolean; /** Group writes only: the balance (with its overdraft) cannot pay. */ shortOfFunds?: boolean; bookingId: number | null; charged: boolean | null; pickupCode: string | null; createdAt: string | null; dishes: { dishId: number; name: string; portions: number }[];
}

type BookValues = AuditArgs & { userId: number; orgUnitId: number; canteenId: number; day: string; meal: Meal; key: string | null; dishIds: string; portions: string; now: string; id: number; code: string; memo: string };

/**
 * The booking's one statement, built once and run as a named prepared statement (every value a
 * placeholder: db/prepared.ts). `x` is materialised so each check's subquery runs once.
 */
const bookStatement = preparedStatement<BookValues>('canteen_book', (p) => sql`with lk as materialized (select 1 as locked from (select ${auditChainLock(p.a1)}) q),
      x as materialized (select
          (select b.id::int from canteen_bookings b where b.user_id = ${p.userId} and b.idempotency_key = ${p.key}) as prior_id,
          c.id, c.org_unit_id, c.name, c.charge_mode, c.allow_dish_choice,
          exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${p.orgUnitId}
            where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
          p.id is not null as served,
          (select h.name from canteen_holidays h where h.canteen_id = c.id and h.day = ${p.day}) as holiday,
          extract(isodow from ${p.day}::date)::smallint = any(c.open_weekdays) as open_day,
          ((${p.day}::date - p.book_days_before) + p.book_cutoff) at time zone 'Asia/Shanghai' as book_by,
          exists (select 1 from canteen_absences a where a.user_id = ${p.userId} and ${p.day}::date between a.from_day and a.to_day) as away,
          coalesce(dc.on_menu, 0) as dishes_on_menu, coalesce(dc.in_stock, 0) as dishes_in_stock, coalesce(dc.stocked, 0) as dishes_stocked, dc.sold_out,
          k.id as category_id, (case ${p.meal}::text when 'breakfast' then k.breakfast_fen when 'lunch' then k.lunch_fen else k.dinner_fen end) + case when c.price_per_dish then coalesce(dc.dish_fen, 0) else 0 end as price_fen, dn.user_id is not null as registered,
          (select ac.id from canteen_accounts ac where ac.kind = 'person' and ac.user_id = ${p.userId}) as account_id,
          (select ac.id from canteen_accounts ac where ac.kind = 'revenue' and ac.canteen_id = c.id) as revenue_id
        from lk cross join canteen_canteens c
          left join canteen_meal_periods p on p.canteen_id = c.id and p.meal = ${p.meal}
          left join canteen_diners dn on dn.canteen_id = c.id and dn.user_id = ${p.userId}
          left join canteen_diner_categories k on k.canteen_id = c.id and (k.id = dn.category_id or (dn.user_id is null and k.is_default))
          left join lateral (select count(*)::int as on_menu, count(*) filter (where m.remaining is null or m.remaining >= u.portions)::int as in_stock,
              count(*) filter (where m.remaining is not null)::int as stocked, sum(d.price_fen * u.portions)::int as dish_fen,
              json_agg(json_build_object('name', d.name, 'remaining', m.remaining)) filter (where m.remaining < u.portions) as sold_out
            from unnest(${p.dishIds}::int[], ${p.portions}::int[]) as u(dish_id, portions)
              join canteen_menu_items m on m.canteen_id = c.id and m.day = ${p.day} and m.meal = ${p.meal} and m.dish_id = u.dish_id
              join canteen_dishes d on d.id = m.dish_id and d.active) dc on true
        where c.id = ${p.canteenId} and c.active),
      y as (select x.*, (x.charge_mode = 'booking' and x.price_fen > 0) as charge,
          (x.prior_id is null and x.eligible and x.category_id is not null and x.served and x.holiday is null and x.open_day
            and ${p.now}::timestamptz < x.book_by and not x.away
            and (cardinality(${p.dishIds}::int[]) = 0 or (x.allow_dish_choice and x.dishes_on_menu = cardinality(${p.dishIds}::int[]) and x.dishes_in_stock = x.dishes_on_menu))) as ok
        from x),
      b as (insert into canteen_bookings (id, canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, charged, pickup_code, idempotency_key)
        select ${p.id}, y.id, y.org_unit_id, ${p.userId}, ${p.day}, ${p.meal}, y.category_id, y.price_fen, y.charge, ${p.code}, ${p.key}
        from y where y.ok and (not y.charge or (y.account_id is not null and y.revenue_id is not null))
        on conflict (user_id, day, meal) where status <> 'cancelled' do nothing returning id, canteen_id, user_id, category_id, price_fen, charged, pickup_code, created_at),
      bd as (insert into canteen_booking_dishes (booking_id, dish_id, portions) select b.id, d.dish_id, d.portions from b, unnest(${p.dishIds}::int[], ${p.portions}::smallint[]) as d(dish_id, portions)),
      -- Per-dish stock: taken with the booking, only where enough is left (the row lock makes a
      -- concurrent booking re-check the new value). Fewer rows than stocked dishes → canteen_fail below
      -- rolls the whole statement back: never oversold.
      s as (update canteen_menu_items m set remaining = m.remaining - u.portions from b, unnest(${p.dishIds}::int[], ${p.portions}::int[]) as u(dish_id, portions)
        where m.canteen_id = b.canteen_id and m.day = ${p.day} and m.meal = ${p.meal} and m.dish_id = u.dish_id and m.remaining is not null and m.remaining >= u.portions returning m.dish_id),
      -- Dishes without a stock limit: a share lock, so a menu edit (which deletes and re-inserts the
      -- meal's rows) waits for this booking and counts its portions, and a booking after it fails.
      ks as (select m.dish_id from canteen_menu_items m, b where m.canteen_id = b.canteen_id and m.day = ${p.day} and m.meal = ${p.meal}
        and m.dish_id = any(${p.dishIds}::int[]) and m.remaining is null for key share of m),
      dn as (insert into canteen_diners (canteen_id, user_id, category_id) select b.canteen_id, b.user_id, b.category_id from b, y where not y.registered on conflict do nothing),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', y.account_id, y.revenue_id, b.price_fen, 'booking:' || b.id || ':charge', b.canteen_id, ${p.memo}, ${p.userId} from b, y where b.charged)
      select y.prior_id as "priorId", y.id, y.name, y.charge_mode as "chargeMode", y.eligible, y.category_id as "categoryId", y.price_fen as "priceFen", y.served, y.holiday,
        y.open_day as "openDay", y.book_by as "bookBy", ${p.now}::timestamptz < y.book_by as "beforeCutoff", y.away, y.allow_dish_choice as "dishChoice", y.dishes_on_menu as "dishesOnMenu",
        (y.ok and y.charge and (y.account_id is null or y.revenue_id is null)) as "needsAccounts", b.id::int as "bookingId", b.charged, b.pickup_code as "pickupCode",
        to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt",
        (select ${auditCallSql(p)} from b) as "auditId", y.dishes_in_stock as "dishesInStock", y.sold_out as "soldOut",
        case when b.id is not null and ((select count(*) from s) <> y.dishes_stocked or (select count(*) from ks) <> y.dishes_on_menu - y.dishes_stocked) then canteen_fail('canteen_dish_sold_out') end as "stockFail",
        (select coalesce(json_agg(json_build_object('dishId', d.id, 'name', d.name, 'portions', u.portions) order by u.n), '[]'::json) from unnest(${p.dishIds}::int[], ${p.portions}::int[]) with ordinality as u(dish_id, portions, n) join canteen_dishes d on d.id = u.dish_id) as dishes
      from y left join b on true`);

export interface BookInput { canteenId: number; day: string; meal: Meal; idempotencyKey?: string | undefined; dishes?: { dishId: number; portions: number }[] | undefined }
/** One booking request: the booking's id and pickup code are chosen before it is written, so its audit record is written with it. */
export interface BookRequest { who: Who; subject: AuditSubject; input: BookInput; now: Date; id: number; code: string }
export type BookResult = { booking: Booking; created: boolean };

/** The booking's audit record (`chain`: the group's, when written by group commit). */
export function bookingAudit(r: BookRequest, chain?: number): AuditArgs {
  const dishes = r.input.dishes ?? [];
  return auditArgs(r.subject, {
    action: 'canteen.booking.create', objectType: 'canteen_booking', objectId: r.id,
    after: { id: r.id, canteenId: r.input.canteenId, day: r.input.day, meal: r.input.meal, pickupCode: r.code, dishes, idempotencyKey: r.input.idempotencyKey ?? null },
  }, chain);
}

/**
 * 报餐, one booking on its own (bookMeal in booking.group.ts is the entry: it groups concurrent
 * bookings and uses this for a group of one), in one statement with its audit record: no transaction round trips, and
 * every lock it takes is held only while the statement runs. The booking's checks run in the
 * statement; the ledger charge's trigger updates the balance and the account CHECK refuses an
 * overdraft, failing the whole statement. Used for a group of one, and to redo a group's requests
 * one by one when the group's statement failed as a whole.
 */
export async function bookOne(db: Db, r: BookRequest, chain?: number): Promise<BookResult> {
  const dishes = r.input.dishes ?? [];
  const values: BookValues = {
    userId: r.who.userId, orgUnitId: r.who.orgUnitId, canteenId: r.input.canteenId, day: r.input.day, meal: r.input.meal, key: r.input.idempotencyKey ?? null,
    dishIds: `{${dishes.map((d) => d.dishId).join(',')}}`, portions: `{${dishes.map((d) => d.portions).join(',')}}`,
    now: r.now.toISOString(), id: r.id, code: r.code, memo: `${r.input.day} ${r.input.meal}`, ...bookingAudit(r, chain),
  };
  const attempt = async () => {
    try {
      return one<BookingAttempt>(await bookStatement.execute(db, values));
    } catch (e) {
      if (isOverdraft(e)) throw new AppError('canteen_insufficient_balance', 409);
      if (isFail(e, 'canteen_dish_sold_out')) throw conflict('canteen_dish_sold_out', { day: r.input.day });
      throw e;
    }
  };
  let x = await attempt();
  if (x?.needsAccounts) {
    // First charge ever for this person or canteen: open the accounts, then the same statement again.
    await personAccount(db, r.who.userId);
    await systemAccount(db, x.id, 'revenue');
    x = await attempt();
  }
  return bookingAnswer(db, r, x);
}

/**
 * What the booking statement's row (single or group) means for the request: the booking made, the
 * first booking of a retried key, or the request's own error, the first check that failed.
 */
export async function bookingAnswer(db: Db, r: BookRequest, x: BookingAttempt | undefined): Promise<BookResult> {
  const { input } = r;
  const dishes = input.dishes ?? [];
  if (x?.priorId) return { booking: await bookingById(db, x.priorId), created: false };
  if (!x) throw notFound();
  if (!x.eligible || x.categoryId === null || x.priceFen === null) throw new AppError('canteen_not_eligible', 403);
  if (!x.served || !x.bookBy) throw invalid('canteen_meal_not_served', {}, 'meal');
  const reason = x.holiday ?? (x.openDay ? null : '休息日 / day off');
  if (reason) throw invalid('canteen_closed_day', { day: input.day, reason }, 'day');
  if (!x.beforeCutoff) throw invalid('canteen_after_cutoff', { cutoff: formatShanghai(new Date(x.bookBy)) }, 'day');
  if (x.away) throw invalid('canteen_absent', { day: input.day }, 'day');
  if (dishes.length > 0 && !x.dishChoice) throw invalid('canteen_dish_choice_off', {}, 'dishes');
  if (dishes.length > 0 && x.dishesOnMenu !== dishes.length) throw invalid('canteen_dish_not_on_menu', { day: input.day }, 'dishes');
  if (dishes.length > 0 && x.dishesInStock !== dishes.length) {
    const first = x.soldOut?.[0];
    throw first ? conflict('canteen_dish_stock', { name: first.name, remaining: first.remaining }) : conflict('canteen_dish_sold_out', { day: input.day });
  }
  if (x.shortOfFunds) throw new AppError('canteen_insufficient_balance', 409);
  if (!x.bookingId) throw conflict('canteen_already_booked', { day: input.day });
  const booking: Booking = {
    id: x.bookingId, canteenId: x.id, canteenName: x.name, day: input.day, meal: input.meal, priceFen: x.priceFen, status: 'booked',
    charged: x.charged === true, pickupCode: x.pickupCode!, createdAt: x.createdAt!, dishes: x.dishes,
  };
  return { booking, created: true };
}

function isFail(e: unknown, code: string): boolean {
  for (let c: unknown = e; c && typeof c === 'object'; c = (c as { cause?: unknown }).cause) if ((c as { message?: string }).message === code) return true;
  return false;
}

export async function chargeBooking(tx: Tx, b: BookingRow, canteenId: number, actorId: number | null): Promise<void> {
  const from = await personAccount(tx, b.userId);
  const to = await systemAccount(tx, canteenId, 'revenue');
  await post(tx, { kind: 'charge', from, to, amountFen: b.priceFen, key: `booking:${b.id}:charge`, canteenId, memo: `${b.day} ${b.meal}`, createdBy: actorId });
  await tx.execute(sql`update canteen_bookings set charged = true where id = ${b.id}`);
}

/** 报停 before the cancellation cutoff; a charged booking is refunded in the same transaction. */
export async function cancelBooking(tx: Tx, userId: number, bookingId: number, now: Date, reason: string, opts: { skipLate?: boolean } = {}): Promise<BookingRow | null> {
  const b = one<BookingRow>(await tx.execute(sql`select ${bookingCols} from canteen_bookings b where b.id = ${bookingId} and b.user_id = ${userId} for update`));
  if (!b) throw notFound();
  if (b.status !== 'booked') throw conflict('canteen_not_cancellable');
  const p = (await periodsOf(tx, b.canteenId)).find((x) => x.meal === b.meal);
  const by = p ? cancelBy(p, b.day) : new Date(0);
  if (now >= by) {
    if (opts.skipLate) return null;
    throw invalid('canteen_cancel_after_cutoff', { cutoff: formatShanghai(by) });
  }
  await tx.execute(sql`update canteen_bookings set status = 'cancelled', cancelled_at = now(), cancel_reason = ${reason} where id = ${b.id}`);
  // Per-dish stock taken with the booking goes back.
  await tx.execute(sql`update canteen_menu_items m set remaining = m.remaining + bd.portions from canteen_booking_dishes bd
    where bd.booking_id = ${b.id} and m.canteen_id = ${b.canteenId} and m.day = ${b.day} and m.meal = ${b.meal} and m.dish_id = bd.dish_id and m.remaining is not null`);
  if (b.charged) {
    const from = await systemAccount(tx, b.canteenId, 'revenue');
    const to = await personAccount(tx, userId);
    await post(tx, { kind: 'refund', from, to, amountFen: b.priceFen, key: `booking:${b.id}:refund`, canteenId: b.canteenId, memo: `${b.day} ${b.meal}`, createdBy: userId });
  }
  return { ...b, status: 'cancelled' };
}

/** 出差/请假 entered once: cancels every live booking it covers that can still be cancelled. */
export async function recordAbsence(tx: Tx, userId: number, input: { kind: 'trip' | 'leave'; fromDay: string; toDay: string }, now: Date) {
  if (input.fromDay > input.toDay || addDays(input.fromDay, 366) < input.toDay) throw invalid('canteen_day_invalid', {}, 'toDay');
  const [row] = rows<{ id: number }>(await tx.execute(sql`insert into canteen_absences (user_id, kind, from_day, to_day) values (${userId}, ${input.kind}, ${input.fromDay}, ${input.toDay}) returning id`));
  const covered = rows<{ id: number }>(await tx.execute(sql`select id::int as id from canteen_bookings where user_id = ${userId} and status = 'booked' and day between ${input.fromDay} and ${input.toDay} order by id`));
  let cancelled = 0;
  for (const b of covered) if (await cancelBooking(tx, userId, b.id, now, input.kind, { skipLate: true })) cancelled++;
  return { id: row!.id, cancelled, keptAfterCutoff: covered.length - cancelled };
}

export async function myBookings(db: Db, userId: number, limit = 60): Promise<Booking[]> {
  return rows<Booking>(await db.execute(sql`select ${bookingCols}, c.name as "canteenName", to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt", ${bookedDishes} as dishes
    from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id where b.user_id = ${userId} order by b.day desc, b.meal, b.id desc limit ${limit}`));
}

/** The week's meals as a diner sees them: open or closed, price, cutoffs, own booking, dishes. */
export async function weekMenu(db: Db, who: Who, canteenId: number, from: string, now: Date): Promise<MenuMeal[]> {
  const c = await loadCanteen(db, canteenId);
  await assertEligible(db, c.id, who.orgUnitId);
  const periods = await periodsOf(db, c.id);
  const to = addDays(from, 6);
  // Dishes whose sales are stopped are not offered.
  const dishRows = rows<{ day: string; meal: Meal; id: number; name: string; category: string; priceFen: number; allergens: string[]; nutrition: object; photoFileId: number | null; avgStars: number | null; remaining: number | null }>(await db.execute(sql`
    select to_char(m.day, 'YYYY-MM-DD') as day, m.meal, d.id, d.name, d.category, d.price_fen as "priceFen", d.allergens, d.nutrition, d.photo_file_id as "photoFileId", m.remaining,
      (select round(avg(stars)::numeric, 1)::float8 from canteen_ratings r where r.dish_id = d.id) as "avgStars"
    from canteen_menu_items m join canteen_dishes d on d.id = m.dish_id where m.canteen_id = ${c.id} and m.day between ${from} and ${to} and d.active order by m.day, d.category, d.id`));
  const mine = rows<BookingRow & { dishes: { dishId: number; portions: number }[] }>(await db.execute(sql`select ${bookingCols}, ${bookedDishes} as dishes from canteen_bookings b where b.user_id = ${who.userId} and b.canteen_id = ${c.id} and b.day between ${from} and ${to} and b.status <> 'cancelled'`));
  const holidays = new Map(rows<{ day: string; name: string }>(await db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, name from canteen_holidays where canteen_id = ${c.id} and day between ${from} and ${to}`)).map((h) => [h.day, h.name]));
  const cat = one<{ b: number; l: number; d: number }>(await db.execute(sql`select breakfast_fen as b, lunch_fen as l, dinner_fen as d from canteen_diner_categories k
    where k.canteen_id = ${c.id} and (k.id = (select category_id from canteen_diners where canteen_id = ${c.id} and user_id = ${who.userId}) or (k.is_default and not exists (select 1 from canteen_diners where canteen_id = ${c.id} and user_id = ${who.userId}))) limit 1`));
  const out: MenuMeal[] = [];
  for (let i = 0; i < 7; i++) {
    const day = addDays(from, i);
    const closed = holidays.get(day) ?? (c.openWeekdays.includes(isoWeekday(day)) ? null : 'weekend');
    for (const p of periods) {
      const b = mine.find((x) => x.day === day && x.meal === p.meal);
      const bb = bookBy(p, day);
      const cb = cancelBy(p, day);
      out.push({
        canteenId: c.id, day, meal: p.meal, open: closed === null, closedReason: closed,
        priceFen: cat ? (p.meal === 'breakfast' ? cat.b : p.meal === 'lunch' ? cat.l : cat.d) : 0,
        bookBy: formatShanghai(bb), cancelBy: formatShanghai(cb),
        canBook: closed === null && !b && now < bb, canCancel: !!b && b.status === 'booked' && now < cb,
        canChangeDishes: !!b && b.status === 'booked' && c.allowDishChoice && now < bb && now < cb,
        booking: b ? { id: b.id, status: b.status, pickupCode: b.pickupCode, priceFen: b.priceFen, dishes: b.dishes.map((d) => ({ dishId: d.dishId, portions: d.portions })) } : null,
        dishChoice: c.allowDishChoice,
        pricePerDish: c.allowDishChoice && c.pricePerDish,
        dishes: dishRows.filter((d) => d.day === day && d.meal === p.meal).map((d) => ({ ...d, canteenId: c.id, allergens: d.allergens, nutrition: d.nutrition, category: d.category as MenuMeal['dishes'][number]['category'] })),
      });
    }
  }
  return out;
}

/**
 * 改菜: sets a live booking's pre-ordered dishes to `dishes` before its cutoff, in the caller's one
 * transaction (audited by the route), instead of cancelling and booking again. Allowed while both
 * the booking and the cancellation cutoffs are ahead (what cancel + rebook would need). Every dish
 * must be on that meal's menu and on sale, each at most once. Per-dish stock: the booking's old
 * portions go back and the new ones are taken under the menu rows' locks (taken in dish order, so
 * concurrent changes never deadlock), never below zero. Where the canteen prices per dish the price
 * becomes what the same booking would cost now (meal price of the diner's category + the dishes),
 * and for a booking charged at booking time the difference is charged or refunded in the ledger
 * (key `booking:<id>:change:<n>`; the account CHECK refuses an overdraft). Setting the same dishes
 * again changes nothing (a retried request is harmless).
 */
export async function changeBookingDishes(tx: Tx, userId: number, bookingId: number, dishes: { dishId: number; portions: number }[], now: Date): Promise<{ before: { dishes: { dishId: number; portions: number }[]; priceFen: number }; after: { dishes: { dishId: number; portions: number }[]; priceFen: number }; differenceFen: number }> {
  if (new Set(dishes.map((d) => d.dishId)).size !== dishes.length) throw invalid('canteen_dish_twice', {}, 'dishes');
  const b = one<BookingRow & { categoryId: number | null }>(await tx.execute(sql`select ${bookingCols}, b.category_id as "categoryId" from canteen_bookings b where b.id = ${bookingId} and b.user_id = ${userId} for update`));
  if (!b) throw notFound();
  if (b.status !== 'booked') throw conflict('canteen_not_changeable');
  const c = await loadCanteen(tx, b.canteenId);
  const p = (await periodsOf(tx, c.id)).find((x) => x.meal === b.meal);
  if (!p) throw invalid('canteen_meal_not_served', {}, 'meal');
  const by = new Date(Math.min(bookBy(p, b.day).getTime(), cancelBy(p, b.day).getTime()));
  if (now >= by) throw invalid('canteen_change_after_cutoff', { cutoff: formatShanghai(by) }, 'dishes');
  if (dishes.length > 0 && !c.allowDishChoice) throw invalid('canteen_dish_choice_off', {}, 'dishes');
  const old = rows<{ dishId: number; portions: number }>(await tx.execute(sql`select dish_id as "dishId", portions from canteen_booking_dishes where booking_id = ${b.id} order by dish_id`));
  const ids = [...new Set([...old.map((d) => d.dishId), ...dishes.map((d) => d.dishId)])].sort((x, y) => x - y);
  // The meal's menu rows of every dish involved, locked in dish order.
  const menu = rows<{ dishId: number; name: string; priceFen: number; active: boolean; remaining: number | null }>(await tx.execute(sql`select m.dish_id as "dishId", d.name, d.price_fen as "priceFen", d.active, m.remaining
    from canteen_menu_items m join canteen_dishes d on d.id = m.dish_id
    where m.canteen_id = ${c.id} and m.day = ${b.day} and m.meal = ${b.meal} and m.dish_id = any(${`{${ids.join(',')}}`}::int[]) order by m.dish_id for update of m`));
  const byId = new Map(menu.map((m) => [m.dishId, m]));
  for (const d of dishes) if (!byId.get(d.dishId)?.active) throw invalid('canteen_dish_not_on_menu', { day: b.day }, 'dishes');
  const oldOf = new Map(old.map((d) => [d.dishId, d.portions]));
  const newOf = new Map(dishes.map((d) => [d.dishId, d.portions]));
  for (const id of ids) {
    const m = byId.get(id);
    if (!m || m.remaining === null) continue;
    const delta = (newOf.get(id) ?? 0) - (oldOf.get(id) ?? 0);
    if (delta > m.remaining) throw conflict('canteen_dish_stock', { name: m.name, remaining: m.remaining + (oldOf.get(id) ?? 0) });
    if (delta !== 0) await tx.execute(sql`update canteen_menu_items set remaining = remaining - ${delta} where canteen_id = ${c.id} and day = ${b.day} and meal = ${b.meal} and dish_id = ${id}`);
  }
  await tx.execute(sql`delete from canteen_booking_dishes where booking_id = ${b.id}`);
  if (dishes.length > 0) await tx.execute(sql`insert into canteen_booking_dishes (booking_id, dish_id, portions) select ${b.id}, u.dish_id, u.portions from unnest(${`{${dishes.map((d) => d.dishId).join(',')}}`}::int[], ${`{${dishes.map((d) => d.portions).join(',')}}`}::smallint[]) as u(dish_id, portions)`);
  let priceFen = b.priceFen;
  if (c.pricePerDish) {
    const cat = one<{ fen: number }>(await tx.execute(sql`select (case ${b.meal}::text when 'breakfast' then breakfast_fen when 'lunch' then lunch_fen else dinner_fen end) as fen from canteen_diner_categories where id = ${b.categoryId}`));
    priceFen = (cat?.fen ?? 0) + dishes.reduce((s, d) => s + byId.get(d.dishId)!.priceFen * d.portions, 0);
  }
  const differenceFen = priceFen - b.priceFen;
  if (differenceFen !== 0) {
    await tx.execute(sql`update canteen_bookings set price_fen = ${priceFen} where id = ${b.id}`);
    if (b.charged) {
      const n = Number((one<{ n: number }>(await tx.execute(sql`select count(*)::int as n from canteen_ledger where key like ${`booking:${b.id}:change:%`}`)))!.n) + 1;
      const person = await personAccount(tx, userId);
      const revenue = await systemAccount(tx, c.id, 'revenue');
      await post(tx, differenceFen > 0
        ? { kind: 'charge', from: person, to: revenue, amountFen: differenceFen, key: `booking:${b.id}:change:${n}`, canteenId: c.id, memo: `${b.day} ${b.meal} 改菜`, createdBy: userId }
        : { kind: 'refund', from: revenue, to: person, amountFen: -differenceFen, key: `booking:${b.id}:change:${n}`, canteenId: c.id, memo: `${b.day} ${b.meal} 改菜`, createdBy: userId });
    }
  }
  return { before: { dishes: old, priceFen: b.priceFen }, after: { dishes: [...dishes].sort((x, y) => x.dishId - y.dishId), priceFen }, differenceFen };
}
