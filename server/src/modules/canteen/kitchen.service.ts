import { sql } from 'drizzle-orm';
import { parsePickupCode, type Meal, type PrepSheet, type Reception, type WasteRecordPage, type WasteRecordQuery, type WasteRow } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { notify } from '../../kernel/notifications/notifications.service';
import type { DataScope } from '../../kernel/org/scope';
import { chargeBooking, loadCanteen, type BookingRow } from './booking.service';
import { dishPortions, forecast, gramsPerMeal, kgToGrams, type HistoryMeal } from './forecast';
import { chargeOrder } from './takeaway.service';
import { addDays, shanghaiDay } from './time';

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];
const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

/** Booked and served-from-booking counts for one meal: live bookings, or the kitchen's recorded tally. */
const tally = sql`coalesce(ms.booked, (select count(*)::int from canteen_bookings b where b.canteen_id = ms.canteen_id and b.day = ms.day and b.meal = ms.meal and b.status <> 'cancelled')) as booked,
  coalesce(ms.booked_served, (select count(*)::int from canteen_bookings b where b.canteen_id = ms.canteen_id and b.day = ms.day and b.meal = ms.meal and b.status = 'served')) as "bookedServed"`;

export async function prepSheet(db: Db, canteenId: number, day: string, meal: Meal): Promise<PrepSheet> {
  const c = await loadCanteen(db, canteenId);
  const counts = one<{ booked: number; served: number }>(await db.execute(sql`select count(*) filter (where status <> 'cancelled')::int as booked, count(*) filter (where status = 'served')::int as served
    from canteen_bookings where canteen_id = ${c.id} and day = ${day} and meal = ${meal}`))!;
  const history = rows<HistoryMeal>(await db.execute(sql`select ${tally}, ms.walk_ins as "walkIns", ms.prep_surplus_g as "prepSurplusG"
    from canteen_meal_services ms where ms.canteen_id = ${c.id} and ms.meal = ${meal} and ms.day < ${day} order by ms.day desc limit 8`));
  const f = forecast(history, counts.booked, c.portionGrams);
  const walk = one<{ walkIns: number }>(await db.execute(sql`select walk_ins as "walkIns" from canteen_meal_services where canteen_id = ${c.id} and day = ${day} and meal = ${meal}`));
  const dishes = rows<{ dishId: number; name: string; category: PrepSheet['dishes'][number]['category']; preordered: number }>(await db.execute(sql`select d.id as "dishId", d.name, d.category,
      coalesce((select sum(bd.portions) from canteen_booking_dishes bd join canteen_bookings b on b.id = bd.booking_id
        where bd.dish_id = d.id and b.canteen_id = ${c.id} and b.day = ${day} and b.meal = ${meal} and b.status <> 'cancelled'), 0)::int as preordered
    from canteen_menu_items m join canteen_dishes d on d.id = m.dish_id where m.canteen_id = ${c.id} and m.day = ${day} and m.meal = ${meal} order by d.category, d.id`));
  const noChoice = one<{ n: number }>(await db.execute(sql`select count(*)::int as n from canteen_bookings b where b.canteen_id = ${c.id} and b.day = ${day} and b.meal = ${meal}
    and b.status <> 'cancelled' and not exists (select 1 from canteen_booking_dishes bd where bd.booking_id = b.id)`))!.n;
  const takeaway = rows<{ itemId: number; name: string; unit: string; stock: number; ordered: number; bySlot: Record<string, number> | null }>(await db.execute(sql`
    select i.id as "itemId", i.name, i.unit, i.stock, coalesce(sum(o.quantity) filter (where o.status <> 'cancelled'), 0)::int as ordered,
      (select jsonb_object_agg(slot, q) from (select o2.slot, sum(o2.quantity)::int as q from canteen_takeaway_orders o2 where o2.item_id = i.id and o2.status <> 'cancelled' group by o2.slot) s) as "bySlot"
    from canteen_takeaway_items i left join canteen_takeaway_orders o on o.item_id = i.id where i.canteen_id = ${c.id} and i.day = ${day} group by i.id order by i.id`));
  return {
    canteenId: c.id, canteenName: c.name, day, meal, booked: counts.booked, served: counts.served + (walk?.walkIns ?? 0), forecast: f,
    dishes: dishes.map((d) => ({ ...d, portions: dishPortions(d.preordered + noChoice, counts.booked, f.portions) })),
    bookedWithoutChoice: noChoice,
    takeaway: takeaway.map((t) => ({ ...t, bySlot: t.bySlot ?? {} })),
  };
}

/** 核销: a pickup code (scanned or typed) for today at this canteen; charges now in pickup mode. */
export async function verifyPickup(tx: Tx, canteenId: number, code: string, now: Date, staffId: number) {
  const c = await loadCanteen(tx, canteenId);
  const today = shanghaiDay(now);
  const clean = parsePickupCode(code);
  if (!clean) throw invalid('canteen_code_unknown', {}, 'code');
  const b = one<BookingRow & { name: string; servedAt: string | null }>(await tx.execute(sql`select b.id::int as id, b.canteen_id as "canteenId", b.user_id as "userId", to_char(b.day, 'YYYY-MM-DD') as day, b.meal, b.price_fen as "priceFen",
      b.status, b.charged, b.pickup_code as "pickupCode", x.display_name as name, to_char(b.served_at at time zone 'Asia/Shanghai', 'HH24:MI') as "servedAt"
    from canteen_bookings b join users x on x.id = b.user_id where b.pickup_code = ${clean} and b.canteen_id = ${c.id} and b.day = ${today} for update of b`));
  if (b) {
    if (b.status === 'served') throw conflict('canteen_code_used', { at: b.servedAt ?? '' });
    if (b.status !== 'booked') throw invalid('canteen_code_unknown', {}, 'code');
    if (c.chargeMode === 'pickup' && !b.charged && b.priceFen > 0) await chargeBooking(tx, b, c.id, staffId);
    await tx.execute(sql`update canteen_bookings set status = 'served', served_at = now() where id = ${b.id}`);
    return { kind: 'booking' as const, name: b.name, what: b.meal, day: b.day, charged: c.chargeMode === 'pickup' || b.charged, id: b.id };
  }
  const o = one<{ id: number; userId: number; amountFen: number; status: string; charged: boolean; name: string; item: string; quantity: number; unit: string; day: string; at: string | null }>(await tx.execute(sql`
    select o.id::int as id, o.user_id as "userId", o.amount_fen as "amountFen", o.status, o.charged, x.display_name as name, i.name as item, o.quantity, i.unit, to_char(i.day, 'YYYY-MM-DD') as day,
      to_char(o.picked_up_at at time zone 'Asia/Shanghai', 'HH24:MI') as at
    from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id join users x on x.id = o.user_id
    where o.pickup_code = ${clean} and o.canteen_id = ${c.id} and i.day = ${today} for update of o`));
  if (!o) throw invalid('canteen_code_unknown', {}, 'code');
  if (o.status === 'picked_up') throw conflict('canteen_code_used', { at: o.at ?? '' });
  if (o.status !== 'ordered') throw invalid('canteen_code_unknown', {}, 'code');
  if (c.chargeMode === 'pickup' && !o.charged && o.amountFen > 0) await chargeOrder(tx, { id: o.id, userId: o.userId, amountFen: o.amountFen, canteenId: c.id, name: o.item }, staffId);
  await tx.execute(sql`update canteen_takeaway_orders set status = 'picked_up', picked_up_at = now() where id = ${o.id}`);
  return { kind: 'order' as const, name: o.name, what: `${o.item} × ${o.quantity}${o.unit}`, day: o.day, charged: c.chargeMode === 'pickup' || o.charged, id: o.id };
}

/** Walk-ins, portions prepared and the three waste stages for one meal (upsert; absent fields kept). */
export async function saveMealService(tx: Tx, orgUnitId: number, i: { canteenId: number; day: string; meal: Meal; walkIns?: number | undefined; prepared?: number | undefined; prepSurplusKg?: number | undefined; unservedKg?: number | undefined; plateKg?: number | undefined }) {
  const g = (kg: number | undefined) => (kg === undefined ? null : kgToGrams(kg));
  const before = one(await tx.execute(sql`select walk_ins as "walkIns", prepared, prep_surplus_g as "prepSurplusG", unserved_g as "unservedG", plate_g as "plateG" from canteen_meal_services where canteen_id = ${i.canteenId} and day = ${i.day} and meal = ${i.meal}`));
  await tx.execute(sql`insert into canteen_meal_services (canteen_id, org_unit_id, day, meal, walk_ins, prepared, prep_surplus_g, unserved_g, plate_g)
    values (${i.canteenId}, ${orgUnitId}, ${i.day}, ${i.meal}, ${i.walkIns ?? 0}, ${i.prepared ?? null}, ${g(i.prepSurplusKg)}, ${g(i.unservedKg)}, ${g(i.plateKg)})
    on conflict (canteen_id, day, meal) do update set
      walk_ins = coalesce(${i.walkIns ?? null}::int, canteen_meal_services.walk_ins), prepared = coalesce(excluded.prepared, canteen_meal_services.prepared),
      prep_surplus_g = coalesce(excluded.prep_surplus_g, canteen_meal_services.prep_surplus_g), unserved_g = coalesce(excluded.unserved_g, canteen_meal_services.unserved_g),
      plate_g = coalesce(excluded.plate_g, canteen_meal_services.plate_g), updated_at = now()`);
  return before ?? null;
}

/** Waste per meal in scope and period; served = booked diners served + walk-ins. */
export async function wasteRows(db: Db, scope: DataScope, from: string, to: string, canteenId?: number): Promise<WasteRow[]> {
  if (from > to) throw invalid('canteen_day_invalid', {}, 'to');
  const r = rows<{ canteenId: number; canteenName: string; day: string; meal: Meal; bookedServed: number; walkIns: number; prepSurplusG: number | null; unservedG: number | null; plateG: number | null }>(await db.execute(sql`
    select ms.canteen_id as "canteenId", c.name as "canteenName", to_char(ms.day, 'YYYY-MM-DD') as day, ms.meal, ${tally}, ms.walk_ins as "walkIns",
      ms.prep_surplus_g as "prepSurplusG", ms.unserved_g as "unservedG", ms.plate_g as "plateG"
    from canteen_meal_services ms join canteen_canteens c on c.id = ms.canteen_id
    where ms.day between ${from} and ${to} and ${scope.where(sql`ms.org_unit_id`)} ${canteenId ? sql`and ms.canteen_id = ${canteenId}` : sql``}
    order by ms.day desc, c.id, array_position(array['breakfast', 'lunch', 'dinner'], ms.meal::text)`));
  const kg = (g: number | null) => (g === null ? null : g / 1000);
  return r.map((x) => {
    const served = x.bookedServed + x.walkIns;
    return { canteenId: x.canteenId, canteenName: x.canteenName, day: x.day, meal: x.meal, served, prepSurplusKg: kg(x.prepSurplusG), unservedKg: kg(x.unservedG), plateKg: kg(x.plateG), gramsPerMeal: gramsPerMeal(x, served) };
  });
}

const STAGE_COL = { prep: sql`ms.prep_surplus_g`, unserved: sql`ms.unserved_g`, plate: sql`ms.plate_g` } as const;

/**
 * 餐厨浪费记录: the kitchen's waste records in scope, filtered (canteen, date range, meal, stage: the
 * records where that stage was weighed), newest first, one page or all of them (export), with the
 * totals over every matching record.
 */
export async function wasteRecords(db: Db, scope: DataScope, f: WasteRecordQuery, all = false): Promise<WasteRecordPage> {
  if (f.from > f.to) throw invalid('canteen_day_invalid', {}, 'to');
  if (addDays(f.from, 731) < f.to) throw invalid('canteen_range_too_long', {}, 'to');
  const where = sql`ms.day between ${f.from} and ${f.to} and ${scope.where(sql`ms.org_unit_id`)}
    ${f.canteenId ? sql`and ms.canteen_id = ${f.canteenId}` : sql``} ${f.meal ? sql`and ms.meal = ${f.meal}` : sql``}
    ${f.stage ? sql`and ${STAGE_COL[f.stage]} is not null` : sql`and (ms.prep_surplus_g is not null or ms.unserved_g is not null or ms.plate_g is not null)`}`;
  const r = rows<{ canteenId: number; canteenName: string; day: string; meal: Meal; bookedServed: number; walkIns: number; prepSurplusG: number | null; unservedG: number | null; plateG: number | null; total: number }>(await db.execute(sql`
    select ms.canteen_id as "canteenId", c.name as "canteenName", to_char(ms.day, 'YYYY-MM-DD') as day, ms.meal, ${tally}, ms.walk_ins as "walkIns",
      ms.prep_surplus_g as "prepSurplusG", ms.unserved_g as "unservedG", ms.plate_g as "plateG", count(*) over ()::int as total
    from canteen_meal_services ms join canteen_canteens c on c.id = ms.canteen_id where ${where}
    order by ms.day desc, c.id, array_position(array['breakfast', 'lunch', 'dinner'], ms.meal::text)
    ${all ? sql`limit 50000` : sql`limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`}`));
  const sums = one<{ g: number; served: number }>(await db.execute(sql`select coalesce(sum(coalesce(ms.prep_surplus_g, 0) + coalesce(ms.unserved_g, 0) + coalesce(ms.plate_g, 0)), 0)::float8 as g,
      coalesce(sum(s."bookedServed" + ms.walk_ins), 0)::int as served
    from canteen_meal_services ms cross join lateral (select ${tally}) s where ${where}`))!;
  const kg = (g: number | null) => (g === null ? null : g / 1000);
  const items = r.map((x) => {
    const served = x.bookedServed + x.walkIns;
    return { canteenId: x.canteenId, canteenName: x.canteenName, day: x.day, meal: x.meal, served, prepSurplusKg: kg(x.prepSurplusG), unservedKg: kg(x.unservedG), plateKg: kg(x.plateG), gramsPerMeal: gramsPerMeal(x, served) };
  });
  return { items, total: r[0]?.total ?? 0, page: f.page, pageSize: f.pageSize, totalKg: Math.round(sums.g) / 1000, gramsPerMeal: sums.served > 0 ? Math.round((sums.g / sums.served) * 10) / 10 : null };
}

/** 公务用餐: the standard in force that day × (guests + hosts); over it → flagged and the canteen's managers notified. */
export async function recordReception(tx: Tx, by: number, i: { canteenId: number; day: string; meal: Meal; purpose: string; guests: number; hosts: number; costFen: number }): Promise<Reception> {
  const c = await loadCanteen(tx, i.canteenId);
  const std = one<{ perPersonFen: number }>(await tx.execute(sql`select per_person_fen as "perPersonFen" from canteen_reception_standards where meal = ${i.meal} and effective_from <= ${i.day} order by effective_from desc limit 1`));
  if (!std) throw notFound();
  const people = i.guests + i.hosts;
  const limitFen = std.perPersonFen * people;
  const exceeded = i.costFen > limitFen;
  const [row] = rows<{ id: number }>(await tx.execute(sql`insert into canteen_receptions (canteen_id, org_unit_id, day, meal, purpose, guests, hosts, standard_fen, cost_fen, exceeded, created_by)
    values (${c.id}, ${c.orgUnitId}, ${i.day}, ${i.meal}, ${i.purpose}, ${i.guests}, ${i.hosts}, ${std.perPersonFen}, ${i.costFen}, ${exceeded}, ${by}) returning id`));
  if (exceeded) {
    const managers = rows<{ id: number }>(await tx.execute(sql`select distinct ra.user_id as id from role_assignments ra join role_permissions rp on rp.role_id = ra.role_id and rp.permission = 'canteen.read'
      join org_units s on s.id = ra.scope_unit_id join org_units cu on cu.id = ${c.orgUnitId} where cu.path like s.path || '%'`));
    const yuan = (f: number) => (f / 100).toFixed(2);
    await notify(tx, [...managers.map((m) => m.id), by], 'notify.canteen.reception_exceeded', { purpose: i.purpose, day: i.day, canteen: c.name, perPerson: yuan(Math.round(i.costFen / people)), standard: yuan(std.perPersonFen) }, '/canteen/receptions');
  }
  return { id: row!.id, canteenId: c.id, day: i.day, meal: i.meal, purpose: i.purpose, guests: i.guests, hosts: i.hosts, standardFen: std.perPersonFen, costFen: i.costFen, limitFen, exceeded };
}

export async function listReceptions(db: Db, scope: DataScope, from: string, to: string): Promise<Reception[]> {
  return rows<Reception>(await db.execute(sql`select r.id, r.canteen_id as "canteenId", to_char(r.day, 'YYYY-MM-DD') as day, r.meal, r.purpose, r.guests, r.hosts, r.standard_fen as "standardFen",
    r.cost_fen as "costFen", r.standard_fen * (r.guests + r.hosts) as "limitFen", r.exceeded from canteen_receptions r
    where r.day between ${from} and ${to} and ${scope.where(sql`r.org_unit_id`)} order by r.day desc, r.id desc`));
}
