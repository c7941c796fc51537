import { sql } from 'drizzle-orm';
import type { Order, TakeawayItem } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors';
import type { Who } from './booking.service';
import type { AuditSubject } from '../../kernel/auth/actor';
import { preparedStatement } from '../../db/prepared';
import { auditArgs, auditCallSql, type AuditArgs } from './audit-args';
import { auditChainLock } from '../../kernel/audit/audit.service';
import { isOverdraft, personAccount, post, systemAccount } from './ledger';
import { formatShanghai } from './time';

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];
const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

export const itemCols = sql`i.id, i.canteen_id as "canteenId", to_char(i.day, 'YYYY-MM-DD') as day, i.name, i.unit, i.price_fen as "priceFen", i.stock, i.remaining, i.slots,
  to_char(i.order_cutoff at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "orderCutoff",
  (now() < i.order_cutoff and not i.withdrawn) as "canOrder", i.withdrawn, (i.stock - i.remaining) as ordered`;

export async function itemsFor(db: Db | Tx, canteenId: number, from: string, to: string): Promise<TakeawayItem[]> {
  return rows<TakeawayItem>(await db.execute(sql`select ${itemCols} from canteen_takeaway_items i where i.canteen_id = ${canteenId} and i.day between ${from} and ${to} order by i.day, i.id`));
}

/** The diner's list: withdrawn items are left out. */
export async function itemsForDiner(db: Db | Tx, canteenId: number, from: string, to: string): Promise<TakeawayItem[]> {
  return rows<TakeawayItem>(await db.execute(sql`select ${itemCols} from canteen_takeaway_items i where i.canteen_id = ${canteenId} and i.day between ${from} and ${to} and not i.withdrawn order by i.day, i.id`));
}

const orderCols = sql`o.id::int as id, o.item_id as "itemId", i.name as "itemName", to_char(i.day, 'YYYY-MM-DD') as day, o.quantity, o.amount_fen as "amountFen", o.slot, o.status, o.pickup_code as "pickupCode",
  to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"`;

export async function myOrders(db: Db, userId: number, limit = 60): Promise<Order[]> {
  return rows<Order>(await db.execute(sql`select ${orderCols} from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.user_id = ${userId} order by o.id desc limit ${limit}`));
}

export async function orderByKey(db: Db | Tx, userId: number, key: string): Promise<Order | undefined> {
  return one<Order>(await db.execute(sql`select ${orderCols} from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.user_id = ${userId} and o.idempotency_key = ${key}`));
}

type OrderValues = AuditArgs & { userId: number; orgUnitId: number; itemId: number; quantity: number; slot: string; key: string | null; now: string; id: number; code: string };
export interface OrderAttempt { priorId: number | null; id: number; canteenId: number; day: string; name: string; unit: string; priceFen: number; cutoff: string; remaining: number; withdrawn: boolean;
  eligible: boolean; open: boolean; slotOk: boolean; needsAccounts: boolean; /** Group writes only: the balance (with its overdraft) cannot pay. */ shortOfFunds?: boolean; orderId: number | null; charged: boolean | null; createdAt: string | null }

/** The order's one statement, built once and run as a named prepared statement (db/prepared.ts). */
const orderStatement = preparedStatement<OrderValues>('canteen_order', (p) => sql`with lk as materialized (select 1 as locked from (select ${auditChainLock(p.a1)}) q),
      x as materialized (select
          (select o.id::int from canteen_takeaway_orders o where o.user_id = ${p.userId} and o.idempotency_key = ${p.key}) as prior_id,
          i.id, i.canteen_id, i.org_unit_id, i.day, i.name, i.unit, i.price_fen, i.order_cutoff, i.remaining, i.withdrawn,
          (c.charge_mode = 'booking' and i.price_fen > 0) as charge,
          exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${p.orgUnitId}
            where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
          ${p.now}::timestamptz < i.order_cutoff as open,
          ${p.slot}::text = any(i.slots) as slot_ok,
          (select ac.id from canteen_accounts ac where ac.kind = 'person' and ac.user_id = ${p.userId}) as account_id,
          (select ac.id from canteen_accounts ac where ac.kind = 'revenue' and ac.canteen_id = c.id) as revenue_id
        from lk cross join canteen_takeaway_items i join canteen_canteens c on c.id = i.canteen_id and c.active where i.id = ${p.itemId}),
      y as (select x.*, (x.prior_id is null and x.eligible and not x.withdrawn and x.open and x.slot_ok and x.remaining >= ${p.quantity}
          and (not x.charge or (x.account_id is not null and x.revenue_id is not null))) as ok from x),
      s as (update canteen_takeaway_items t set remaining = t.remaining - ${p.quantity} from y
        where t.id = y.id and y.ok and t.remaining >= ${p.quantity} returning t.id),
      o as (insert into canteen_takeaway_orders (id, item_id, canteen_id, org_unit_id, user_id, quantity, amount_fen, slot, charged, pickup_code, idempotency_key)
        select ${p.id}, y.id, y.canteen_id, y.org_unit_id, ${p.userId}, ${p.quantity}, y.price_fen * ${p.quantity}, ${p.slot}, y.charge, ${p.code}, ${p.key}
        from y join s on s.id = y.id returning id, charged, created_at),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', y.account_id, y.revenue_id, y.price_fen * ${p.quantity}, 'order:' || o.id || ':charge', y.canteen_id, y.name, ${p.userId} from o, y where o.charged)
      select y.prior_id as "priorId", y.id, y.canteen_id as "canteenId", to_char(y.day, 'YYYY-MM-DD') as day, y.name, y.unit, y.price_fen as "priceFen", y.order_cutoff as cutoff,
        y.remaining, y.withdrawn, y.eligible, y.open, y.slot_ok as "slotOk",
        (y.prior_id is null and y.eligible and not y.withdrawn and y.open and y.slot_ok and y.charge and (y.account_id is null or y.revenue_id is null)) as "needsAccounts",
        o.id::int as "orderId", o.charged, (select ${auditCallSql(p)} from o) as "auditId", to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"
      from y left join o on true`);

export interface OrderInput { itemId: number; quantity: number; slot: string; idempotencyKey?: string | undefined }
/** One order request: its id and pickup code are chosen before it is written, so its audit record is written with it. */
export interface OrderRequest { who: Who; subject: AuditSubject; input: OrderInput; now: Date; id: number; code: string }
export type OrderResult = { order: Order; created: boolean };

/** The order's audit record (`chain`: the group's, when written by group commit). */
export function orderAudit(r: OrderRequest, chain?: number): AuditArgs {
  return auditArgs(r.subject, {
    action: 'canteen.order.create', objectType: 'canteen_takeaway_order', objectId: r.id,
    after: { id: r.id, itemId: r.input.itemId, quantity: r.input.quantity, slot: r.input.slot, pickupCode: r.code, idempotencyKey: r.input.idempotencyKey ?? null },
  }, chain);
}

/**
 * 外卖预订, one order on its own (placeOrder in order.group.ts is the entry: it groups concurrent
 * orders and uses this for a group of one, or to redo a failed group one by one), in one statement
 * with its audit record (no transaction round trips; the item's row lock is held only while the
 * statement runs): the checks (eligible, not withdrawn, before the order cutoff, a slot offered),
 * then the stock taken with a conditional UPDATE (`remaining >= quantity`; the item's row lock
 * serialises concurrent orders for it and each re-checks the latest stock, so of concurrent orders
 * for the last portions the losers find too few and get `canteen_sold_out`), the order and, when the
 * canteen charges at booking, the ledger charge (the account CHECK refuses an overdraft and fails the
 * whole statement, stock included). The CHECK `remaining >= 0` backs it.
 */
export async function orderOne(db: Db, r: OrderRequest, chain?: number): Promise<OrderResult> {
  const { input, who } = r;
  const values: OrderValues = {
    userId: who.userId, orgUnitId: who.orgUnitId, itemId: input.itemId, quantity: input.quantity, slot: input.slot, key: input.idempotencyKey ?? null, now: r.now.toISOString(), id: r.id, code: r.code,
    ...orderAudit(r, chain),
  };
  const attempt = async () => {
    try {
      return one<OrderAttempt>(await orderStatement.execute(db, values));
    } catch (e) {
      if (isOverdraft(e)) throw new AppError('canteen_insufficient_balance', 409);
      throw e;
    }
  };
  let x = await attempt();
  if (x?.needsAccounts) {
    // First charge ever for this person or canteen: open the accounts, then the same statement again.
    await personAccount(db, who.userId);
    await systemAccount(db, x.canteenId, 'revenue');
    x = await attempt();
  }
  return orderAnswer(db, r, x);
}

/** What the order statement's row (single or group) means for the request: the order, the first order of a retried key, or its own error. */
export async function orderAnswer(db: Db, r: OrderRequest, x: OrderAttempt | undefined): Promise<OrderResult> {
  const { input } = r;
  if (x?.priorId) return { order: (await orderById(db, x.priorId))!, created: false };
  if (!x) throw notFound();
  if (!x.eligible) throw new AppError('canteen_not_eligible', 403);
  const cutoff = new Date(x.cutoff);
  if (x.withdrawn || !x.open) throw invalid('canteen_order_closed', { name: x.name, cutoff: formatShanghai(cutoff) });
  if (!x.slotOk) throw invalid('canteen_slot_invalid', { slot: input.slot }, 'slot');
  if (x.shortOfFunds) throw new AppError('canteen_insufficient_balance', 409);
  if (!x.orderId) {
    // Sold out. Too few already in the statement's snapshot (the usual case, no lock taken), or a
    // concurrent order took the last portions first: then read what is left now.
    const left = x.remaining < input.quantity ? x.remaining : (one<{ remaining: number }>(await db.execute(sql`select remaining from canteen_takeaway_items where id = ${x.id}`)))?.remaining ?? 0;
    throw conflict('canteen_sold_out', { name: x.name, remaining: left, unit: x.unit });
  }
  const order: Order = { id: x.orderId, itemId: x.id, itemName: x.name, day: x.day, quantity: input.quantity, amountFen: x.priceFen * input.quantity, slot: input.slot, status: 'ordered', pickupCode: r.code, createdAt: x.createdAt! };
  return { order, created: true };
}

export async function orderById(db: Db | Tx, id: number): Promise<Order | undefined> {
  return one<Order>(await db.execute(sql`select ${orderCols} from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.id = ${id}`));
}

export async function chargeOrder(tx: Tx, o: { id: number; userId: number; amountFen: number; canteenId: number; name: string }, actorId: number | null): Promise<void> {
  const from = await personAccount(tx, o.userId);
  const to = await systemAccount(tx, o.canteenId, 'revenue');
  await post(tx, { kind: 'charge', from, to, amountFen: o.amountFen, key: `order:${o.id}:charge`, canteenId: o.canteenId, memo: o.name, createdBy: actorId });
  await tx.execute(sql`update canteen_takeaway_orders set charged = true where id = ${o.id}`);
}

/** Cancels an order before the item's order cutoff: the stock returns and a charge is refunded. */
export async function cancelOrder(tx: Tx, userId: number, orderId: number, now: Date): Promise<void> {
  const o = one<{ id: number; itemId: number; canteenId: number; quantity: number; amountFen: number; status: string; charged: boolean; cutoff: Date; name: string }>(await tx.execute(sql`
    select o.id::int as id, o.item_id as "itemId", o.canteen_id as "canteenId", o.quantity, o.amount_fen as "amountFen", o.status, o.charged, i.order_cutoff as cutoff, i.name
    from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.id = ${orderId} and o.user_id = ${userId} for update of o`));
  if (!o) throw notFound();
  if (o.status !== 'ordered') throw conflict('canteen_not_cancellable');
  const cutoff = new Date(o.cutoff);
  if (now >= cutoff) throw invalid('canteen_cancel_after_cutoff', { cutoff: formatShanghai(cutoff) });
  await tx.execute(sql`update canteen_takeaway_orders set status = 'cancelled' where id = ${o.id}`);
  await tx.execute(sql`update canteen_takeaway_items set remaining = remaining + ${o.quantity} where id = ${o.itemId}`);
  if (o.charged) {
    await post(tx, { kind: 'refund', from: await systemAccount(tx, o.canteenId, 'revenue'), to: await personAccount(tx, userId), amountFen: o.amountFen, key: `order:${o.id}:refund`, canteenId: o.canteenId, memo: o.name, createdBy: userId });
  }
}
