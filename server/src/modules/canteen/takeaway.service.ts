import { sql } from 'drizzle-orm';
import type { Order, TakeawayItem } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors';
import { pickupCode, type Who } from './booking.service';
import { isOverdraft, personAccount, post, systemAccount } from './ledger';
import { formatShanghai } from './time';

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];
const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

export const itemCols = sql`i.id, i.canteen_id as "canteenId", to_char(i.day, 'YYYY-MM-DD') as day, i.name, i.unit, i.price_fen as "priceFen", i.stock, i.remaining, i.slots,
  to_char(i.order_cutoff at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "orderCutoff",
  (now() < i.order_cutoff) as "canOrder"`;

export async function itemsFor(db: Db | Tx, canteenId: number, from: string, to: string): Promise<TakeawayItem[]> {
  return rows<TakeawayItem>(await db.execute(sql`select ${itemCols} from canteen_takeaway_items i where i.canteen_id = ${canteenId} and i.day between ${from} and ${to} order by i.day, i.id`));
}

const orderCols = sql`o.id::int as id, o.item_id as "itemId", i.name as "itemName", to_char(i.day, 'YYYY-MM-DD') as day, o.quantity, o.amount_fen as "amountFen", o.slot, o.status, o.pickup_code as "pickupCode",
  to_char(o.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"`;

export async function myOrders(db: Db, userId: number, limit = 60): Promise<Order[]> {
  return rows<Order>(await db.execute(sql`select ${orderCols} from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.user_id = ${userId} order by o.id desc limit ${limit}`));
}

export async function orderByKey(db: Db | Tx, userId: number, key: string): Promise<Order | undefined> {
  return one<Order>(await db.execute(sql`select ${orderCols} from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.user_id = ${userId} and o.idempotency_key = ${key}`));
}

/**
 * 外卖预订. The stock is taken with one conditional UPDATE (`remaining >= quantity`) as the last
 * statement before the audit, so the item's row lock is held only for the end of the transaction:
 * of concurrent orders for the last portions, those that find too few get `canteen_sold_out` and
 * the whole transaction (order, charge) rolls back. The CHECK `remaining >= 0` backs it.
 */
export async function placeOrder(tx: Tx, who: Who, input: { itemId: number; quantity: number; slot: string; idempotencyKey?: string | undefined }, now: Date): Promise<{ order: Order; created: boolean }> {
  const x = one<{ priorId: number | null; id: number; canteenId: number; orgUnitId: number; day: string; name: string; unit: string; priceFen: number; slots: string[]; cutoff: Date; remaining: number;
    chargeMode: 'booking' | 'pickup'; eligible: boolean; accountId: number | null; revenueId: number | null }>(await tx.execute(sql`select
      ${input.idempotencyKey ? sql`(select o.id::int from canteen_takeaway_orders o where o.user_id = ${who.userId} and o.idempotency_key = ${input.idempotencyKey})` : sql`null::int`} as "priorId",
      i.id, i.canteen_id as "canteenId", i.org_unit_id as "orgUnitId", to_char(i.day, 'YYYY-MM-DD') as day, i.name, i.unit, i.price_fen as "priceFen", i.slots, i.order_cutoff as cutoff, i.remaining, c.charge_mode as "chargeMode",
      exists (select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = ${who.orgUnitId}
        where e.canteen_id = c.id and me.path like eu.path || '%') as eligible,
      (select ac.id from canteen_accounts ac where ac.kind = 'person' and ac.user_id = ${who.userId}) as "accountId",
      (select ac.id from canteen_accounts ac where ac.kind = 'revenue' and ac.canteen_id = c.id) as "revenueId"
    from canteen_takeaway_items i join canteen_canteens c on c.id = i.canteen_id and c.active where i.id = ${input.itemId}`));
  if (x?.priorId) return { order: (await orderById(tx, x.priorId))!, created: false };
  if (!x) throw notFound();
  if (!x.eligible) throw new AppError('canteen_not_eligible', 403);
  const cutoff = new Date(x.cutoff);
  if (now >= cutoff) throw invalid('canteen_order_closed', { name: x.name, cutoff: formatShanghai(cutoff) });
  if (!x.slots.includes(input.slot)) throw invalid('canteen_slot_invalid', { slot: input.slot }, 'slot');
  const soldOut = (remaining: number) => conflict('canteen_sold_out', { name: x.name, remaining, unit: x.unit });
  if (x.remaining < input.quantity) throw soldOut(x.remaining); // fast path; the UPDATE below decides
  const amountFen = x.priceFen * input.quantity;
  const charge = x.chargeMode === 'booking' && amountFen > 0;
  const code = pickupCode();
  const from = charge ? (x.accountId ?? (await personAccount(tx, who.userId))) : null;
  const to = charge ? (x.revenueId ?? (await systemAccount(tx, x.canteenId, 'revenue'))) : null;
  let ins: { id: number } | undefined;
  try {
    ins = one<{ id: number }>(await tx.execute(sql`with o as (insert into canteen_takeaway_orders (item_id, canteen_id, org_unit_id, user_id, quantity, amount_fen, slot, charged, pickup_code, idempotency_key)
        values (${x.id}, ${x.canteenId}, ${x.orgUnitId}, ${who.userId}, ${input.quantity}, ${amountFen}, ${input.slot}, ${charge}, ${code}, ${input.idempotencyKey ?? null}) returning id, charged),
      l as (insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
        select 'charge', ${from}::int, ${to}::int, ${amountFen}, 'order:' || o.id || ':charge', ${x.canteenId}, ${x.name}, ${who.userId} from o where o.charged)
      select id::int as id from o`));
  } catch (e) {
    if (isOverdraft(e)) throw new AppError('canteen_insufficient_balance', 409);
    throw e;
  }
  const took = await tx.execute(sql`update canteen_takeaway_items set remaining = remaining - ${input.quantity} where id = ${x.id} and remaining >= ${input.quantity} returning remaining`);
  if (took.rows.length === 0) {
    const left = one<{ remaining: number }>(await tx.execute(sql`select remaining from canteen_takeaway_items where id = ${x.id}`));
    throw soldOut(left?.remaining ?? 0);
  }
  const order: Order = { id: ins!.id, itemId: x.id, itemName: x.name, day: x.day, quantity: input.quantity, amountFen, slot: input.slot, status: 'ordered', pickupCode: code, createdAt: formatShanghai(now) };
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
