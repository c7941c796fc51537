import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { groupCommit, perDatabase, type Outcome } from '../../db/group-commit';
import { preparedStatement } from '../../db/prepared';
import { auditChainLock } from '../../kernel/audit/audit.service';
import type { AuditSubject } from '../../kernel/auth/actor';
import { invalid } from '../../kernel/http/errors';
import { bookingAnswer, bookingAudit, bookOne, pickupCode, type BookingAttempt, type BookInput, type BookRequest, type BookResult, type Who } from './booking.service';
import { writeGroup, type GroupRow } from './group-write';
import { nextId } from './ids';

/** Bookings written together at most: a group's statement stays short (tens of ms) under a rush. */
const MAX_GROUP = 64;
/**
 * Groups in flight at once: two, so PostgreSQL writes one group while the other commits and its
 * answers go out (a third of the rush's time saved). Safe because every canteen write statement
 * takes its audit chain's lock first, then stock rows by id, then balances in account order
 * (group-write.ts), and one person's requests are never in two groups in flight.
 */
const WRITERS = 2;


/**
 * 报餐, the entry the diner's route calls. Concurrent bookings are written by group commit
 * (db/group-commit.ts): one statement and one commit for the group, each request answered on its
 * own. A person has at most one booking in a group (their account and their meal are the group's
 * only shared rows besides stock). A group of one is the single-booking statement (booking.service.ts).
 */
export async function bookMeal(db: Db, who: Who, subject: AuditSubject, input: BookInput, now: Date): Promise<BookResult> {
  const dishes = input.dishes ?? [];
  if (new Set(dishes.map((d) => d.dishId)).size !== dishes.length) throw invalid('canteen_dish_twice', {}, 'dishes');
  const id = await nextId(db, 'canteen_bookings', db);
  return bookingGroup(db).submit({ who, subject, input, now, id, code: pickupCode() });
}

export const bookingGroup = perDatabase((db: Db) =>
  groupCommit<BookRequest, BookResult>({ maxBatch: MAX_GROUP, concurrency: WRITERS, conflictKey: (r) => r.who.userId, write: (group) => writeBookings(db, group) }));

/**
 * Writes a group. The group statement never fails for one request's sake: each row's checks,
 * stock and balance (in the statement's snapshot) decide whether that row is written, and the row
 * read back answers its request exactly as the single statement would. What it cannot decide alone
 * makes the whole statement fail, and then every request of the group is redone on its own with the
 * single statement, which decides them one by one: a stocked dish that the group's bookings together
 * would take below zero, a balance or stock changed by a concurrent writer since the snapshot, a
 * conflicting key from another server, a deadlock. Requests whose accounts are not opened yet (a
 * first charge) are also done on their own, after the group.
 */
function writeBookings(db: Db, group: BookRequest[]): Promise<Outcome<BookResult>[]> {
  return writeGroup<BookRequest, BookingAttempt & GroupRow, BookResult>(db, group, {
    statement: bookGroupStatement,
    row: (r, n, chain) => {
      const a = bookingAudit(r, chain);
      return {
        n, user_id: r.who.userId, org_unit_id: r.who.orgUnitId, canteen_id: r.input.canteenId, day: r.input.day, meal: r.input.meal, key: r.input.idempotencyKey ?? null,
        dishes: (r.input.dishes ?? []).map((d) => ({ dish_id: d.dishId, portions: d.portions })), now: r.now.toISOString(), id: r.id, code: r.code, memo: `${r.input.day} ${r.input.meal}`,
        a1: a.a1, a2: a.a2, a3: a.a3, a4: a.a4, a5: a.a5, a6: a.a6, a7: a.a7, a8: a.a8, a9: a.a9, a10: a.a10, a11: a.a11, a12: a.a12,
      };
    },
    one: (r, chain) => bookOne(db, r, chain),
    answer: (r, x) => bookingAnswer(db, r, x),
  });
}

/**
 * The group's one statement: the single booking statement (booking.service.ts) over a set of
 * requests passed as one JSON array, answering one row per request (`n`). A row is written only
 * when its checks pass, its accounts exist and its balance can pay; stock is taken per dish for
 * the group's bookings together, and if any stocked dish has too few left (or a menu row vanished)
 * canteen_fail rolls the whole group back. Ledger rows are inserted in account order, so their
 * trigger locks balances in the same order in every group (two concurrent groups cannot deadlock
 * on them); the audit records share one chain (one chain lock per group).
 */
const bookGroupStatement = preparedStatement<{ rows: string; chain: number }>('canteen_book_group', (p) => sql`with lk as materialized (select 1 as locked from (select ${auditChainLock(p.chain)}) q),
      r as materialized (select r.* from lk cross join jsonb_to_recordset(${p.rows}::jsonb) as r(n int, user_id int, org_unit_id int, canteen_id int, day date, meal text, key text,
          dishes jsonb, now timestamptz, id bigint, code text, memo text, a1 smallint, a2 timestamptz, a3 int, a4 text, a5 int, a6 text, a7 text, a8 text, a9 text, a10 text, a11 text, a12 text)),
      x as materialized (select r.n, r.id as new_id, r.user_id, r.day, r.meal, r.key, r.now, r.code, r.memo, jsonb_array_length(r.dishes) as dish_count,
          (select b.id::int from canteen_bookings b where b.user_id = r.user_id and b.idempotency_key = r.key) as prior_id,
          c.id, c.org_unit_id, c.name, c.charge_mode, c.allow_dish_choice,
          exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = r.org_unit_id
            where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
          p.id is not null as served,
          (select h.name from canteen_holidays h where h.canteen_id = c.id and h.day = r.day) as holiday,
          extract(isodow from r.day)::smallint = any(c.open_weekdays) as open_day,
          ((r.day - p.book_days_before) + p.book_cutoff) at time zone 'Asia/Shanghai' as book_by,
          exists (select 1 from canteen_absences a where a.user_id = r.user_id and r.day between a.from_day and a.to_day) as away,
          coalesce(dc.on_menu, 0) as dishes_on_menu, coalesce(dc.in_stock, 0) as dishes_in_stock, dc.sold_out,
          k.id as category_id, (case r.meal when 'breakfast' then k.breakfast_fen when 'lunch' then k.lunch_fen else k.dinner_fen end) + case when c.price_per_dish then coalesce(dc.dish_fen, 0) else 0 end as price_fen,
          dn.user_id is not null as registered,
          exists (select 1 from canteen_bookings b where b.user_id = r.user_id and b.day = r.day and b.meal = r.meal and b.status <> 'cancelled') as booked,
          ac.id as account_id, ac.balance_fen + ac.overdraft_fen as spendable,
          (select rv.id from canteen_accounts rv where rv.kind = 'revenue' and rv.canteen_id = c.id) as revenue_id
        from r join canteen_canteens c on c.id = r.canteen_id and c.active
          left join canteen_meal_periods p on p.canteen_id = c.id and p.meal = r.meal
          left join canteen_diners dn on dn.canteen_id = c.id and dn.user_id = r.user_id
          left join canteen_diner_categories k on k.canteen_id = c.id and (k.id = dn.category_id or (dn.user_id is null and k.is_default))
          left join canteen_accounts ac on ac.kind = 'person' and ac.user_id = r.user_id
          left join lateral (select count(*)::int as on_menu, count(*) filter (where m.remaining is null or m.remaining >= u.portions)::int as in_stock,
              sum(d.price_fen * u.portions)::int as dish_fen,
              json_agg(json_build_object('name', d.name, 'remaining', m.remaining)) filter (where m.remaining < u.portions) as sold_out
            from jsonb_to_recordset(r.dishes) as u(dish_id int, portions int)
              join canteen_menu_items m on m.canteen_id = c.id and m.day = r.day and m.meal = r.meal and m.dish_id = u.dish_id
              join canteen_dishes d on d.id = m.dish_id and d.active) dc on true),
      y as (select x.*, (x.charge_mode = 'booking' and x.price_fen > 0) as charge,
          (x.prior_id is null and x.eligible and x.category_id is not null and x.served and x.holiday is null and x.open_day and x.now < x.book_by and not x.away
            and (x.dish_count = 0 or (x.allow_dish_choice and x.dishes_on_menu = x.dish_count and x.dishes_in_stock = x.dishes_on_menu))) as ok
        from x),
      z as (select y.*, (y.ok and y.charge and (y.account_id is null or y.revenue_id is null)) as needs_accounts,
          (y.ok and not y.booked and y.charge and y.account_id is not null and y.spendable < y.price_fen) as short from y),
      b as (insert into canteen_bookings (id, canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, charged, pickup_code, idempotency_key)
        select z.new_id, z.id, z.org_unit_id, z.user_id, z.day, z.meal, z.category_id, z.price_fen, z.charge, z.code, z.key
        from z where z.ok and not z.needs_accounts and not z.short order by z.new_id
        on conflict (user_id, day, meal) where status <> 'cancelled' do nothing returning id, canteen_id, user_id, category_id, price_fen, charged, pickup_code, created_at),
      bd as (insert into canteen_booking_dishes (booking_id, dish_id, portions)
        select b.id, u.dish_id, u.portions from b join r on r.id = b.id cross join jsonb_to_recordset(r.dishes) as u(dish_id int, portions smallint)),
      -- Stock per menu row for the whole group; a row short of it fails the group (canteen_fail below).
      dm as materialized (select b.canteen_id, r.day, r.meal, u.dish_id, sum(u.portions)::int as portions
        from b join r on r.id = b.id cross join jsonb_to_recordset(r.dishes) as u(dish_id int, portions int) group by 1, 2, 3, 4 order by 1, 2, 3, 4),
      s as (update canteen_menu_items m set remaining = m.remaining - dm.portions from dm
        where m.canteen_id = dm.canteen_id and m.day = dm.day and m.meal = dm.meal and m.dish_id = dm.dish_id and m.remaining is not null and m.remaining >= dm.portions returning m.dish_id),
      ks as (select m.dish_id from canteen_menu_items m join dm on m.canteen_id = dm.canteen_id and m.day = dm.day and m.meal = dm.meal and m.dish_id = dm.dish_id
        where m.remaining is null for key share of m),
      dn as (insert into canteen_diners (canteen_id, user_id, category_id) select b.canteen_id, b.user_id, b.category_id from b join z on z.new_id = b.id where not z.registered on conflict do nothing),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', z.account_id, z.revenue_id, b.price_fen, 'booking:' || b.id || ':charge', b.canteen_id, z.memo, z.user_id from b join z on z.new_id = b.id where b.charged order by z.account_id),
      au as materialized (select b.id, audit_append(r.a1, r.a2, r.a3, r.a4, r.a5, r.a6, r.a7, r.a8, r.a9, null, r.a10::jsonb, r.a11, r.a12) as audit_id
        from b join r on r.id = b.id order by b.id),
      fail as materialized (select case when (select count(*) from s) + (select count(*) from ks) <> (select count(*) from dm) then canteen_fail('canteen_dish_sold_out') end as f)
      select r.n, z.prior_id as "priorId", z.id, z.name, z.charge_mode as "chargeMode", z.eligible, z.category_id as "categoryId", z.price_fen as "priceFen", z.served, z.holiday,
        z.open_day as "openDay", z.book_by as "bookBy", z.now < z.book_by as "beforeCutoff", z.away, z.allow_dish_choice as "dishChoice", z.dishes_on_menu as "dishesOnMenu",
        z.dishes_in_stock as "dishesInStock", z.sold_out as "soldOut", z.needs_accounts as "needsAccounts", z.short as "shortOfFunds",
        b.id::int as "bookingId", b.charged, b.pickup_code as "pickupCode", to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt", au.audit_id as "auditId",
        (select coalesce(json_agg(json_build_object('dishId', d.id, 'name', d.name, 'portions', (e.v->>'portions')::int) order by e.o), '[]'::json)
          from jsonb_array_elements(r.dishes) with ordinality as e(v, o) join canteen_dishes d on d.id = (e.v->>'dish_id')::int) as dishes,
        (select f from fail) as "stockFail"
      from r left join z on z.n = r.n left join b on b.id = z.new_id left join au on au.id = b.id order by r.n`);
