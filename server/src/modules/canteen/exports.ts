import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { WasteRecordQuery, type Canteen } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { audit } from '../../kernel/audit/audit.service';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx } from '../../kernel/excel/reply';
import { defineSheet } from '../../kernel/excel/sheet';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { loadCanteen } from './booking.service';
import { wasteRecords } from './kitchen.service';
import { canteenFigures } from './reports.service';
import { addDays } from './time';

export async function canteenDto(db: Db | Tx, id: number): Promise<Canteen> {
  const c = (await db.execute(sql`select c.id, c.org_unit_id as "orgUnitId", ou.name as "unitName", c.name, c.address, c.charge_mode as "chargeMode", c.open_weekdays as "openWeekdays", c.portion_grams as "portionGrams",
    c.allow_dish_choice as "allowDishChoice", c.price_per_dish as "pricePerDish", c.active, array(select e.org_unit_id from canteen_eligible_units e where e.canteen_id = c.id order by e.org_unit_id) as "eligibleUnitIds"
    from canteen_canteens c join org_units ou on ou.id = c.org_unit_id where c.id = ${id}`)).rows[0] as Omit<Canteen, 'meals' | 'categories' | 'holidays'>;
  const meals = (await db.execute(sql`select meal, to_char(starts_at, 'HH24:MI') as "startsAt", to_char(ends_at, 'HH24:MI') as "endsAt", book_days_before as "bookDaysBefore", to_char(book_cutoff, 'HH24:MI') as "bookCutoff",
    cancel_days_before as "cancelDaysBefore", to_char(cancel_cutoff, 'HH24:MI') as "cancelCutoff" from canteen_meal_periods where canteen_id = ${id} order by starts_at`)).rows as Canteen['meals'];
  const categories = (await db.execute(sql`select id, code, name_zh as "nameZh", name_en as "nameEn", breakfast_fen as "breakfastFen", lunch_fen as "lunchFen", dinner_fen as "dinnerFen",
    monthly_subsidy_fen as "monthlySubsidyFen", is_default as "isDefault" from canteen_diner_categories where canteen_id = ${id} order by id`)).rows as Canteen['categories'];
  const holidays = (await db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, name from canteen_holidays where canteen_id = ${id} and day >= (now() at time zone 'Asia/Shanghai')::date - 30 order by day`)).rows as Canteen['holidays'];
  return { ...c, openWeekdays: c.openWeekdays.map(Number), eligibleUnitIds: c.eligibleUnitIds.map(Number), meals, categories, holidays };
}

const KIND = [
  { value: 'charge', zh: '消费', en: 'Charge' }, { value: 'refund', zh: '退款', en: 'Refund' }, { value: 'topup', zh: '充值', en: 'Top-up' },
  { value: 'subsidy', zh: '补贴', en: 'Subsidy' }, { value: 'adjust', zh: '调整', en: 'Adjustment' },
];
interface StatementRow { at: string; person: string; kind: string; amountYuan: number; memo: string | null }
const statementSheet = defineSheet<StatementRow>({
  name: { zh: '餐卡流水', en: 'Meal account statement' },
  columns: [
    { key: 'at', header: { zh: '时间', en: 'Time' }, type: 'text', width: 18 },
    { key: 'person', header: { zh: '姓名', en: 'Name' }, type: 'text', width: 14 },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', options: KIND },
    { key: 'amountYuan', header: { zh: '金额(元,入账为正)', en: 'Amount (CNY, credit positive)' }, type: 'decimal', width: 18 },
    { key: 'memo', header: { zh: '摘要', en: 'Memo' }, type: 'text', width: 24 },
  ],
});

type WasteExportRow = { canteenName: string; day: string; meal: string; served: number; prepSurplusKg: number | null; unservedKg: number | null; plateKg: number | null; totalKg: number; gramsPerMeal: number | null };
const wasteSheet = defineSheet<WasteExportRow>({
  name: { zh: '餐厨浪费记录', en: 'Food waste records' },
  columns: [
    { key: 'canteenName', header: { zh: '食堂', en: 'Canteen' }, type: 'text', width: 24 },
    { key: 'day', header: { zh: '日期', en: 'Date' }, type: 'text', width: 12 },
    { key: 'meal', header: { zh: '餐次', en: 'Meal' }, type: 'text', width: 10 },
    { key: 'served', header: { zh: '就餐人次', en: 'Meals served' }, type: 'int' },
    { key: 'prepSurplusKg', header: { zh: '备餐剩余(kg)', en: 'Preparation surplus (kg)' }, type: 'decimal' },
    { key: 'unservedKg', header: { zh: '未售出(kg)', en: 'Unserved (kg)' }, type: 'decimal' },
    { key: 'plateKg', header: { zh: '餐盘剩余(kg)', en: 'Plate leftovers (kg)' }, type: 'decimal' },
    { key: 'totalKg', header: { zh: '合计(kg)', en: 'Total (kg)' }, type: 'decimal' },
    { key: 'gramsPerMeal', header: { zh: '人均浪费(g/餐)', en: 'Waste per meal (g)' }, type: 'decimal' },
  ],
});
const MEAL_NAMES = { 'zh-CN': { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' }, en: { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner' } } as const;

interface SavingRow { canteenName: string; unitName: string; served: number; booked: number; noShowRate: number | null; wasteKg: number; wastePerMealG: number | null; revenueYuan: number; subsidyYuan: number }
const savingSheet = defineSheet<SavingRow>({
  name: { zh: '节约粮食季度统计', en: 'Quarterly food-saving report' },
  columns: [
    { key: 'canteenName', header: { zh: '食堂', en: 'Canteen' }, type: 'text', width: 24 },
    { key: 'unitName', header: { zh: '主管单位', en: 'Unit' }, type: 'text', width: 28 },
    { key: 'booked', header: { zh: '报餐人次', en: 'Booked meals' }, type: 'int' },
    { key: 'served', header: { zh: '就餐人次', en: 'Meals served' }, type: 'int' },
    { key: 'noShowRate', header: { zh: '报餐未就餐率(%)', en: 'No-show rate (%)' }, type: 'decimal' },
    { key: 'wasteKg', header: { zh: '浪费总量(kg)', en: 'Food waste (kg)' }, type: 'decimal' },
    { key: 'wastePerMealG', header: { zh: '人均浪费(g/餐)', en: 'Waste per meal (g)' }, type: 'decimal' },
    { key: 'revenueYuan', header: { zh: '营业收入(元)', en: 'Revenue (CNY)' }, type: 'decimal' },
    { key: 'subsidyYuan', header: { zh: '补贴发放(元)', en: 'Subsidies (CNY)' }, type: 'decimal' },
  ],
});

const monthRange = (m: string) => {
  const from = `${m}-01`;
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
};

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

  r.get('/api/canteen/statements/export', { config: { permission: 'canteen.read' }, schema: { tags: ['canteen'], querystring: z.object({ canteenId: z.coerce.number().int().positive(), month: Month }) } }, async (req, reply) => {
    const c = await loadCanteen(app.db, req.query.canteenId);
    await req.scope.assert(app.db, c.orgUnitId);
    const { from, to } = monthRange(req.query.month);
    const rows = (await app.db.execute(sql`select to_char(l.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, x.display_name as person, l.kind,
        (case when a.id = l.to_account_id then l.amount_fen else -l.amount_fen end)::float8 / 100 as "amountYuan", l.memo
      from canteen_ledger l join canteen_accounts a on a.kind = 'person' and a.id in (l.from_account_id, l.to_account_id) join users x on x.id = a.user_id
      where l.canteen_id = ${c.id} and (l.at at time zone 'Asia/Shanghai')::date between ${from} and ${to} order by l.id`)).rows as unknown as StatementRow[];
    const data = await buildExport(statementSheet, rows, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'canteen.statement.export', objectType: 'canteen', objectId: c.id, after: { month: req.query.month, rows: rows.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'statement' : '餐卡流水'}-${c.name}-${req.query.month}`);
  });

  r.get('/api/canteen/my/statement/export', { config: { permission: 'canteen.use' }, schema: { tags: ['canteen'], querystring: z.object({ month: Month }) } }, async (req, reply) => {
    const a = actorOf(req);
    const { from, to } = monthRange(req.query.month);
    const rows = (await app.db.execute(sql`select to_char(l.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, x.display_name as person, l.kind,
        (case when acc.id = l.to_account_id then l.amount_fen else -l.amount_fen end)::float8 / 100 as "amountYuan", l.memo
      from canteen_accounts acc join users x on x.id = acc.user_id join canteen_ledger l on acc.id in (l.from_account_id, l.to_account_id)
      where acc.kind = 'person' and acc.user_id = ${a.userId} and (l.at at time zone 'Asia/Shanghai')::date between ${from} and ${to} order by l.id`)).rows as unknown as StatementRow[];
    const data = await buildExport(statementSheet, rows, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'canteen.statement.export', objectType: 'canteen_account', objectId: a.userId, after: { month: req.query.month, rows: rows.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'my-statement' : '我的餐卡流水'}-${req.query.month}`);
  });

  // The waste records list with the same filters as on screen, every matching record (not one page).
  r.get('/api/canteen/waste-records/export', { config: { permission: 'canteen.read' }, schema: { tags: ['canteen'], querystring: WasteRecordQuery } }, async (req, reply) => {
    const page = await wasteRecords(app.db, req.scope, req.query, true);
    const names = MEAL_NAMES[req.locale === 'en' ? 'en' : 'zh-CN'];
    const rows: WasteExportRow[] = page.items.map((x) => ({ ...x, meal: names[x.meal], totalKg: Math.round(((x.prepSurplusKg ?? 0) + (x.unservedKg ?? 0) + (x.plateKg ?? 0)) * 1000) / 1000 }));
    const data = await buildExport(wasteSheet, rows, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'canteen.waste.export', objectType: 'canteen', ...(req.query.canteenId ? { objectId: req.query.canteenId } : {}), after: { ...req.query, rows: rows.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'food-waste' : '餐厨浪费记录'}-${req.query.from}-${req.query.to}`);
  });

  r.get('/api/canteen/waste/quarterly-report', { config: { permission: 'canteen.read' }, schema: { tags: ['canteen'], querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100), quarter: z.coerce.number().int().min(1).max(4) }) } }, async (req, reply) => {
    const m0 = (req.query.quarter - 1) * 3 + 1;
    const from = `${req.query.year}-${String(m0).padStart(2, '0')}-01`;
    const to = monthRange(`${req.query.year}-${String(m0 + 2).padStart(2, '0')}`).to;
    const figs = await canteenFigures(app.db, req.scope.where(sql`c.org_unit_id`), from, to);
    const rows: SavingRow[] = figs.map((f) => ({
      canteenName: f.canteenName, unitName: f.unitName, booked: f.booked, served: f.served, noShowRate: f.noShowRate, wasteKg: Math.round(f.wasteG) / 1000,
      wastePerMealG: f.wastePerMealG, revenueYuan: f.revenueFen / 100, subsidyYuan: f.subsidyFen / 100,
    }));
    const data = await buildExport(savingSheet, rows, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'canteen.waste.report', objectType: 'canteen', after: { year: req.query.year, quarter: req.query.quarter, canteens: rows.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'food-saving' : '节约粮食统计'}-${req.query.year}Q${req.query.quarter}`);
  });
}
