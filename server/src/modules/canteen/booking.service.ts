import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Booking, Meal, MenuMeal } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors';
import { isOverdraft, personAccount, post, systemAccount } from './ledger';
import { addDays, cutoffInstant, formatShanghai, isoWeekday } from './time';

export interface Who { userId: number; orgUnitId: number }

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];
const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

/** A short code for the pickup QR: 10 characters without look-alikes (0/O, 1/I). */
export function pickupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(10)].map((b) => alphabet[b % 32]).join('');
}

export interface CanteenRow { id: number; orgUnitId: number; name: string; chargeMode: 'booking' | 'pickup'; openWeekdays: number[]; portionGrams: number }
export interface PeriodRow { meal: Meal; bookDaysBefore: number; bookCutoff: string; cancelDaysBefore: number; cancelCutoff: string; startsAt: string; endsAt: string }

export async function loadCanteen(db: Db | Tx, id: number): Promise<CanteenRow> {
  const c = one<CanteenRow>(await db.execute(sql`select id, org_unit_id as "orgUnitId", name, charge_mode as "chargeMode", open_weekdays as "openWeekdays", portion_grams as "portionGrams"
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

/** Everything a booking needs to know, in one round trip (the lunch rush is many of these at once). */
async function bookingContext(tx: Tx, who: Who, input: { canteenId: number; day: string; meal: Meal; idempotencyKey?: string | undefined }) {
  const priceCol = input.meal === 'breakfast' ? sql`k.breakfast_fen` : input.meal === 'lunch' ? sql`k.lunch_fen` : sql`k.dinner_fen`;
  return one<{
    priorId: number | null; id: number; orgUnitId: number; name: string; chargeMode: 'booking' | 'pickup'; openWeekdays: number[]; eligible: boolean;
    bookDaysBefore: number | null; bookCutoff: string | null; holiday: string | null; away: boolean; categoryId: number | null; priceFen: number | null;
    registered: boolean; accountId: number | null; revenueId: number | null;
  }>(await tx.execute(sql`select
      ${input.idempotencyKey ? sql`(select b.id::int from canteen_bookings b where b.user_id = ${who.userId} and b.idempotency_key = ${input.idempotencyKey})` : sql`null::int`} as "priorId",
      c.id, c.org_unit_id as "orgUnitId", c.name, c.charge_mode as "chargeMode", c.open_weekdays as "openWeekdays",
      exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${who.orgUnitId}
        where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
      p.book_days_before as "bookDaysBefore", to_char(p.book_cutoff, 'HH24:MI') as "bookCutoff",
      (select h.name from canteen_holidays h where h.canteen_id = c.id and h.day = ${input.day}) as holiday,
      exists (select 1 from canteen_absences a where a.user_id = ${who.userId} and ${input.day}::date between a.from_day and a.to_day) as away,
      k.id as "categoryId", ${priceCol} as "priceFen", dn.user_id is not null as registered,
      (select ac.id from canteen_accounts ac where ac.kind = 'person' and ac.user_id = ${who.userId}) as "accountId",
      (select ac.id from canteen_accounts ac where ac.kind = 'revenue' and ac.canteen_id = c.id) as "revenueId"
    from canteen_canteens c
      left join canteen_meal_periods p on p.canteen_id = c.id and p.meal = ${input.meal}
      left join canteen_diners dn on dn.canteen_id = c.id and dn.user_id = ${who.userId}
      left join canteen_diner_categories k on k.canteen_id = c.id and (k.id = dn.category_id or (dn.user_id is null and k.is_default))
    where c.id = ${input.canteenId} and c.active`));
}

const bookingDto = sql`b.id::int as id, b.canteen_id as "canteenId", c.name as "canteenName", to_char(b.day, 'YYYY-MM-DD') as day, b.meal, b.price_fen as "priceFen", b.status, b.charged,
  b.pickup_code as "pickupCode", to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"`;

export async function bookingById(db: Db | Tx, id: number): Promise<Booking> {
  return one<Booking>(await db.execute(sql`select ${bookingDto} from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id where b.id = ${id}`))!;
}

/**
 * 报餐. Checks in order: eligible, meal served, day open, before the booking cutoff, not away; then
 * inserts (the partial unique index refuses a second live booking for the same meal) and, when the
 * canteen charges at booking, posts the charge (the account CHECK refuses an overdraft). A retry
 * with the same idempotency key returns the first booking and charges nothing.
 */
export async function bookMeal(tx: Tx, who: Who, input: { canteenId: number; day: string; meal: Meal; idempotencyKey?: string | undefined }, now: Date): Promise<{ booking: Booking; created: boolean }> {
  const x = await bookingContext(tx, who, input);
  if (x?.priorId) return { booking: await bookingById(tx, x.priorId), created: false };
  if (!x) throw notFound();
  if (!x.eligible || x.categoryId === null || x.priceFen === null) throw new AppError('canteen_not_eligible', 403);
  if (x.bookDaysBefore === null || x.bookCutoff === null) throw invalid('canteen_meal_not_served', {}, 'meal');
  const reason = x.holiday ?? (x.openWeekdays.map(Number).includes(isoWeekday(input.day)) ? null : '休息日 / day off');
  if (reason) throw invalid('canteen_closed_day', { day: input.day, reason }, 'day');
  const by = cutoffInstant(input.day, x.bookDaysBefore, x.bookCutoff);
  if (now >= by) throw invalid('canteen_after_cutoff', { cutoff: formatShanghai(by) }, 'day');
  if (x.away) throw invalid('canteen_absent', { day: input.day }, 'day');
  const charge = x.chargeMode === 'booking' && x.priceFen > 0;
  const from = charge ? (x.accountId ?? (await personAccount(tx, who.userId))) : null;
  const to = charge ? (x.revenueId ?? (await systemAccount(tx, x.id, 'revenue'))) : null;
  // One statement: the booking, the diner's registration and the charge (the ledger trigger and the
  // account CHECK refuse an overdraft, failing the whole statement).
  let inserted: Booking | undefined;
  try {
    inserted = one<Booking>(await tx.execute(sql`with b as (insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, charged, pickup_code, idempotency_key)
        values (${x.id}, ${x.orgUnitId}, ${who.userId}, ${input.day}, ${input.meal}, ${x.categoryId}, ${x.priceFen}, ${charge}, ${pickupCode()}, ${input.idempotencyKey ?? null})
        on conflict (user_id, day, meal) where status <> 'cancelled' do nothing returning *),
      d as (insert into canteen_diners (canteen_id, user_id, category_id) select canteen_id, user_id, category_id from b where ${!x.registered} on conflict do nothing),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', ${from}::int, ${to}::int, b.price_fen, 'booking:' || b.id || ':charge', b.canteen_id, ${`${input.day} ${input.meal}`}, ${who.userId} from b where b.charged)
      select ${bookingDto} from b, (select ${x.name}::text as name) c`));
  } catch (e) {
    if (isOverdraft(e)) throw new AppError('canteen_insufficient_balance', 409);
    throw e;
  }
  if (!inserted) throw conflict('canteen_already_booked', { day: input.day });
  return { booking: inserted, created: true };
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
  return rows<Booking>(await db.execute(sql`select ${bookingCols}, c.name as "canteenName", to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"
    from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id where b.user_id = ${userId} order by b.day desc, b.meal, b.id desc limit ${limit}`));
}

/** The week's meals as a diner sees them: open or closed, price, cutoffs, own booking, dishes. */
export async function weekMenu(db: Db, who: Who, canteenId: number, from: string, now: Date): Promise<MenuMeal[]> {
  const c = await loadCanteen(db, canteenId);
  await assertEligible(db, c.id, who.orgUnitId);
  const periods = await periodsOf(db, c.id);
  const to = addDays(from, 6);
  const dishRows = rows<{ day: string; meal: Meal; id: number; name: string; category: string; priceFen: number; allergens: string[]; nutrition: object; photoFileId: number | null; avgStars: number | null }>(await db.execute(sql`
    select to_char(m.day, 'YYYY-MM-DD') as day, m.meal, d.id, d.name, d.category, d.price_fen as "priceFen", d.allergens, d.nutrition, d.photo_file_id as "photoFileId",
      (select round(avg(stars)::numeric, 1)::float8 from canteen_ratings r where r.dish_id = d.id) as "avgStars"
    from canteen_menu_items m join canteen_dishes d on d.id = m.dish_id where m.canteen_id = ${c.id} and m.day between ${from} and ${to} order by m.day, d.category, d.id`));
  const mine = rows<BookingRow>(await db.execute(sql`select ${bookingCols} from canteen_bookings b where b.user_id = ${who.userId} and b.canteen_id = ${c.id} and b.day between ${from} and ${to} and b.status <> 'cancelled'`));
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
        booking: b ? { id: b.id, status: b.status, pickupCode: b.pickupCode } : null,
        dishes: dishRows.filter((d) => d.day === day && d.meal === p.meal).map((d) => ({ ...d, canteenId: c.id, allergens: d.allergens, nutrition: d.nutrition, category: d.category as MenuMeal['dishes'][number]['category'] })),
      });
    }
  }
  return out;
}
