import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, IsoDate, Ok } from '@guanjia/contracts';
import { BureauQuery, BureauRow, Canteen, CanteenCreate, CanteenUpdate, OverdraftInfo, OverdraftLimitVersion, OverdraftSet, ReceptionStandardVersion, Standards, Suggestion, SuggestionReply, TakeawayItemUpdate, CashTopUp, DinerCategoryInput, MenuDay, DinerSet, Dish, DishInput, DishUpdate, HolidayInput, Meal, MealPeriodInput, MealServiceInput, MenuInput, PickupResult, PickupVerify, PrepSheet, Reception, ReceptionCreate, SubsidyBatch, SubsidyBatchAction, SubsidyBatchCreate, TakeawayItem, TakeawayItemInput, WasteRecordPage, WasteRecordQuery, WasteRow, WasteTrendPoint } from '@guanjia/contracts/canteen';
import { audit } from '../../kernel/audit/audit.service';
import { AppError, conflict, fromDbError, invalid, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { loadCanteen } from './booking.service';
import { isOverdraft, personAccount } from './ledger';
import { listReceptions, prepSheet, recordReception, saveMealService, verifyPickup, wasteRecords, wasteRows } from './kitchen.service';
import { cashTopUp } from './payments';
import { canteenFigures, wasteTrend } from './reports.service';
import { cancelSubsidyBatch, resubmitSubsidyBatch, startSubsidyBatch } from './subsidy';
import { itemCols, itemsFor } from './takeaway.service';
import { canteenDto, exportRoutes } from './exports';

const tags = ['canteen'];
/** A PostgreSQL text[] literal (quotes and backslashes dropped from the items). */
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`;
/** Marks a standard's source as an initial value still to be confirmed (shown as a placeholder). */
export const PLACEHOLDER_MARK = '待省机关事务管理局确认';
const p = (permission: string) => ({ permission });
const UNIQUE = { canteen_canteens_name_uq: 'canteen_name_taken', canteen_dishes_name_uq: 'canteen_name_taken', canteen_takeaway_items_uq: 'canteen_name_taken' };

/** The canteen, checked against the caller's scope for this route's permission (404 outside). */
async function canteenInScope(app: FastifyInstance, req: FastifyRequest, id: number) {
  const c = await loadCanteen(app.db, id);
  await req.scope.assert(app.db, c.orgUnitId);
  return c;
}

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  r.get('/api/canteen/canteens', { config: p('canteen.read'), schema: { tags, response: { 200: z.array(Canteen) } } }, async (req) => {
    // Deactivated canteens stay listed (marked) so their staff can see and reactivate them.
    const ids = (await db.execute(sql`select id from canteen_canteens c where ${req.scope.where(sql`c.org_unit_id`)} order by c.active desc, id`)).rows as { id: number }[];
    return Promise.all(ids.map((x) => canteenDto(db, x.id)));
  });

  r.post('/api/canteen/canteens', { config: p('canteen.manage'), schema: { tags, body: CanteenCreate, response: { 200: Canteen } } }, async (req) => {
    await req.scope.assert(db, req.body.orgUnitId);
    try {
      const id = await db.transaction(async (tx) => {
        const b = req.body;
        const [row] = (await tx.execute(sql`insert into canteen_canteens (org_unit_id, name, address, charge_mode, open_weekdays, portion_grams, allow_dish_choice, price_per_dish)
          values (${b.orgUnitId}, ${b.name}, ${b.address ?? null}, ${b.chargeMode}, ${`{${b.openWeekdays.join(',')}}`}::smallint[], ${b.portionGrams}, ${b.allowDishChoice}, ${b.pricePerDish}) returning id`)).rows as { id: number }[];
        for (const u of new Set(b.eligibleUnitIds)) await tx.execute(sql`insert into canteen_eligible_units (canteen_id, org_unit_id) values (${row!.id}, ${u})`);
        await audit(tx, subjectOf(req), { action: 'canteen.canteen.create', objectType: 'canteen', objectId: row!.id, after: b });
        return row!.id;
      });
      return canteenDto(db, id);
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
  });

  /** Edit a canteen (also a deactivated one) or deactivate/reactivate it; its organ stays. */
  r.patch('/api/canteen/canteens/:id', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: CanteenUpdate, response: { 200: Canteen } } }, async (req) => {
    const found = (await db.execute(sql`select org_unit_id as "orgUnitId" from canteen_canteens where id = ${req.params.id}`)).rows[0] as { orgUnitId: number } | undefined;
    if (!found) throw notFound();
    await req.scope.assert(db, found.orgUnitId);
    const b = req.body;
    try {
      await db.transaction(async (tx) => {
        const before = await canteenDto(tx, req.params.id);
        if (b.active === false && before.active) {
          // Deactivating stops new bookings; meals already booked or ordered from today on must be dealt with first.
          const live = (await tx.execute(sql`select (select count(*) from canteen_bookings where canteen_id = ${req.params.id} and status = 'booked' and day >= (now() at time zone 'Asia/Shanghai')::date)
            + (select count(*) from canteen_takeaway_orders o join canteen_takeaway_items i on i.id = o.item_id where o.canteen_id = ${req.params.id} and o.status = 'ordered' and i.day >= (now() at time zone 'Asia/Shanghai')::date) as n`)).rows[0] as { n: string | number };
          if (Number(live.n) > 0) throw conflict('canteen_has_live_bookings', { n: Number(live.n) });
        }
        await tx.execute(sql`update canteen_canteens set name = coalesce(${b.name ?? null}, name),
            address = ${b.address === undefined ? sql`address` : sql`${b.address}`},
            charge_mode = coalesce(${b.chargeMode ?? null}, charge_mode),
            open_weekdays = coalesce(${b.openWeekdays ? `{${b.openWeekdays.join(',')}}` : null}::smallint[], open_weekdays),
            portion_grams = coalesce(${b.portionGrams ?? null}::int, portion_grams),
            allow_dish_choice = coalesce(${b.allowDishChoice ?? null}::boolean, allow_dish_choice),
            price_per_dish = coalesce(${b.pricePerDish ?? null}::boolean, price_per_dish),
            active = coalesce(${b.active ?? null}::boolean, active)
          where id = ${req.params.id}`);
        if (b.eligibleUnitIds) {
          await tx.execute(sql`delete from canteen_eligible_units where canteen_id = ${req.params.id}`);
          await tx.execute(sql`insert into canteen_eligible_units (canteen_id, org_unit_id) select ${req.params.id}, u from unnest(${`{${[...new Set(b.eligibleUnitIds)].join(',')}}`}::int[]) u`);
        }
        const action = b.active === false ? 'canteen.canteen.deactivate' : b.active === true && !before.active ? 'canteen.canteen.reactivate' : 'canteen.canteen.update';
        await audit(tx, subjectOf(req), { action, objectType: 'canteen', objectId: req.params.id, before, after: b });
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
    return canteenDto(db, req.params.id);
  });

  r.put('/api/canteen/canteens/:id/meals', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: z.array(MealPeriodInput).max(3), response: { 200: Canteen } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from canteen_meal_periods where canteen_id = ${c.id}`);
      for (const m of req.body) {
        if (m.startsAt >= m.endsAt) throw invalid('validation', {}, 'endsAt');
        await tx.execute(sql`insert into canteen_meal_periods (canteen_id, meal, starts_at, ends_at, book_days_before, book_cutoff, cancel_days_before, cancel_cutoff)
          values (${c.id}, ${m.meal}, ${m.startsAt}, ${m.endsAt}, ${m.bookDaysBefore}, ${m.bookCutoff}, ${m.cancelDaysBefore}, ${m.cancelCutoff})`);
      }
      await audit(tx, subjectOf(req), { action: 'canteen.meals.set', objectType: 'canteen', objectId: c.id, after: req.body });
    });
    return canteenDto(db, c.id);
  });

  r.put('/api/canteen/canteens/:id/categories', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: z.array(DinerCategoryInput).min(1).max(10), response: { 200: Canteen } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    if (req.body.filter((k) => k.isDefault).length !== 1) throw invalid('validation', {}, 'isDefault');
    await db.transaction(async (tx) => {
      await tx.execute(sql`update canteen_diner_categories set is_default = false where canteen_id = ${c.id}`);
      for (const k of req.body) {
        await tx.execute(sql`insert into canteen_diner_categories (canteen_id, code, name_zh, name_en, breakfast_fen, lunch_fen, dinner_fen, monthly_subsidy_fen, is_default)
          values (${c.id}, ${k.code}, ${k.nameZh}, ${k.nameEn}, ${k.breakfastFen}, ${k.lunchFen}, ${k.dinnerFen}, ${k.monthlySubsidyFen}, ${k.isDefault})
          on conflict (canteen_id, code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, breakfast_fen = excluded.breakfast_fen, lunch_fen = excluded.lunch_fen,
            dinner_fen = excluded.dinner_fen, monthly_subsidy_fen = excluded.monthly_subsidy_fen, is_default = excluded.is_default`);
      }
      await audit(tx, subjectOf(req), { action: 'canteen.categories.set', objectType: 'canteen', objectId: c.id, after: req.body });
    });
    return canteenDto(db, c.id);
  });

  r.post('/api/canteen/canteens/:id/holidays', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: HolidayInput, response: { 200: Canteen } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_holidays (canteen_id, day, name) values (${c.id}, ${req.body.day}, ${req.body.name}) on conflict (canteen_id, day) do update set name = excluded.name`);
      await audit(tx, subjectOf(req), { action: 'canteen.holiday.set', objectType: 'canteen', objectId: c.id, after: req.body });
    });
    return canteenDto(db, c.id);
  });

  r.put('/api/canteen/canteens/:id/diners', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: DinerSet, response: { 200: Ok } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const person = (await db.execute(sql`select id from users where username = ${req.body.username} and active`)).rows[0] as { id: number } | undefined;
    if (!person) throw invalid('canteen_user_unknown', { username: req.body.username }, 'username');
    const cat = (await db.execute(sql`select id from canteen_diner_categories where canteen_id = ${c.id} and code = ${req.body.categoryCode}`)).rows[0] as { id: number } | undefined;
    if (!cat) throw invalid('validation', {}, 'categoryCode');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_diners (canteen_id, user_id, category_id) values (${c.id}, ${person.id}, ${cat.id})
        on conflict (canteen_id, user_id) do update set category_id = excluded.category_id`);
      await audit(tx, subjectOf(req), { action: 'canteen.diner.set', objectType: 'canteen', objectId: c.id, after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/canteen/canteens/:id/dishes', { config: p('canteen.read'), schema: { tags, params: IdParam, response: { 200: z.array(Dish) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    return (await db.execute(sql`select d.id, d.canteen_id as "canteenId", d.name, d.category, d.price_fen as "priceFen", d.allergens, d.nutrition, d.photo_file_id as "photoFileId", d.active,
      (select round(avg(stars)::numeric, 1)::float8 from canteen_ratings r where r.dish_id = d.id) as "avgStars" from canteen_dishes d where d.canteen_id = ${c.id} order by d.active desc, d.category, d.id`)).rows as Dish[];
  });

  r.post('/api/canteen/canteens/:id/dishes', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: DishInput, response: { 200: z.object({ id: z.number().int() }) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const d = req.body;
    try {
      return await db.transaction(async (tx) => {
        const [row] = (await tx.execute(sql`insert into canteen_dishes (canteen_id, org_unit_id, name, category, price_fen, allergens, nutrition)
          values (${c.id}, ${c.orgUnitId}, ${d.name}, ${d.category}, ${d.priceFen}, ${textArray(d.allergens)}::text[], ${JSON.stringify(d.nutrition)}::jsonb) returning id`)).rows as { id: number }[];
        await audit(tx, subjectOf(req), { action: 'canteen.dish.create', objectType: 'canteen_dish', objectId: row!.id, after: d });
        return { id: row!.id };
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
  });

  r.patch('/api/canteen/canteens/:id/dishes/:dishId', { config: p('canteen.manage'), schema: { tags, params: IdParam.extend({ dishId: z.coerce.number().int().positive() }), body: DishUpdate, response: { 200: Ok } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const d = req.body;
    try {
      await db.transaction(async (tx) => {
        const before = (await tx.execute(sql`select name, category, price_fen as "priceFen", allergens, nutrition, active, photo_file_id as "photoFileId" from canteen_dishes where id = ${req.params.dishId} and canteen_id = ${c.id} for update`)).rows[0];
        if (!before) throw notFound();
        // A photo is a kernel file attached to this dish (POST /api/files with objectType canteen_dish).
        if (d.photoFileId && !(await tx.execute(sql`select 1 from files where id = ${d.photoFileId} and object_type = 'canteen_dish' and object_id = ${String(req.params.dishId)}`)).rows.length) throw invalid('validation', {}, 'photoFileId');
        await tx.execute(sql`update canteen_dishes set name = coalesce(${d.name ?? null}, name), category = coalesce(${d.category ?? null}, category),
          price_fen = coalesce(${d.priceFen ?? null}::int, price_fen), active = coalesce(${d.active ?? null}::boolean, active),
          allergens = coalesce(${d.allergens ? textArray(d.allergens) : null}::text[], allergens), nutrition = coalesce(${d.nutrition ? JSON.stringify(d.nutrition) : null}::jsonb, nutrition),
          photo_file_id = ${d.photoFileId === undefined ? sql`photo_file_id` : sql`${d.photoFileId}::int`} where id = ${req.params.dishId}`);
        const action = d.active === false ? 'canteen.dish.stop' : d.active === true && !(before as { active: boolean }).active ? 'canteen.dish.resume' : 'canteen.dish.update';
        await audit(tx, subjectOf(req), { action, objectType: 'canteen_dish', objectId: req.params.dishId, before, after: d });
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
    return { ok: true as const };
  });

  r.get('/api/canteen/canteens/:id/menus', { config: p('canteen.read'), schema: { tags, params: IdParam, querystring: z.object({ from: IsoDate, to: IsoDate }), response: { 200: z.array(MenuDay) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    return (await db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, meal, array_agg(dish_id order by dish_id) as "dishIds",
      coalesce(json_agg(json_build_object('dishId', dish_id, 'stock', stock, 'remaining', remaining) order by dish_id) filter (where stock is not null), '[]'::json) as stocks from canteen_menu_items
      where canteen_id = ${c.id} and day between ${req.query.from} and ${req.query.to} group by day, meal order by day, meal`)).rows as z.infer<typeof MenuDay>[];
  });

  r.delete('/api/canteen/canteens/:id/holidays/:day', { config: p('canteen.manage'), schema: { tags, params: IdParam.extend({ day: IsoDate }), response: { 200: Canteen } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from canteen_holidays where canteen_id = ${c.id} and day = ${req.params.day}`);
      await audit(tx, subjectOf(req), { action: 'canteen.holiday.delete', objectType: 'canteen', objectId: c.id, before: { day: req.params.day } });
    });
    return canteenDto(db, c.id);
  });

  r.get('/api/canteen/subsidy-batches', { config: p('canteen.read'), schema: { tags, response: { 200: z.array(SubsidyBatch) } } }, async (req) =>
    // A returned batch resubmitted from the approvals page is pending again (its request is).
    (await db.execute(sql`select b.id, b.canteen_id as "canteenId", b.month, case when b.status = 'returned' and a.status = 'pending' then 'pending' else b.status end as status,
        b.people, b.total_fen::float8 as "totalFen", b.approval_id as "approvalId",
        (select x.comment from approval_actions x where x.request_id = b.approval_id and x.action = 'return' order by x.id desc limit 1) as "returnComment"
      from canteen_subsidy_batches b left join approval_requests a on a.id = b.approval_id where ${req.scope.where(sql`b.org_unit_id`)} order by b.id desc limit 100`)).rows as never[]);

  for (const [action, fn] of [['resubmit', resubmitSubsidyBatch], ['cancel', cancelSubsidyBatch]] as const) {
    r.post(`/api/canteen/subsidy-batches/:id/${action}`, { config: p('canteen.subsidy'), schema: { tags, params: IdParam, body: SubsidyBatchAction.default({}), response: { 200: SubsidyBatch } } }, async (req) => {
      const found = (await db.execute(sql`select org_unit_id as "orgUnitId" from canteen_subsidy_batches where id = ${req.params.id}`)).rows[0] as { orgUnitId: number } | undefined;
      if (!found) throw notFound();
      await req.scope.assert(db, found.orgUnitId);
      const a = actorOf(req);
      return db.transaction((tx) => fn(tx, { ...subjectOf(req), userId: a.userId, orgUnitId: a.orgUnitId }, req.params.id, req.body.comment));
    });
  }

  r.put('/api/canteen/canteens/:id/menus', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: MenuInput, response: { 200: Ok } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const ids = [...new Set(req.body.dishIds)];
    await db.transaction(async (tx) => {
      if (ids.length > 0) {
        const own = (await tx.execute(sql`select count(*)::int as n from canteen_dishes where canteen_id = ${c.id} and id in ${ids}`)).rows[0] as { n: number };
        if (own.n !== ids.length) throw invalid('canteen_menu_dish', {}, 'dishIds');
      }
      const stocks = new Map((req.body.stocks ?? []).filter((x) => ids.includes(x.dishId)).map((x) => [x.dishId, x.stock]));
      // Delete first: the rows' locks make a booking in flight finish before the count below sees it
      // (bookings take the stock row or a share lock on it), so the new stock counts every pre-order.
      await tx.execute(sql`delete from canteen_menu_items where canteen_id = ${c.id} and day = ${req.body.day} and meal = ${req.body.meal}`);
      const ordered = new Map(((await tx.execute(sql`select bd.dish_id as "dishId", d.name, sum(bd.portions)::int as n from canteen_booking_dishes bd
        join canteen_bookings b on b.id = bd.booking_id join canteen_dishes d on d.id = bd.dish_id
        where b.canteen_id = ${c.id} and b.day = ${req.body.day} and b.meal = ${req.body.meal} and b.status <> 'cancelled' group by bd.dish_id, d.name`)).rows as { dishId: number; name: string; n: number }[]).map((x) => [x.dishId, x]));
      for (const [dishId, stock] of stocks) {
        const o = ordered.get(dishId);
        if (o && stock < o.n) throw invalid('canteen_dish_stock_below_ordered', { name: o.name, ordered: o.n }, 'stocks');
      }
      for (const d of ids) {
        const stock = stocks.get(d);
        const remaining = stock === undefined ? null : stock - (ordered.get(d)?.n ?? 0);
        await tx.execute(sql`insert into canteen_menu_items (canteen_id, day, meal, dish_id, stock, remaining) values (${c.id}, ${req.body.day}, ${req.body.meal}, ${d}, ${stock ?? null}::int, ${remaining}::int)`);
      }
      await audit(tx, subjectOf(req), { action: 'canteen.menu.set', objectType: 'canteen', objectId: c.id, after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/canteen/canteens/:id/takeaway', { config: p('canteen.read'), schema: { tags, params: IdParam, querystring: z.object({ from: IsoDate, to: IsoDate }), response: { 200: z.array(TakeawayItem) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    return itemsFor(db, c.id, req.query.from, req.query.to);
  });

  r.post('/api/canteen/canteens/:id/takeaway', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: TakeawayItemInput, response: { 200: TakeawayItem } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const t = req.body;
    try {
      return await db.transaction(async (tx) => {
        const [row] = (await tx.execute(sql`insert into canteen_takeaway_items as i (canteen_id, org_unit_id, day, name, unit, price_fen, stock, remaining, slots, order_cutoff)
          values (${c.id}, ${c.orgUnitId}, ${t.day}, ${t.name}, ${t.unit}, ${t.priceFen}, ${t.stock}, ${t.stock}, ${`{${t.slots.join(',')}}`}::text[], ${`${t.day}T${t.orderCutoff}:00+08:00`}::timestamptz)
          returning ${itemCols}`)).rows as TakeawayItem[];
        await audit(tx, subjectOf(req), { action: 'canteen.takeaway.create', objectType: 'canteen_takeaway_item', objectId: row!.id, after: t });
        return row!;
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
  });

  /** Edit a takeaway item: the stock never goes below what is already ordered; new prices apply to new orders. */
  r.patch('/api/canteen/takeaway/:id', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: TakeawayItemUpdate, response: { 200: TakeawayItem } } }, async (req) => {
    const item = await takeawayInScope(req, req.params.id);
    const t = req.body;
    try {
      return await db.transaction(async (tx) => {
        // Locks the item: no order can slip in between the check and the new stock.
        const cur = (await tx.execute(sql`select ${itemCols} from canteen_takeaway_items i where i.id = ${item.id} for update`)).rows[0] as TakeawayItem;
        if (t.stock !== undefined && t.stock < cur.ordered) throw invalid('canteen_stock_below_ordered', { ordered: cur.ordered, unit: cur.unit }, 'stock');
        const [row] = (await tx.execute(sql`update canteen_takeaway_items i set name = coalesce(${t.name ?? null}, name), unit = coalesce(${t.unit ?? null}, unit),
            price_fen = coalesce(${t.priceFen ?? null}::int, price_fen),
            stock = coalesce(${t.stock ?? null}::int, stock), remaining = coalesce(${t.stock ?? null}::int, stock) - (stock - remaining),
            slots = coalesce(${t.slots ? `{${t.slots.join(',')}}` : null}::text[], slots),
            order_cutoff = coalesce(${t.orderCutoff ? `${cur.day}T${t.orderCutoff}:00+08:00` : null}::timestamptz, order_cutoff)
          where i.id = ${item.id} returning ${itemCols}`)).rows as TakeawayItem[];
        await audit(tx, subjectOf(req), { action: 'canteen.takeaway.update', objectType: 'canteen_takeaway_item', objectId: item.id, before: cur, after: t });
        return row!;
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
  });

  /** 撤下: no more orders; the stock shrinks to what is already ordered, and those orders stay valid. */
  r.post('/api/canteen/takeaway/:id/withdraw', { config: p('canteen.manage'), schema: { tags, params: IdParam, response: { 200: TakeawayItem } } }, async (req) => {
    const item = await takeawayInScope(req, req.params.id);
    return db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`update canteen_takeaway_items i set withdrawn = true, stock = stock - remaining, remaining = 0 where i.id = ${item.id} returning ${itemCols}`)).rows as TakeawayItem[];
      await audit(tx, subjectOf(req), { action: 'canteen.takeaway.withdraw', objectType: 'canteen_takeaway_item', objectId: item.id, after: { ordered: row!.ordered } });
      return row!;
    });
  });

  async function takeawayInScope(req: FastifyRequest, id: number) {
    const item = (await db.execute(sql`select id, org_unit_id as "orgUnitId" from canteen_takeaway_items where id = ${id}`)).rows[0] as { id: number; orgUnitId: number } | undefined;
    if (!item) throw notFound();
    await req.scope.assert(db, item.orgUnitId);
    return item;
  }

  // Overdraft: set by the canteen's staff (no approval, audited), bounded by the maximum in force.
  const personAt = async (c: { id: number }, username: string) => {
    const person = (await db.execute(sql`select x.id, x.display_name as "displayName" from users x where x.username = ${username} and x.active`)).rows[0] as { id: number; displayName: string } | undefined;
    if (!person) throw invalid('canteen_user_unknown', { username }, 'username');
    const eligible = (await db.execute(sql`select 1 from canteen_eligible_units e join org_units eu on eu.id = e.org_unit_id join org_units me on me.id = (select org_unit_id from users where id = ${person.id})
      where e.canteen_id = ${c.id} and me.path like eu.path || '%' limit 1`)).rows.length > 0;
    if (!eligible) throw invalid('canteen_user_not_diner', { username }, 'username');
    return person;
  };
  const maxOverdraft = async () => ((await db.execute(sql`select max_fen as m from canteen_overdraft_limits where effective_from <= (now() at time zone 'Asia/Shanghai')::date order by effective_from desc limit 1`)).rows[0] as { m: number } | undefined)?.m ?? 0;

  r.get('/api/canteen/canteens/:id/overdraft', { config: p('canteen.cashier'), schema: { tags, params: IdParam, querystring: z.object({ username: z.string().trim().min(1).max(50) }), response: { 200: OverdraftInfo } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const person = await personAt(c, req.query.username);
    const acc = (await db.execute(sql`select balance_fen::int as "balanceFen", overdraft_fen as "overdraftFen" from canteen_accounts where kind = 'person' and user_id = ${person.id}`)).rows[0] as { balanceFen: number; overdraftFen: number } | undefined;
    return { username: req.query.username, displayName: person.displayName, balanceFen: acc?.balanceFen ?? 0, overdraftFen: acc?.overdraftFen ?? 0, maxFen: await maxOverdraft() };
  });

  r.put('/api/canteen/canteens/:id/overdraft', { config: p('canteen.cashier'), schema: { tags, params: IdParam, body: OverdraftSet, response: { 200: OverdraftInfo } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const person = await personAt(c, req.body.username);
    const max = await maxOverdraft();
    if (req.body.overdraftFen > max) throw invalid('canteen_overdraft_over_max', { max: (max / 100).toFixed(2) }, 'overdraftFen');
    try {
      return await db.transaction(async (tx) => {
        const accountId = await personAccount(tx, person.id);
        const before = (await tx.execute(sql`select balance_fen::int as "balanceFen", overdraft_fen as "overdraftFen" from canteen_accounts where id = ${accountId} for update`)).rows[0] as { balanceFen: number; overdraftFen: number };
        // The account CHECK refuses an overdraft smaller than what the person already owes.
        await tx.execute(sql`update canteen_accounts set overdraft_fen = ${req.body.overdraftFen} where id = ${accountId}`);
        await audit(tx, subjectOf(req), { action: 'canteen.overdraft.set', objectType: 'canteen_account', objectId: accountId, before, after: { username: req.body.username, overdraftFen: req.body.overdraftFen, maxFen: max } });
        return { username: req.body.username, displayName: person.displayName, balanceFen: before.balanceFen, overdraftFen: req.body.overdraftFen, maxFen: max };
      });
    } catch (e) {
      if (isOverdraft(e)) throw invalid('canteen_overdraft_below_debt', {}, 'overdraftFen');
      throw e;
    }
  });

  // Versioned reference data: reception-meal standards and the overdraft maximum.
  r.get('/api/canteen/standards', { config: p('canteen.read'), schema: { tags, response: { 200: Standards } } }, async () => {
    const today = sql`(now() at time zone 'Asia/Shanghai')::date`;
    const reception = (await db.execute(sql`select s.meal as key, s.per_person_fen as "perPersonFen", s.source, to_char(s.effective_from, 'YYYY-MM-DD') as "effectiveFrom",
        s.id = (select s2.id from canteen_reception_standards s2 where s2.meal = s.meal and s2.effective_from <= ${today} order by s2.effective_from desc limit 1) as "inForce",
        s.source like ${`%${PLACEHOLDER_MARK}%`} as placeholder
      from canteen_reception_standards s order by s.effective_from desc, array_position(array['breakfast','lunch','dinner'], s.meal)`)).rows as Standards['reception'];
    const overdraft = (await db.execute(sql`select 'overdraft' as key, s.max_fen as "perPersonFen", s.source, to_char(s.effective_from, 'YYYY-MM-DD') as "effectiveFrom",
        s.id = (select s2.id from canteen_overdraft_limits s2 where s2.effective_from <= ${today} order by s2.effective_from desc limit 1) as "inForce",
        s.source like ${`%${PLACEHOLDER_MARK}%`} as placeholder
      from canteen_overdraft_limits s order by s.effective_from desc`)).rows as Standards['overdraft'];
    return { reception, overdraft };
  });

  r.post('/api/canteen/standards/reception', { config: p('canteen.standards'), schema: { tags, body: ReceptionStandardVersion, response: { 200: Ok } } }, async (req) => {
    // The standard binds the whole province: only a scope over a root unit may change it.
    if (!req.scope.coversRoot) throw new AppError('canteen_standard_scope', 403);
    const b = req.body;
    const latest = (await db.execute(sql`select to_char(max(effective_from), 'YYYY-MM-DD') as d from canteen_reception_standards`)).rows[0] as { d: string | null };
    if (latest.d && b.effectiveFrom <= latest.d) throw invalid('canteen_standard_before', { date: latest.d }, 'effectiveFrom');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_reception_standards (meal, per_person_fen, source, effective_from)
        values ('breakfast', ${b.breakfastFen}, ${b.source}, ${b.effectiveFrom}), ('lunch', ${b.lunchFen}, ${b.source}, ${b.effectiveFrom}), ('dinner', ${b.dinnerFen}, ${b.source}, ${b.effectiveFrom})`);
      await audit(tx, subjectOf(req), { action: 'canteen.standard.reception', objectType: 'canteen_reception_standard', after: b });
    });
    return { ok: true as const };
  });

  r.post('/api/canteen/standards/overdraft', { config: p('canteen.standards'), schema: { tags, body: OverdraftLimitVersion, response: { 200: Ok } } }, async (req) => {
    if (!req.scope.coversRoot) throw new AppError('canteen_standard_scope', 403);
    const b = req.body;
    const latest = (await db.execute(sql`select to_char(max(effective_from), 'YYYY-MM-DD') as d from canteen_overdraft_limits`)).rows[0] as { d: string | null };
    if (latest.d && b.effectiveFrom <= latest.d) throw invalid('canteen_standard_before', { date: latest.d }, 'effectiveFrom');
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into canteen_overdraft_limits (max_fen, source, effective_from, created_by) values (${b.maxFen}, ${b.source}, ${b.effectiveFrom}, ${actorOf(req).userId})`);
      await audit(tx, subjectOf(req), { action: 'canteen.standard.overdraft', objectType: 'canteen_overdraft_limit', after: b });
    });
    return { ok: true as const };
  });

  // Kitchen.
  r.get('/api/canteen/kitchen/sheet', { config: p('canteen.kitchen'), schema: { tags, querystring: z.object({ canteenId: z.coerce.number().int().positive(), day: IsoDate, meal: Meal }), response: { 200: PrepSheet } } }, async (req) => {
    const c = await canteenInScope(app, req, req.query.canteenId);
    return prepSheet(db, c.id, req.query.day, req.query.meal);
  });

  r.post('/api/canteen/kitchen/pickup', { config: p('canteen.kitchen'), schema: { tags, body: PickupVerify, response: { 200: PickupResult } } }, async (req) => {
    const c = await canteenInScope(app, req, req.body.canteenId);
    return db.transaction(async (tx) => {
      const res = await verifyPickup(tx, c.id, req.body.code, new Date(), actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'canteen.pickup', objectType: res.kind === 'booking' ? 'canteen_booking' : 'canteen_takeaway_order', objectId: res.id, after: res });
      const { id: _id, ...out } = res;
      return out;
    });
  });

  r.put('/api/canteen/kitchen/meal-service', { config: p('canteen.kitchen'), schema: { tags, body: MealServiceInput, response: { 200: Ok } } }, async (req) => {
    const c = await canteenInScope(app, req, req.body.canteenId);
    await db.transaction(async (tx) => {
      const before = await saveMealService(tx, c.orgUnitId, req.body);
      await audit(tx, subjectOf(req), { action: 'canteen.meal_service.save', objectType: 'canteen', objectId: c.id, before, after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/canteen/waste-records', { config: p('canteen.read'), schema: { tags, querystring: WasteRecordQuery, response: { 200: WasteRecordPage } } }, (req) =>
    wasteRecords(db, req.scope, req.query));

  r.get('/api/canteen/waste', { config: p('canteen.read'), schema: { tags, querystring: z.object({ from: IsoDate, to: IsoDate, canteenId: z.coerce.number().int().positive().optional() }), response: { 200: z.array(WasteRow) } } }, (req) =>
    wasteRows(db, req.scope, req.query.from, req.query.to, req.query.canteenId));

  r.get('/api/canteen/suggestions', { config: p('canteen.read'), schema: { tags, querystring: BureauQuery, response: { 200: z.array(Suggestion) } } }, async (req) =>
    (await db.execute(sql`select s.id, c.name as "canteenName", s.body, to_char(s.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at,
        s.reply, to_char(s.replied_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "repliedAt"
      from canteen_suggestions s join canteen_canteens c on c.id = s.canteen_id
      where (s.at at time zone 'Asia/Shanghai')::date between ${req.query.from} and ${req.query.to} and ${req.scope.where(sql`s.org_unit_id`)} order by s.id desc limit 200`)).rows as never[]);

  /** The canteen answers a diner's suggestion; the diner sees it in their history. */
  r.post('/api/canteen/suggestions/:id/reply', { config: p('canteen.kitchen'), schema: { tags, params: IdParam, body: SuggestionReply, response: { 200: Ok } } }, async (req) => {
    const sug = (await db.execute(sql`select id, org_unit_id as "orgUnitId", reply from canteen_suggestions where id = ${req.params.id}`)).rows[0] as { id: number; orgUnitId: number; reply: string | null } | undefined;
    if (!sug) throw notFound();
    await req.scope.assert(db, sug.orgUnitId);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update canteen_suggestions set reply = ${req.body.reply}, replied_at = now(), replied_by = ${actorOf(req).userId} where id = ${sug.id}`);
      await audit(tx, subjectOf(req), { action: 'canteen.suggestion.reply', objectType: 'canteen_suggestion', objectId: sug.id, before: { reply: sug.reply }, after: req.body });
    });
    return { ok: true as const };
  });

  r.post('/api/canteen/receptions', { config: p('canteen.kitchen'), schema: { tags, body: ReceptionCreate, response: { 200: Reception } } }, async (req) => {
    const c = await canteenInScope(app, req, req.body.canteenId);
    return db.transaction(async (tx) => {
      const rec = await recordReception(tx, actorOf(req).userId, { ...req.body, canteenId: c.id });
      await audit(tx, subjectOf(req), { action: 'canteen.reception.create', objectType: 'canteen_reception', objectId: rec.id, after: rec });
      return rec;
    });
  });

  r.get('/api/canteen/receptions', { config: p('canteen.read'), schema: { tags, querystring: BureauQuery, response: { 200: z.array(Reception) } } }, (req) => listReceptions(db, req.scope, req.query.from, req.query.to));

  r.post('/api/canteen/cashier/topups', { config: p('canteen.cashier'), schema: { tags, body: CashTopUp, response: { 200: z.object({ paymentId: z.number().int(), balanceFen: z.number().int() }) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.body.canteenId);
    const person = (await db.execute(sql`select id, org_unit_id as "orgUnitId" from users where username = ${req.body.username} and active`)).rows[0] as { id: number; orgUnitId: number } | undefined;
    if (!person) throw invalid('canteen_user_unknown', { username: req.body.username }, 'username');
    return db.transaction(async (tx) => {
      const res = await cashTopUp(tx, { userId: person.id, orgUnitId: c.orgUnitId, canteenId: c.id, amountFen: req.body.amountFen, idempotencyKey: req.body.idempotencyKey, cashierId: actorOf(req).userId });
      if (res.created) await audit(tx, subjectOf(req), { action: 'canteen.topup.cash', objectType: 'canteen_payment', objectId: res.id, after: { userId: person.id, amountFen: req.body.amountFen } });
      const bal = (await tx.execute(sql`select balance_fen::int as b from canteen_accounts where kind = 'person' and user_id = ${person.id}`)).rows[0] as { b: number };
      return { paymentId: res.id, balanceFen: bal.b };
    });
  });

  r.post('/api/canteen/subsidy-batches', { config: p('canteen.subsidy'), schema: { tags, body: SubsidyBatchCreate, response: { 200: SubsidyBatch } } }, async (req) => {
    const c = await canteenInScope(app, req, req.body.canteenId);
    const a = actorOf(req);
    return db.transaction(async (tx) => {
      const b = await startSubsidyBatch(tx, { ...subjectOf(req), userId: a.userId, orgUnitId: a.orgUnitId }, c.id, req.body.month);
      await audit(tx, subjectOf(req), { action: 'canteen.subsidy.start', objectType: 'canteen_subsidy_batch', objectId: b.id, after: b });
      return b;
    });
  });

  r.get('/api/canteen/bureau', { config: p('canteen.read'), schema: { tags, querystring: BureauQuery, response: { 200: z.array(BureauRow) } } }, async (req) => {
    if (req.query.from > req.query.to) throw new AppError('canteen_day_invalid', 400);
    const rows = await canteenFigures(db, req.scope.where(sql`c.org_unit_id`), req.query.from, req.query.to);
    return rows.map(({ wasteG: _a, wasteServed: _b, pastBooked: _c, noShows: _d, ...x }) => x);
  });

  r.get('/api/canteen/bureau/waste-trend', { config: p('canteen.read'), schema: { tags, querystring: BureauQuery, response: { 200: z.array(WasteTrendPoint) } } }, (req) =>
    wasteTrend(db, req.scope.where(sql`c.org_unit_id`), req.query.from, req.query.to));

  await exportRoutes(app);
}
