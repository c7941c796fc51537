import { z } from 'zod';
import { IsoDate } from './common';

/** Smart staff canteen (智慧食堂). Money is integer fen; a fractional or negative amount is refused. */
export const Meal = z.enum(['breakfast', 'lunch', 'dinner']);
export type Meal = z.infer<typeof Meal>;
export const Fen = z.number().int().min(0).max(100_000_000);
export const PositiveFen = z.number().int().min(1).max(10_000_000);
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const IdempotencyKey = z.string().trim().min(8).max(80).regex(/^[\w:.-]+$/);

export const CanteenCreate = z.object({
  orgUnitId: z.number().int().positive(),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).optional(),
  chargeMode: z.enum(['booking', 'pickup']).default('booking'),
  openWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  eligibleUnitIds: z.array(z.number().int().positive()).min(1).max(200),
  portionGrams: z.number().int().min(50).max(2000).default(450),
  /** Diners may pre-order dishes (or portions of staples) with a booking. */
  allowDishChoice: z.boolean().default(false),
  /** With dish choice: the booking's charge adds each chosen dish's price × portions to the meal price. */
  pricePerDish: z.boolean().default(false),
});
export type CanteenCreate = z.infer<typeof CanteenCreate>;

export const MealPeriodInput = z.object({
  meal: Meal,
  startsAt: Hhmm,
  endsAt: Hhmm,
  bookDaysBefore: z.number().int().min(0).max(14),
  bookCutoff: Hhmm,
  cancelDaysBefore: z.number().int().min(0).max(14),
  cancelCutoff: Hhmm,
});
export type MealPeriodInput = z.infer<typeof MealPeriodInput>;

export const DinerCategoryInput = z.object({
  code: z.string().trim().regex(/^[a-z_]{2,20}$/),
  nameZh: z.string().trim().min(1).max(30),
  nameEn: z.string().trim().min(1).max(30),
  breakfastFen: Fen,
  lunchFen: Fen,
  dinnerFen: Fen,
  monthlySubsidyFen: Fen.default(0),
  isDefault: z.boolean().default(false),
});

export const Canteen = z.object({
  id: z.number().int(),
  orgUnitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  chargeMode: z.enum(['booking', 'pickup']),
  openWeekdays: z.array(z.number().int()),
  portionGrams: z.number().int(),
  allowDishChoice: z.boolean(),
  pricePerDish: z.boolean(),
  active: z.boolean(),
  eligibleUnitIds: z.array(z.number().int()),
  meals: z.array(MealPeriodInput),
  categories: z.array(DinerCategoryInput.extend({ id: z.number().int() })),
  holidays: z.array(z.object({ day: IsoDate, name: z.string() })),
});
export type Canteen = z.infer<typeof Canteen>;

/** Registers a person as a diner of a category (staff, retiree, visitor…): their price per meal and subsidy. */
/** Edit a canteen after creation (its organ stays). `active: false` deactivates it (no more bookings). */
export const CanteenUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().max(200).nullable().optional(),
  chargeMode: z.enum(['booking', 'pickup']).optional(),
  openWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  eligibleUnitIds: z.array(z.number().int().positive()).min(1).max(200).optional(),
  portionGrams: z.number().int().min(50).max(2000).optional(),
  allowDishChoice: z.boolean().optional(),
  pricePerDish: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type CanteenUpdate = z.infer<typeof CanteenUpdate>;

export const DinerSet = z.object({ username: z.string().trim().min(1).max(50), categoryCode: z.string().trim().regex(/^[a-z_]{2,20}$/) });
export const HolidayInput = z.object({ day: IsoDate, name: z.string().trim().min(1).max(30) });

export const DishCategory = z.enum(['staple', 'main', 'side', 'soup', 'dessert', 'drink']);
export const Nutrition = z.object({
  kcal: z.number().min(0).max(5000).optional(),
  proteinG: z.number().min(0).max(500).optional(),
  fatG: z.number().min(0).max(500).optional(),
  carbG: z.number().min(0).max(1000).optional(),
});
export const DishInput = z.object({
  name: z.string().trim().min(1).max(50),
  category: DishCategory,
  priceFen: Fen,
  allergens: z.array(z.string().trim().min(1).max(20)).max(14).default([]),
  nutrition: Nutrition.default({}),
});
/** Every field optional; `active: false` stops sales (off every menu's choice), `true` resumes them. */
export const DishUpdate = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  category: DishCategory.optional(),
  priceFen: Fen.optional(),
  allergens: z.array(z.string().trim().min(1).max(20)).max(14).optional(),
  nutrition: Nutrition.optional(),
  active: z.boolean().optional(),
  photoFileId: z.number().int().positive().nullable().optional(),
});
export type DishUpdate = z.infer<typeof DishUpdate>;
export const Dish = DishInput.extend({
  id: z.number().int(), canteenId: z.number().int(), photoFileId: z.number().int().nullable(), avgStars: z.number().nullable(),
  /** false: sales stopped. */
  active: z.boolean().optional(),
  /** On a menu: portions left for pre-order with bookings (null: no limit). */
  remaining: z.number().int().nullable().optional(),
});
export type Dish = z.infer<typeof Dish>;

export const MenuInput = z.object({
  day: IsoDate, meal: Meal, dishIds: z.array(z.number().int().positive()).max(40),
  /** Portions of a dish that may be pre-ordered with bookings that meal (omitted: no limit). */
  stocks: z.array(z.object({ dishId: z.number().int().positive(), stock: z.number().int().min(0).max(100000) })).max(40).optional(),
});
export const MenuDay = z.object({ day: IsoDate, meal: Meal, dishIds: z.array(z.number().int()), stocks: z.array(z.object({ dishId: z.number().int(), stock: z.number().int(), remaining: z.number().int() })) });

export const TakeawayItemInput = z.object({
  day: IsoDate,
  name: z.string().trim().min(1).max(50),
  unit: z.string().trim().min(1).max(10).default('份'),
  priceFen: Fen,
  stock: z.number().int().min(0).max(100000),
  slots: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/)).min(1).max(12),
  /** Orders close at this Shanghai time on the day (default 15:00). */
  orderCutoff: Hhmm.default('15:00'),
});
/** Edit a takeaway item; the stock never goes below what is already ordered. */
export const TakeawayItemUpdate = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  unit: z.string().trim().min(1).max(10).optional(),
  priceFen: Fen.optional(),
  stock: z.number().int().min(0).max(100000).optional(),
  slots: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/)).min(1).max(12).optional(),
  orderCutoff: Hhmm.optional(),
});
export const TakeawayItem = z.object({
  id: z.number().int(), canteenId: z.number().int(), day: IsoDate, name: z.string(), unit: z.string(),
  priceFen: z.number().int(), stock: z.number().int(), remaining: z.number().int(), slots: z.array(z.string()), orderCutoff: z.string(),
  /** Still before the pre-order cutoff, by the server's clock, and not withdrawn. */
  canOrder: z.boolean(),
  withdrawn: z.boolean(),
  /** Portions ordered (not cancelled). */
  ordered: z.number().int(),
});
export type TakeawayItem = z.infer<typeof TakeawayItem>;

/** One meal of the week as a diner sees it. */
export const MenuMeal = z.object({
  canteenId: z.number().int(),
  day: IsoDate,
  meal: Meal,
  open: z.boolean(),
  closedReason: z.string().nullable(),
  priceFen: z.number().int(),
  bookBy: z.string(),
  cancelBy: z.string(),
  canBook: z.boolean(),
  canCancel: z.boolean(),
  /** A live booking's dishes can still be changed (dish choice on; before the booking and the cancellation cutoffs). */
  canChangeDishes: z.boolean(),
  booking: z.object({ id: z.number().int(), status: z.string(), pickupCode: z.string(), priceFen: z.number().int(), dishes: z.array(z.object({ dishId: z.number().int(), portions: z.number().int() })) }).nullable(),
  dishes: z.array(Dish),
  /** The canteen lets diners pre-order dishes with the booking. */
  dishChoice: z.boolean(),
  /** Chosen dishes add their price × portions to `priceFen`. */
  pricePerDish: z.boolean(),
});
export type MenuMeal = z.infer<typeof MenuMeal>;

export const MyCanteen = z.object({ id: z.number().int(), name: z.string(), chargeMode: z.enum(['booking', 'pickup']) });
export const WeekQuery = z.object({ canteenId: z.coerce.number().int().positive(), from: IsoDate.optional() });

/** A dish pre-ordered with a booking: 1–5 portions (e.g. two steamed buns). */
export const BookingDish = z.object({ dishId: z.number().int().positive(), portions: z.number().int().min(1).max(5) });
export const BookingCreate = z.object({
  canteenId: z.number().int().positive(), day: IsoDate, meal: Meal, idempotencyKey: IdempotencyKey.optional(),
  /** Only where the canteen allows it; every dish must be on that meal's menu, each at most once. */
  dishes: z.array(BookingDish).max(20).optional(),
});
/** 改菜: the booking's new dish choice (empty = no choice, one portion of each dish). */
export const BookingDishesUpdate = z.object({ dishes: z.array(BookingDish).max(20) });
export const Booking = z.object({
  id: z.number().int(), canteenId: z.number().int(), canteenName: z.string(), day: IsoDate, meal: Meal, priceFen: z.number().int(),
  status: z.enum(['booked', 'served', 'cancelled']), charged: z.boolean(), pickupCode: z.string(), createdAt: z.string(),
  dishes: z.array(z.object({ dishId: z.number().int(), name: z.string(), portions: z.number().int() })).optional(),
});
export type Booking = z.infer<typeof Booking>;

export const OrderCreate = z.object({ itemId: z.number().int().positive(), quantity: z.number().int().min(1).max(50), slot: z.string().max(11), idempotencyKey: IdempotencyKey.optional() });
export const Order = z.object({
  id: z.number().int(), itemId: z.number().int(), itemName: z.string(), day: IsoDate, quantity: z.number().int(), amountFen: z.number().int(),
  slot: z.string(), status: z.enum(['ordered', 'picked_up', 'cancelled']), pickupCode: z.string(), createdAt: z.string(),
});
export type Order = z.infer<typeof Order>;

export const Account = z.object({ id: z.number().int(), balanceFen: z.number().int(), overdraftFen: z.number().int() });
export const LedgerLine = z.object({ id: z.number().int(), at: z.string(), kind: z.string(), amountFen: z.number().int(), memo: z.string().nullable(), balanceAfterFen: z.number().int().nullable() });
export type LedgerLine = z.infer<typeof LedgerLine>;

export const TopUpCreate = z.object({ provider: z.literal('testbank'), canteenId: z.number().int().positive(), amountFen: PositiveFen, idempotencyKey: IdempotencyKey });
export const CashTopUp = z.object({ username: z.string().trim().min(1).max(50), canteenId: z.number().int().positive(), amountFen: PositiveFen, idempotencyKey: IdempotencyKey });
export const Payment = z.object({ id: z.number().int(), provider: z.string(), amountFen: z.number().int(), status: z.enum(['pending', 'paid', 'failed']), payUrl: z.string().nullable() });
export type Payment = z.infer<typeof Payment>;

export const AbsenceCreate = z.object({ kind: z.enum(['trip', 'leave']), fromDay: IsoDate, toDay: IsoDate });
export const AbsenceResult = z.object({ id: z.number().int(), cancelled: z.number().int(), keptAfterCutoff: z.number().int() });

export const RatingCreate = z.object({ dishId: z.number().int().positive(), day: IsoDate, stars: z.number().int().min(1).max(5), comment: z.string().trim().max(200).optional() });
export const SuggestionCreate = z.object({ canteenId: z.number().int().positive(), body: z.string().trim().min(2).max(500) });
export const SuggestionReply = z.object({ reply: z.string().trim().min(2).max(500) });
/** A suggestion as the kitchen sees it and as the diner sees it in their history (with the reply). */
export const Suggestion = z.object({ id: z.number().int(), canteenName: z.string(), body: z.string(), at: z.string(), reply: z.string().nullable(), repliedAt: z.string().nullable() });
export type Suggestion = z.infer<typeof Suggestion>;

/** A person's allowed overdraft, set by canteen staff (audited), bounded by the maximum in force. */
export const OverdraftSet = z.object({ username: z.string().trim().min(1).max(50), overdraftFen: Fen });
export const OverdraftInfo = z.object({ username: z.string(), displayName: z.string(), balanceFen: z.number().int(), overdraftFen: z.number().int(), maxFen: z.number().int() });

/** Versioned reference data: reception-meal standards and the overdraft maximum (province bureau). */
export const ReceptionStandardVersion = z.object({
  source: z.string().trim().min(4).max(300), effectiveFrom: IsoDate,
  breakfastFen: PositiveFen, lunchFen: PositiveFen, dinnerFen: PositiveFen,
});
export const OverdraftLimitVersion = z.object({ source: z.string().trim().min(4).max(300), effectiveFrom: IsoDate, maxFen: Fen.max(10_000_000) });
export const StandardRow = z.object({ key: z.string(), perPersonFen: z.number().int(), source: z.string(), effectiveFrom: IsoDate, inForce: z.boolean(), placeholder: z.boolean() });
export const Standards = z.object({ reception: z.array(StandardRow), overdraft: z.array(StandardRow) });
export type Standards = z.infer<typeof Standards>;

export const PickupVerify = z.object({ canteenId: z.number().int().positive(), code: z.string().trim().min(4).max(40) });
export const PickupResult = z.object({ kind: z.enum(['booking', 'order']), name: z.string(), what: z.string(), day: IsoDate, charged: z.boolean() });
export type PickupResult = z.infer<typeof PickupResult>;

export const PrepSheet = z.object({
  canteenId: z.number().int(), canteenName: z.string(), day: IsoDate, meal: Meal,
  booked: z.number().int(), served: z.number().int(),
  forecast: z.object({ noShowRate: z.number(), walkIns: z.number(), surplusShare: z.number(), expectedDiners: z.number().int(), portions: z.number().int(), historyMeals: z.number().int() }),
  /** Per dish: portions pre-ordered with bookings, bookings without a choice, and the portions to cook (forecast). */
  dishes: z.array(z.object({ dishId: z.number().int(), name: z.string(), category: DishCategory, preordered: z.number().int(), portions: z.number().int() })),
  /** Live bookings that chose no dishes (they count for every dish). */
  bookedWithoutChoice: z.number().int(),
  takeaway: z.array(z.object({ itemId: z.number().int(), name: z.string(), unit: z.string(), ordered: z.number().int(), stock: z.number().int(), bySlot: z.record(z.string(), z.number().int()) })),
});
export type PrepSheet = z.infer<typeof PrepSheet>;

const Kg = z.number().min(0).max(10000).multipleOf(0.001);
export const MealServiceInput = z.object({
  canteenId: z.number().int().positive(), day: IsoDate, meal: Meal,
  walkIns: z.number().int().min(0).max(100000).optional(),
  prepared: z.number().int().min(0).max(100000).optional(),
  prepSurplusKg: Kg.optional(), unservedKg: Kg.optional(), plateKg: Kg.optional(),
});
export const WasteRow = z.object({
  canteenId: z.number().int(), canteenName: z.string(), day: IsoDate, meal: Meal, served: z.number().int(),
  prepSurplusKg: z.number().nullable(), unservedKg: z.number().nullable(), plateKg: z.number().nullable(), gramsPerMeal: z.number().nullable(),
});
export type WasteRow = z.infer<typeof WasteRow>;
/** The three waste stages: preparation surplus, unserved, plate leftovers. */
export const WasteStage = z.enum(['prep', 'unserved', 'plate']);
/** 餐厨浪费记录: filter by canteen, date range, meal and stage (records where that stage was weighed). */
export const WasteRecordQuery = z.object({
  from: IsoDate, to: IsoDate,
  canteenId: z.coerce.number().int().positive().optional(),
  meal: Meal.optional(),
  stage: WasteStage.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type WasteRecordQuery = z.infer<typeof WasteRecordQuery>;
export const WasteRecordPage = z.object({
  items: z.array(WasteRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  /** Over every matching record (not only this page): kg weighed and grams per meal served. */
  totalKg: z.number(), gramsPerMeal: z.number().nullable(),
});
export type WasteRecordPage = z.infer<typeof WasteRecordPage>;

export const ReceptionCreate = z.object({
  canteenId: z.number().int().positive(), day: IsoDate, meal: Meal, purpose: z.string().trim().min(2).max(200),
  guests: z.number().int().min(1).max(500), hosts: z.number().int().min(0).max(500), costFen: Fen,
});
export const Reception = z.object({
  id: z.number().int(), canteenId: z.number().int(), day: IsoDate, meal: Meal, purpose: z.string(), guests: z.number().int(), hosts: z.number().int(),
  standardFen: z.number().int(), costFen: z.number().int(), limitFen: z.number().int(), exceeded: z.boolean(),
});
export type Reception = z.infer<typeof Reception>;

export const SubsidyBatchCreate = z.object({ canteenId: z.number().int().positive(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
/** status: pending → approved | rejected, or returned (to be corrected and resubmitted, or cancelled) → cancelled. */
export const SubsidyBatch = z.object({
  id: z.number().int(), canteenId: z.number().int(), month: z.string(), status: z.string(), people: z.number().int(), totalFen: z.number().int(), approvalId: z.number().int().nullable(),
  /** The reviewer's comment when the batch was returned. */
  returnComment: z.string().nullable().optional(),
});
export type SubsidyBatch = z.infer<typeof SubsidyBatch>;
export const SubsidyBatchAction = z.object({ comment: z.string().trim().max(200).optional() });

export const BureauQuery = z.object({ from: IsoDate, to: IsoDate });
export const BureauRow = z.object({
  canteenId: z.number().int(), canteenName: z.string(), unitName: z.string(),
  diners: z.number().int(), booked: z.number().int(), served: z.number().int(), noShowRate: z.number().nullable(),
  wastePerMealG: z.number().nullable(), avgStars: z.number().nullable(), revenueFen: z.number().int(), subsidyFen: z.number().int(),
});
export type BureauRow = z.infer<typeof BureauRow>;
export const WasteTrendPoint = z.object({ week: z.string(), canteenId: z.number().int(), gramsPerMeal: z.number().nullable() });


// Pickup-code parsing lives in a zod-free file, so the web pages that need it do not load zod.
export { parsePickupCode } from './canteen-code';
