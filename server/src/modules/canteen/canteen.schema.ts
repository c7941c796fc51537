import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, time, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../kernel/org/org.schema';
import { users } from '../../kernel/auth/auth.schema';

/**
 * Smart staff canteen (智慧食堂). Money is integer fen everywhere; rules that must hold under
 * concurrency (one booking per person and meal, stock never oversold, balance never below the
 * allowed overdraft, a retried request never charges twice) are constraints in this file or in the
 * custom migration 0001 (ledger trigger).
 */
export const MEALS = ['breakfast', 'lunch', 'dinner'] as const;

/** 食堂. `chargeMode`: charge the meal account at booking (报餐即扣费) or at pickup (取餐扣费). */
export const canteens = pgTable('canteen_canteens', {
  id: serial('id').primaryKey(),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  address: text('address'),
  chargeMode: text('charge_mode', { enum: ['booking', 'pickup'] }).notNull().default('booking'),
  /** ISO weekdays the canteen opens (1 = Monday). */
  openWeekdays: smallint('open_weekdays').array().notNull().default(sql`'{1,2,3,4,5}'::smallint[]`),
  /** Average grams of food per served meal: converts measured surplus into portions. */
  portionGrams: integer('portion_grams').notNull().default(450),
  /** Diners may pre-order dishes (or portions of staples) with a booking (点餐报餐). */
  allowDishChoice: boolean('allow_dish_choice').notNull().default(false),
  /** With dish choice: the booking's charge is the meal price plus each chosen dish's price × portions. */
  pricePerDish: boolean('price_per_dish').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('canteen_canteens_name_uq').on(t.orgUnitId, t.name),
  check('canteen_canteens_portion', sql`${t.portionGrams} > 0`),
]);

/** Whose staff may eat here: every person in the subtree of one of these units. */
export const canteenUnits = pgTable('canteen_eligible_units', {
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
}, (t) => [primaryKey({ columns: [t.canteenId, t.orgUnitId] })]);

/** Closed days (holidays) of a canteen. */
export const canteenHolidays = pgTable('canteen_holidays', {
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  day: date('day', { mode: 'string' }).notNull(),
  name: text('name').notNull(),
}, (t) => [primaryKey({ columns: [t.canteenId, t.day] })]);

/**
 * 餐次: a meal period with its booking and cancellation cutoffs in Asia/Shanghai, each "N days
 * before the meal's date, at HH:MM" (lunch: 1 day before at 16:00, or 0 days at 09:30).
 */
export const mealPeriods = pgTable('canteen_meal_periods', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  meal: text('meal', { enum: MEALS }).notNull(),
  startsAt: time('starts_at').notNull(),
  endsAt: time('ends_at').notNull(),
  bookDaysBefore: smallint('book_days_before').notNull().default(0),
  bookCutoff: time('book_cutoff').notNull(),
  cancelDaysBefore: smallint('cancel_days_before').notNull().default(0),
  cancelCutoff: time('cancel_cutoff').notNull(),
}, (t) => [
  uniqueIndex('canteen_meal_periods_uq').on(t.canteenId, t.meal),
  check('canteen_meal_periods_days', sql`${t.bookDaysBefore} between 0 and 14 and ${t.cancelDaysBefore} between 0 and 14`),
  check('canteen_meal_periods_times', sql`${t.startsAt} < ${t.endsAt}`),
]);

/** 就餐人员类别 (staff, retirees, visitors) with a price per meal and a monthly subsidy. */
export const dinerCategories = pgTable('canteen_diner_categories', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  breakfastFen: integer('breakfast_fen').notNull(),
  lunchFen: integer('lunch_fen').notNull(),
  dinnerFen: integer('dinner_fen').notNull(),
  monthlySubsidyFen: integer('monthly_subsidy_fen').notNull().default(0),
  isDefault: boolean('is_default').notNull().default(false),
}, (t) => [
  uniqueIndex('canteen_diner_categories_uq').on(t.canteenId, t.code),
  uniqueIndex('canteen_diner_categories_default_uq').on(t.canteenId).where(sql`${t.isDefault}`),
  check('canteen_diner_categories_fen', sql`${t.breakfastFen} >= 0 and ${t.lunchFen} >= 0 and ${t.dinnerFen} >= 0 and ${t.monthlySubsidyFen} >= 0`),
]);

/** Registered diners (就餐人员登记): a person's category at a canteen. */
export const diners = pgTable('canteen_diners', {
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id),
  categoryId: integer('category_id').notNull().references(() => dinerCategories.id),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.canteenId, t.userId] })]);

/** 菜品. Price in fen; nutrition per portion ({kcal, proteinG, fatG, carbG}); photo = kernel file. */
export const dishes = pgTable('canteen_dishes', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  category: text('category', { enum: ['staple', 'main', 'side', 'soup', 'dessert', 'drink'] }).notNull(),
  priceFen: integer('price_fen').notNull(),
  allergens: text('allergens').array().notNull().default(sql`'{}'::text[]`),
  nutrition: jsonb('nutrition').$type<{ kcal?: number; proteinG?: number; fatG?: number; carbG?: number }>().notNull().default({}),
  photoFileId: integer('photo_file_id'),
  active: boolean('active').notNull().default(true),
}, (t) => [
  uniqueIndex('canteen_dishes_name_uq').on(t.canteenId, t.name),
  check('canteen_dishes_price', sql`${t.priceFen} >= 0`),
]);

/** 每日菜单: the dishes of one meal on one day. */
export const menuItems = pgTable('canteen_menu_items', {
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  day: date('day', { mode: 'string' }).notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  dishId: integer('dish_id').notNull().references(() => dishes.id),
  /** Portions that may be pre-ordered with bookings (null: no limit); `remaining` is what is left. */
  stock: integer('stock'),
  remaining: integer('remaining'),
}, (t) => [
  primaryKey({ columns: [t.canteenId, t.day, t.meal, t.dishId] }),
  check('canteen_menu_items_stock', sql`(${t.stock} is null and ${t.remaining} is null) or (${t.remaining} >= 0 and ${t.remaining} <= ${t.stock})`),
]);

/**
 * 报餐: one row per person, day and meal. A cancelled booking stays (history, refund trail); the
 * partial unique index allows at most one live booking per (person, day, meal), across canteens.
 */
export const bookings = pgTable('canteen_bookings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  userId: integer('user_id').notNull().references(() => users.id),
  day: date('day', { mode: 'string' }).notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  categoryId: integer('category_id').notNull().references(() => dinerCategories.id),
  priceFen: integer('price_fen').notNull(),
  status: text('status', { enum: ['booked', 'served', 'cancelled'] }).notNull().default('booked'),
  charged: boolean('charged').notNull().default(false),
  pickupCode: text('pickup_code').notNull(),
  idempotencyKey: text('idempotency_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  servedAt: timestamp('served_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelReason: text('cancel_reason'),
}, (t) => [
  uniqueIndex('canteen_bookings_live_uq').on(t.userId, t.day, t.meal).where(sql`${t.status} <> 'cancelled'`),
  uniqueIndex('canteen_bookings_code_uq').on(t.pickupCode),
  uniqueIndex('canteen_bookings_idem_uq').on(t.userId, t.idempotencyKey),
  index('canteen_bookings_meal_idx').on(t.canteenId, t.day, t.meal),
  check('canteen_bookings_price', sql`${t.priceFen} >= 0`),
]);

/**
 * Dishes pre-ordered with a booking (where the canteen allows it): portions per dish, for the
 * kitchen's per-dish preparation sheet. The meal's price stays the diner category's price.
 */
export const bookingDishes = pgTable('canteen_booking_dishes', {
  bookingId: bigint('booking_id', { mode: 'number' }).notNull().references(() => bookings.id, { onDelete: 'cascade' }),
  dishId: integer('dish_id').notNull().references(() => dishes.id),
  portions: smallint('portions').notNull(),
}, (t) => [
  primaryKey({ columns: [t.bookingId, t.dishId] }),
  index('canteen_booking_dishes_dish_idx').on(t.dishId),
  check('canteen_booking_dishes_portions', sql`${t.portions} between 1 and 5`),
]);

/** 外卖预订品 (buns, dumplings, braised dishes): stock for one day, `remaining` never below zero. */
export const takeawayItems = pgTable('canteen_takeaway_items', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  day: date('day', { mode: 'string' }).notNull(),
  name: text('name').notNull(),
  unit: text('unit').notNull().default('份'),
  priceFen: integer('price_fen').notNull(),
  stock: integer('stock').notNull(),
  remaining: integer('remaining').notNull(),
  /** Pickup slots, 'HH:MM-HH:MM'. */
  slots: text('slots').array().notNull(),
  orderCutoff: timestamp('order_cutoff', { withTimezone: true }).notNull(),
  /** Withdrawn (撤下): no more orders; orders already placed stay valid. */
  withdrawn: boolean('withdrawn').notNull().default(false),
}, (t) => [
  uniqueIndex('canteen_takeaway_items_uq').on(t.canteenId, t.day, t.name),
  check('canteen_takeaway_stock', sql`${t.stock} >= 0 and ${t.remaining} >= 0 and ${t.remaining} <= ${t.stock}`),
  check('canteen_takeaway_price', sql`${t.priceFen} >= 0`),
  check('canteen_takeaway_slots', sql`cardinality(${t.slots}) > 0`),
]);

export const takeawayOrders = pgTable('canteen_takeaway_orders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  itemId: integer('item_id').notNull().references(() => takeawayItems.id),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  userId: integer('user_id').notNull().references(() => users.id),
  quantity: integer('quantity').notNull(),
  amountFen: integer('amount_fen').notNull(),
  slot: text('slot').notNull(),
  status: text('status', { enum: ['ordered', 'picked_up', 'cancelled'] }).notNull().default('ordered'),
  charged: boolean('charged').notNull().default(false),
  pickupCode: text('pickup_code').notNull(),
  idempotencyKey: text('idempotency_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('canteen_takeaway_orders_code_uq').on(t.pickupCode),
  uniqueIndex('canteen_takeaway_orders_idem_uq').on(t.userId, t.idempotencyKey),
  index('canteen_takeaway_orders_item_idx').on(t.itemId),
  check('canteen_takeaway_orders_qty', sql`${t.quantity} between 1 and 50 and ${t.amountFen} >= 0`),
]);

/**
 * Ledger accounts. A person's meal account (kind 'person') has a maintained balance that the CHECK
 * keeps at or above minus its allowed overdraft; the canteen's own accounts (cash drawer, bank
 * clearing, revenue, subsidy fund) are derived from the ledger (no hot row under load).
 */
export const accounts = pgTable('canteen_accounts', {
  id: serial('id').primaryKey(),
  kind: text('kind', { enum: ['person', 'cash', 'bank', 'revenue', 'subsidy'] }).notNull(),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  userId: integer('user_id').references(() => users.id),
  canteenId: integer('canteen_id').references(() => canteens.id),
  balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
  overdraftFen: integer('overdraft_fen').notNull().default(0),
}, (t) => [
  uniqueIndex('canteen_accounts_person_uq').on(t.userId).where(sql`${t.kind} = 'person'`),
  uniqueIndex('canteen_accounts_system_uq').on(t.canteenId, t.kind).where(sql`${t.kind} <> 'person'`),
  check('canteen_accounts_owner', sql`(${t.kind} = 'person') = (${t.userId} is not null) and (${t.kind} = 'person') = (${t.canteenId} is null)`),
  check('canteen_accounts_overdraft', sql`${t.overdraftFen} >= 0 and (${t.kind} <> 'person' or ${t.balanceFen} >= -${t.overdraftFen})`),
]);

/**
 * The double-entry ledger: every row moves `amountFen` (> 0) from one account to another, so every
 * posting is balanced by construction. A person's balance = Σ in − Σ out, maintained by trigger
 * (migration 0001). `key` is unique: the same charge, refund or top-up can never post twice.
 */
export const ledger = pgTable('canteen_ledger', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  kind: text('kind', { enum: ['charge', 'refund', 'topup', 'subsidy', 'adjust'] }).notNull(),
  fromAccountId: integer('from_account_id').notNull().references(() => accounts.id),
  toAccountId: integer('to_account_id').notNull().references(() => accounts.id),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  key: text('key').notNull(),
  canteenId: integer('canteen_id').references(() => canteens.id),
  memo: text('memo'),
  createdBy: integer('created_by'),
}, (t) => [
  uniqueIndex('canteen_ledger_key_uq').on(t.key),
  index('canteen_ledger_from_idx').on(t.fromAccountId, t.at),
  index('canteen_ledger_to_idx').on(t.toAccountId, t.at),
  check('canteen_ledger_amount', sql`${t.amountFen} > 0 and ${t.fromAccountId} <> ${t.toAccountId}`),
]);

/** A top-up through a payment provider; completed once, by a verified callback or the cashier. */
export const payments = pgTable('canteen_payments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  provider: text('provider').notNull(),
  userId: integer('user_id').notNull().references(() => users.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  amountFen: integer('amount_fen').notNull(),
  status: text('status', { enum: ['pending', 'paid', 'failed'] }).notNull().default('pending'),
  providerRef: text('provider_ref'),
  idempotencyKey: text('idempotency_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('canteen_payments_idem_uq').on(t.userId, t.idempotencyKey),
  uniqueIndex('canteen_payments_ref_uq').on(t.provider, t.providerRef),
  check('canteen_payments_amount', sql`${t.amountFen} > 0 and ${t.amountFen} <= 10000000`),
]);

/** Callback nonces seen: a replayed callback is refused. */
export const paymentNonces = pgTable('canteen_payment_nonces', {
  provider: text('provider').notNull(),
  nonce: text('nonce').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.provider, t.nonce] })]);

/** Monthly subsidy batch (补贴发放) for one canteen, approved through the approval engine. */
export const subsidyBatches = pgTable('canteen_subsidy_batches', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  month: text('month').notNull(),
  /** returned: sent back by the reviewer, to be corrected and resubmitted or cancelled. */
  status: text('status', { enum: ['pending', 'returned', 'approved', 'rejected', 'cancelled'] }).notNull().default('pending'),
  people: integer('people').notNull(),
  totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
  lines: jsonb('lines').$type<{ userId: number; categoryId: number; amountFen: number }[]>().notNull(),
  approvalId: integer('approval_id'),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('canteen_subsidy_batches_live_uq').on(t.canteenId, t.month).where(sql`${t.status} not in ('rejected', 'cancelled')`),
  check('canteen_subsidy_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
]);

/** 出差/请假: entered once, cancels the bookings it covers. */
export const absences = pgTable('canteen_absences', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  kind: text('kind', { enum: ['trip', 'leave'] }).notNull(),
  fromDay: date('from_day', { mode: 'string' }).notNull(),
  toDay: date('to_day', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('canteen_absences_range', sql`${t.fromDay} <= ${t.toDay} and ${t.toDay} - ${t.fromDay} <= 366`)]);

export const ratings = pgTable('canteen_ratings', {
  userId: integer('user_id').notNull().references(() => users.id),
  dishId: integer('dish_id').notNull().references(() => dishes.id),
  day: date('day', { mode: 'string' }).notNull(),
  stars: smallint('stars').notNull(),
  comment: text('comment'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.dishId, t.day] }), check('canteen_ratings_stars', sql`${t.stars} between 1 and 5`)]);

export const suggestions = pgTable('canteen_suggestions', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  userId: integer('user_id').notNull().references(() => users.id),
  body: text('body').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** The canteen's reply, shown to the diner in their history. */
  reply: text('reply'),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  repliedBy: integer('replied_by').references(() => users.id),
});

/**
 * One served meal as the kitchen records it: walk-ins (no booking), portions prepared, and food
 * waste at the three stages in grams (entered in kg): preparation surplus, unserved, plate leftovers.
 */
export const mealServices = pgTable('canteen_meal_services', {
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  day: date('day', { mode: 'string' }).notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  booked: integer('booked'),
  bookedServed: integer('booked_served'),
  walkIns: integer('walk_ins').notNull().default(0),
  prepared: integer('prepared'),
  prepSurplusG: integer('prep_surplus_g'),
  unservedG: integer('unserved_g'),
  plateG: integer('plate_g'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.canteenId, t.day, t.meal] }),
  check('canteen_meal_services_nonneg', sql`${t.walkIns} >= 0 and coalesce(${t.prepared}, 0) >= 0 and coalesce(${t.booked}, 0) >= 0 and coalesce(${t.bookedServed}, 0) >= 0
    and coalesce(${t.prepSurplusG}, 0) >= 0 and coalesce(${t.unservedG}, 0) >= 0 and coalesce(${t.plateG}, 0) >= 0`),
]);

/** 公务接待用餐标准: per-person standard by meal, versioned with its source (custom migration 0001). */
export const receptionStandards = pgTable('canteen_reception_standards', {
  id: serial('id').primaryKey(),
  meal: text('meal', { enum: MEALS }).notNull(),
  perPersonFen: integer('per_person_fen').notNull(),
  source: text('source').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
}, (t) => [uniqueIndex('canteen_reception_standards_uq').on(t.meal, t.effectiveFrom), check('canteen_reception_standards_fen', sql`${t.perPersonFen} > 0`)]);

/** 公务用餐: headcount and cost against the per-person standard in force that day. */
export const receptions = pgTable('canteen_receptions', {
  id: serial('id').primaryKey(),
  canteenId: integer('canteen_id').notNull().references(() => canteens.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  day: date('day', { mode: 'string' }).notNull(),
  meal: text('meal', { enum: MEALS }).notNull(),
  purpose: text('purpose').notNull(),
  guests: integer('guests').notNull(),
  hosts: integer('hosts').notNull(),
  standardFen: integer('standard_fen').notNull(),
  costFen: integer('cost_fen').notNull(),
  exceeded: boolean('exceeded').notNull(),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('canteen_receptions_nums', sql`${t.guests} >= 1 and ${t.hosts} >= 0 and ${t.costFen} >= 0 and ${t.standardFen} > 0`)]);

/**
 * 透支上限: the largest overdraft canteen staff may allow a person, versioned (`source`,
 * `effective_from`) and set by the province bureau; initial value by custom migration.
 */
export const overdraftLimits = pgTable('canteen_overdraft_limits', {
  id: serial('id').primaryKey(),
  maxFen: integer('max_fen').notNull(),
  source: text('source').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  createdBy: integer('created_by'),
}, (t) => [uniqueIndex('canteen_overdraft_limits_uq').on(t.effectiveFrom), check('canteen_overdraft_limits_fen', sql`${t.maxFen} >= 0 and ${t.maxFen} <= 10000000`)]);
