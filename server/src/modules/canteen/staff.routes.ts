import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, IsoDate, Ok } from '@guanjia/contracts';
import { BureauQuery, BureauRow, Canteen, CanteenCreate, CashTopUp, DinerCategoryInput, DinerSet, Dish, DishInput, DishUpdate, HolidayInput, Meal, MealPeriodInput, MealServiceInput, MenuInput, PickupResult, PickupVerify, PrepSheet, Reception, ReceptionCreate, SubsidyBatch, SubsidyBatchCreate, TakeawayItem, TakeawayItemInput, WasteRow, WasteTrendPoint } from '@guanjia/contracts/canteen';
import { audit } from '../../kernel/audit/audit.service';
import { AppError, fromDbError, invalid, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { loadCanteen } from './booking.service';
import { listReceptions, prepSheet, recordReception, saveMealService, verifyPickup, wasteRows } from './kitchen.service';
import { cashTopUp } from './payments';
import { canteenFigures, wasteTrend } from './reports.service';
import { startSubsidyBatch } from './subsidy';
import { itemCols, itemsFor } from './takeaway.service';
import { canteenDto, exportRoutes } from './exports';

const tags = ['canteen'];
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
    const ids = (await db.execute(sql`select id from canteen_canteens c where c.active and ${req.scope.where(sql`c.org_unit_id`)} order by id`)).rows as { id: number }[];
    return Promise.all(ids.map((x) => canteenDto(db, x.id)));
  });

  r.post('/api/canteen/canteens', { config: p('canteen.manage'), schema: { tags, body: CanteenCreate, response: { 200: Canteen } } }, async (req) => {
    await req.scope.assert(db, req.body.orgUnitId);
    try {
      const id = await db.transaction(async (tx) => {
        const b = req.body;
        const [row] = (await tx.execute(sql`insert into canteen_canteens (org_unit_id, name, address, charge_mode, open_weekdays, portion_grams)
          values (${b.orgUnitId}, ${b.name}, ${b.address ?? null}, ${b.chargeMode}, ${`{${b.openWeekdays.join(',')}}`}::smallint[], ${b.portionGrams}) returning id`)).rows as { id: number }[];
        for (const u of new Set(b.eligibleUnitIds)) await tx.execute(sql`insert into canteen_eligible_units (canteen_id, org_unit_id) values (${row!.id}, ${u})`);
        await audit(tx, subjectOf(req), { action: 'canteen.canteen.create', objectType: 'canteen', objectId: row!.id, after: b });
        return row!.id;
      });
      return canteenDto(db, id);
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
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
    return (await db.execute(sql`select d.id, d.canteen_id as "canteenId", d.name, d.category, d.price_fen as "priceFen", d.allergens, d.nutrition, d.photo_file_id as "photoFileId",
      (select round(avg(stars)::numeric, 1)::float8 from canteen_ratings r where r.dish_id = d.id) as "avgStars" from canteen_dishes d where d.canteen_id = ${c.id} and d.active order by d.category, d.id`)).rows as Dish[];
  });

  r.post('/api/canteen/canteens/:id/dishes', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: DishInput, response: { 200: z.object({ id: z.number().int() }) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const d = req.body;
    try {
      return await db.transaction(async (tx) => {
        const [row] = (await tx.execute(sql`insert into canteen_dishes (canteen_id, org_unit_id, name, category, price_fen, allergens, nutrition)
          values (${c.id}, ${c.orgUnitId}, ${d.name}, ${d.category}, ${d.priceFen}, ${`{${d.allergens.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`}::text[], ${JSON.stringify(d.nutrition)}::jsonb) returning id`)).rows as { id: number }[];
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
        const before = (await tx.execute(sql`select name, price_fen as "priceFen", active, photo_file_id as "photoFileId" from canteen_dishes where id = ${req.params.dishId} and canteen_id = ${c.id} for update`)).rows[0];
        if (!before) throw notFound();
        // A photo is a kernel file attached to this dish (POST /api/files with objectType canteen_dish).
        if (d.photoFileId && !(await tx.execute(sql`select 1 from files where id = ${d.photoFileId} and object_type = 'canteen_dish' and object_id = ${String(req.params.dishId)}`)).rows.length) throw invalid('validation', {}, 'photoFileId');
        await tx.execute(sql`update canteen_dishes set name = coalesce(${d.name ?? null}, name), price_fen = coalesce(${d.priceFen ?? null}::int, price_fen), active = coalesce(${d.active ?? null}::boolean, active),
          photo_file_id = ${d.photoFileId === undefined ? sql`photo_file_id` : sql`${d.photoFileId}::int`} where id = ${req.params.dishId}`);
        await audit(tx, subjectOf(req), { action: 'canteen.dish.update', objectType: 'canteen_dish', objectId: req.params.dishId, before, after: d });
      });
    } catch (e) {
      throw fromDbError(e, UNIQUE) ?? e;
    }
    return { ok: true as const };
  });

  r.get('/api/canteen/canteens/:id/menus', { config: p('canteen.read'), schema: { tags, params: IdParam, querystring: z.object({ from: IsoDate, to: IsoDate }), response: { 200: z.array(z.object({ day: IsoDate, meal: Meal, dishIds: z.array(z.number().int()) })) } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    return (await db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, meal, array_agg(dish_id order by dish_id) as "dishIds" from canteen_menu_items
      where canteen_id = ${c.id} and day between ${req.query.from} and ${req.query.to} group by day, meal order by day, meal`)).rows as { day: string; meal: 'lunch'; dishIds: number[] }[];
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
    (await db.execute(sql`select b.id, b.canteen_id as "canteenId", b.month, b.status, b.people, b.total_fen::float8 as "totalFen", b.approval_id as "approvalId"
      from canteen_subsidy_batches b where ${req.scope.where(sql`b.org_unit_id`)} order by b.id desc limit 100`)).rows as never[]);

  r.put('/api/canteen/canteens/:id/menus', { config: p('canteen.manage'), schema: { tags, params: IdParam, body: MenuInput, response: { 200: Ok } } }, async (req) => {
    const c = await canteenInScope(app, req, req.params.id);
    const ids = [...new Set(req.body.dishIds)];
    await db.transaction(async (tx) => {
      if (ids.length > 0) {
        const own = (await tx.execute(sql`select count(*)::int as n from canteen_dishes where canteen_id = ${c.id} and id in ${ids}`)).rows[0] as { n: number };
        if (own.n !== ids.length) throw invalid('canteen_menu_dish', {}, 'dishIds');
      }
      await tx.execute(sql`delete from canteen_menu_items where canteen_id = ${c.id} and day = ${req.body.day} and meal = ${req.body.meal}`);
      for (const d of ids) await tx.execute(sql`insert into canteen_menu_items (canteen_id, day, meal, dish_id) values (${c.id}, ${req.body.day}, ${req.body.meal}, ${d})`);
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

  r.get('/api/canteen/waste', { config: p('canteen.read'), schema: { tags, querystring: z.object({ from: IsoDate, to: IsoDate, canteenId: z.coerce.number().int().positive().optional() }), response: { 200: z.array(WasteRow) } } }, (req) =>
    wasteRows(db, req.scope, req.query.from, req.query.to, req.query.canteenId));

  r.get('/api/canteen/suggestions', { config: p('canteen.read'), schema: { tags, querystring: BureauQuery, response: { 200: z.array(z.object({ id: z.number().int(), canteenName: z.string(), body: z.string(), at: z.string() })) } } }, async (req) =>
    (await db.execute(sql`select s.id, c.name as "canteenName", s.body, to_char(s.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
      from canteen_suggestions s join canteen_canteens c on c.id = s.canteen_id
      where (s.at at time zone 'Asia/Shanghai')::date between ${req.query.from} and ${req.query.to} and ${req.scope.where(sql`s.org_unit_id`)} order by s.id desc limit 200`)).rows as never[]);

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
