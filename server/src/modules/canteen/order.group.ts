import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { groupCommit, perDatabase, type Outcome } from '../../db/group-commit';
import { preparedStatement } from '../../db/prepared';
import { auditChainLock } from '../../kernel/audit/audit.service';
import type { AuditSubject } from '../../kernel/auth/actor';
import { pickupCode, type Who } from './booking.service';
import { writeGroup, type GroupRow } from './group-write';
import { nextId } from './ids';
import { orderAnswer, orderAudit, orderOne, type OrderAttempt, type OrderInput, type OrderRequest, type OrderResult } from './takeaway.service';

/** Orders written together at most. */
const MAX_GROUP = 64;
/** Groups in flight at once: two, as for bookings (see booking.group.ts). */
const WRITERS = 2;


/**
 * 外卖预订, the entry the diner's route calls: concurrent orders are written by group commit
 * (db/group-commit.ts), as bookings are (booking.group.ts); a person has at most one order in a group.
 */
export async function placeOrder(db: Db, who: Who, subject: AuditSubject, input: OrderInput, now: Date): Promise<OrderResult> {
  const id = await nextId(db, 'canteen_takeaway_orders', db);
  return orderGroup(db).submit({ who, subject, input, now, id, code: pickupCode() });
}

export const orderGroup = perDatabase((db: Db) =>
  groupCommit<OrderRequest, OrderResult>({ maxBatch: MAX_GROUP, concurrency: WRITERS, conflictKey: (r) => r.who.userId, write: (group) => writeOrders(db, group) }));

/**
 * Writes a group: each row's checks, stock and balance (in the statement's snapshot) decide whether
 * that row is written, and the row read back answers its request as the single statement would.
 * When the group's orders together want more of an item than is left (the moment an item sells
 * out), or a concurrent writer changed a balance or stock since the snapshot, the whole statement
 * fails and each request is redone on its own with the single statement, which serves them in
 * order until the stock runs out. Requests whose accounts are not opened yet are done on their own.
 */
function writeOrders(db: Db, group: OrderRequest[]): Promise<Outcome<OrderResult>[]> {
  return writeGroup<OrderRequest, OrderAttempt & GroupRow, OrderResult>(db, group, {
    statement: orderGroupStatement,
    row: (r, n, chain) => {
      const a = orderAudit(r, chain);
      return {
        n, user_id: r.who.userId, org_unit_id: r.who.orgUnitId, item_id: r.input.itemId, quantity: r.input.quantity, slot: r.input.slot, key: r.input.idempotencyKey ?? null,
        now: r.now.toISOString(), id: r.id, code: r.code,
        a1: a.a1, a2: a.a2, a3: a.a3, a4: a.a4, a5: a.a5, a6: a.a6, a7: a.a7, a8: a.a8, a9: a.a9, a10: a.a10, a11: a.a11, a12: a.a12,
      };
    },
    one: (r, chain) => orderOne(db, r, chain),
    answer: (r, x) => orderAnswer(db, r, x),
  });
}

/**
 * The group's one statement: the single order statement (takeaway.service.ts) over a set of
 * requests passed as one JSON array, one row back per request (`n`). Stock is taken per item for
 * the group's orders together (`remaining >= total`, re-checked under the row lock); an item short
 * of the total makes canteen_fail roll the group back. Ledger rows go in account order (balance
 * locks in one order in every group), audit records on one chain.
 */
const orderGroupStatement = preparedStatement<{ rows: string; chain: number }>('canteen_order_group', (p) => sql`with lk as materialized (select 1 as locked from (select ${auditChainLock(p.chain)}) q),
      r as materialized (select r.* from lk cross join jsonb_to_recordset(${p.rows}::jsonb) as r(n int, user_id int, org_unit_id int, item_id int, quantity int, slot text, key text,
          now timestamptz, id bigint, code text, a1 smallint, a2 timestamptz, a3 int, a4 text, a5 int, a6 text, a7 text, a8 text, a9 text, a10 text, a11 text, a12 text)),
      x as materialized (select r.n, r.id as new_id, r.user_id, r.quantity, r.slot, r.key, r.code,
          (select o.id::int from canteen_takeaway_orders o where o.user_id = r.user_id and o.idempotency_key = r.key) as prior_id,
          i.id, i.canteen_id, i.org_unit_id, i.day, i.name, i.unit, i.price_fen, i.order_cutoff, i.remaining, i.withdrawn,
          (c.charge_mode = 'booking' and i.price_fen > 0) as charge,
          exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = r.org_unit_id
            where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
          r.now < i.order_cutoff as open, r.slot = any(i.slots) as slot_ok,
          ac.id as account_id, ac.balance_fen + ac.overdraft_fen as spendable,
          (select rv.id from canteen_accounts rv where rv.kind = 'revenue' and rv.canteen_id = c.id) as revenue_id
        from r join canteen_takeaway_items i on i.id = r.item_id join canteen_canteens c on c.id = i.canteen_id and c.active
          left join canteen_accounts ac on ac.kind = 'person' and ac.user_id = r.user_id),
      y as (select x.*, (x.prior_id is null and x.eligible and not x.withdrawn and x.open and x.slot_ok and x.remaining >= x.quantity) as ok from x),
      z as (select y.*, (y.ok and y.charge and (y.account_id is null or y.revenue_id is null)) as needs_accounts,
          (y.ok and y.charge and y.account_id is not null and y.spendable < y.price_fen * y.quantity) as short from y),
      w as materialized (select * from z where z.ok and not z.needs_accounts and not z.short),
      dm as materialized (select w.id as item_id, sum(w.quantity)::int as total from w group by w.id order by w.id),
      s as (update canteen_takeaway_items t set remaining = t.remaining - dm.total from dm where t.id = dm.item_id and t.remaining >= dm.total returning t.id),
      o as (insert into canteen_takeaway_orders (id, item_id, canteen_id, org_unit_id, user_id, quantity, amount_fen, slot, charged, pickup_code, idempotency_key)
        select w.new_id, w.id, w.canteen_id, w.org_unit_id, w.user_id, w.quantity, w.price_fen * w.quantity, w.slot, w.charge, w.code, w.key from w order by w.new_id
        returning id, charged, created_at),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', w.account_id, w.revenue_id, w.price_fen * w.quantity, 'order:' || o.id || ':charge', w.canteen_id, w.name, w.user_id
        from o join w on w.new_id = o.id where o.charged order by w.account_id),
      au as materialized (select o.id, audit_append(r.a1, r.a2, r.a3, r.a4, r.a5, r.a6, r.a7, r.a8, r.a9, null, r.a10::jsonb, r.a11, r.a12) as audit_id
        from o join r on r.id = o.id order by o.id),
      fail as materialized (select case when (select count(*) from s) <> (select count(*) from dm) then canteen_fail('canteen_sold_out') end as f)
      select r.n, z.prior_id as "priorId", z.id, z.canteen_id as "canteenId", to_char(z.day, 'YYYY-MM-DD') as day, z.name, z.unit, z.price_fen as "priceFen", z.order_cutoff as cutoff,
        z.remaining, z.withdrawn, z.eligible, z.open, z.slot_ok as "slotOk", z.needs_accounts as "needsAccounts", z.short as "shortOfFunds",
        o.id::int as "orderId", o.charged, au.audit_id as "auditId", to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt", (select f from fail) as "stockFail"
      from r left join z on z.n = r.n left join o on o.id = z.new_id left join au on au.id = o.id order by r.n`);
