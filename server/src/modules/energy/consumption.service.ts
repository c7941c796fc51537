import { and, eq, isNull, sql } from 'drizzle-orm';
import { daysByMonth, prorate, type MonthData } from '@guanjia/contracts/energy';
import type { Db, Tx } from '../../db/client';
import { AppError, conflict, invalid, notFound } from '../../kernel/http/errors';
import { energyBills, energyConsumption, energyInstitutions, energyTypes } from './energy.schema';

export interface EntryInput { energyType: string; quantity: number; unit: 'natural' | 'L'; costFen: number; bulk: boolean; forHeating?: boolean | undefined; density?: number | undefined }

/** Maps the database's own refusals (locked period, duplicate month, overlapping bill) to clear errors. */
export function energyDbError(e: unknown): AppError | undefined {
  const err = e as { code?: string; message?: string; constraint?: string; cause?: { code?: string; message?: string; constraint?: string } };
  const msg = err.message ?? '';
  const causeMsg = err.cause?.message ?? '';
  const constraint = err.constraint ?? err.cause?.constraint;
  if (msg.includes('energy_period_locked') || causeMsg.includes('energy_period_locked')) return conflict('energy_period_locked');
  if (constraint === 'energy_consumption_month_uq') return conflict('energy_month_reported', { type: '@energy_type.some' });
  if (constraint === 'energy_bills_no_overlap') return conflict('energy_bill_overlap');
  return undefined;
}

export async function assertInstitution(db: Db | Tx, unitId: number): Promise<{ category: string }> {
  const [i] = await db.select({ category: energyInstitutions.category, active: energyInstitutions.active }).from(energyInstitutions).where(eq(energyInstitutions.orgUnitId, unitId));
  if (!i || !i.active) throw new AppError('energy_not_institution', 404);
  return i;
}

/** A month is locked when a submitted or accepted report of the institution covers it. */
export async function isLocked(db: Db | Tx, unitId: number, month: string): Promise<boolean> {
  const r = await db.execute(sql`select 1 from energy_reports r join energy_periods p on p.id = r.period_id
    where r.org_unit_id = ${unitId} and r.status in ('submitted','accepted') and ${`${month}-01`}::date between p.starts_on and p.ends_on limit 1`);
  return r.rows.length > 0;
}

/**
 * Types and the factors entry checks need (calorific standard-coal coefficients, densities), read once:
 * an import of many rows checks them in memory instead of asking the database per row.
 */
export interface Lookups { types: Map<string, typeof energyTypes.$inferSelect>; factors: Map<string, { year: number; value: number }[]> }

export async function loadLookups(db: Db | Tx): Promise<Lookups> {
  const types = new Map((await db.select().from(energyTypes)).map((t) => [t.code, t]));
  const r = await db.execute(sql`select kind, energy_type, year, value::float8 as v from energy_factors
    where kind = 'density' or (kind = 'coal' and method = 'calorific') order by year desc`);
  const factors = new Map<string, { year: number; value: number }[]>();
  for (const f of r.rows as { kind: string; energy_type: string; year: number; v: number }[]) {
    const k = `${f.kind}/${f.energy_type}`;
    factors.set(k, [...(factors.get(k) ?? []), { year: Number(f.year), value: f.v }]);
  }
  return { types, factors };
}

/** The factor valid for a year: the latest version whose year ≤ it. */
function factorValue(l: Lookups, kind: 'coal' | 'density', energyType: string, year: number): number | null {
  return (l.factors.get(`${kind}/${energyType}`) ?? []).find((f) => f.year <= year)?.value ?? null;
}

/**
 * Checks and converts a month's entries: no negatives, no cost without a quantity, no type twice,
 * a standard-coal coefficient for the year (energy types), litres only for liquid fuels, converted
 * with the density valid for the year.
 */
export async function prepareEntries(db: Db | Tx, unitId: number, month: string, entries: EntryInput[], userId: number | null, lookups?: Lookups) {
  const year = Number(month.slice(0, 4));
  const l = lookups ?? await loadLookups(db);
  const types = l.types;
  const seen = new Set<string>();
  const out: (typeof energyConsumption.$inferInsert)[] = [];
  for (const [i, e] of entries.entries()) {
    const path = `body.entries.${i}`;
    const t = types.get(e.energyType);
    if (!t) throw invalid('validation', {}, `${path}.energyType`);
    if (seen.has(e.energyType)) throw conflict('energy_month_reported', { type: `@energy_type.${e.energyType}` });
    seen.add(e.energyType);
    if (e.quantity < 0 || e.costFen < 0) throw invalid('energy_negative', {}, `${path}.quantity`);
    if (e.costFen > 0 && e.quantity === 0) throw invalid('energy_cost_without_quantity', { type: `@energy_type.${e.energyType}` }, `${path}.quantity`);
    if (t.isEnergy && factorValue(l, 'coal', e.energyType, year) === null) throw invalid('energy_factor_missing', { type: `@energy_type.${e.energyType}`, year, kind: 'calorific' }, `${path}.energyType`);
    let quantity = e.quantity;
    let density: number | null = null;
    if (e.unit === 'L') {
      if (!t.liquid) throw invalid('energy_litres_not_liquid', { type: `@energy_type.${e.energyType}` }, `${path}.unit`);
      density = e.density ?? factorValue(l, 'density', e.energyType, year);
      if (density === null) throw invalid('energy_density_missing', { type: `@energy_type.${e.energyType}`, year }, `${path}.unit`);
      quantity = Math.round(e.quantity * density * 10000) / 10000;
    }
    out.push({
      orgUnitId: unitId, month: `${month}-01`, energyType: e.energyType, quantity: String(quantity), costFen: e.costFen,
      enteredQuantity: e.unit === 'L' ? String(e.quantity) : null, enteredUnit: e.unit === 'L' ? 'L' : null, density: density === null ? null : String(density),
      bulk: e.bulk, forHeating: e.forHeating ?? e.energyType === 'heat', updatedBy: userId,
    });
  }
  return out;
}

export async function readMonth(db: Db | Tx, unitId: number, month: string): Promise<MonthData> {
  const rows = await db.select().from(energyConsumption).where(and(eq(energyConsumption.orgUnitId, unitId), eq(energyConsumption.month, `${month}-01`))).orderBy(energyConsumption.energyType);
  return {
    orgUnitId: unitId, month, locked: await isLocked(db, unitId, month),
    entries: rows.map((r) => ({
      id: r.id, energyType: r.energyType as MonthData['entries'][number]['energyType'], quantity: Number(r.quantity), costFen: r.costFen,
      enteredQuantity: r.enteredQuantity === null ? null : Number(r.enteredQuantity), enteredUnit: r.enteredUnit, density: r.density === null ? null : Number(r.density),
      bulk: r.bulk, forHeating: r.forHeating, billId: r.billId,
    })),
  };
}

/** Replaces the month's own entries (not bill portions); returns before/after for the audit trail. */
export async function replaceMonth(tx: Tx, unitId: number, month: string, rows: (typeof energyConsumption.$inferInsert)[]) {
  const before = await readMonth(tx, unitId, month);
  if (before.locked) throw conflict('energy_period_locked');
  const fromBills = new Set<string>(before.entries.filter((e) => e.billId !== null).map((e) => e.energyType));
  const clash = rows.find((r) => fromBills.has(r.energyType));
  if (clash) throw conflict('energy_month_billed', { type: `@energy_type.${clash.energyType}` });
  await tx.delete(energyConsumption).where(and(eq(energyConsumption.orgUnitId, unitId), eq(energyConsumption.month, `${month}-01`), isNull(energyConsumption.billId)));
  await tx.insert(energyConsumption).values(rows);
  return before;
}

export { daysByMonth, prorate } from '@guanjia/contracts/energy';

export async function createBill(tx: Tx, b: { orgUnitId: number; energyType: string; periodStart: string; periodEnd: string; quantity: number; costFen: number }, userId: number | null) {
  if (b.periodEnd < b.periodStart) throw invalid('energy_bill_period', {}, 'body.periodEnd');
  if (daysByMonth(b.periodStart, b.periodEnd).length > 24) throw invalid('energy_bill_period', {}, 'body.periodEnd');
  const portions = prorate(b.periodStart, b.periodEnd, b.quantity, b.costFen);
  // The same checks as a month typed in, for every month the bill touches.
  const lookups = await loadLookups(tx);
  for (const p of portions) await prepareEntries(tx, b.orgUnitId, p.month, [{ energyType: b.energyType, quantity: p.quantity, unit: 'natural', costFen: p.costFen, bulk: false }], userId, lookups);
  if (b.quantity < 0) throw invalid('energy_negative', {}, 'body.quantity');
  const manual = await tx.execute(sql`select to_char(month, 'YYYY-MM') as m from energy_consumption where org_unit_id = ${b.orgUnitId} and energy_type = ${b.energyType}
    and bill_id is null and month between date_trunc('month', ${b.periodStart}::date) and ${b.periodEnd}::date limit 1`);
  if (manual.rows.length) throw conflict('energy_month_reported', { type: `@energy_type.${b.energyType}` });
  const [bill] = await tx.insert(energyBills).values({ ...b, quantity: String(b.quantity), createdBy: userId }).returning({ id: energyBills.id });
  if (!bill) throw notFound();
  await tx.insert(energyConsumption).values(portions.map((p) => ({
    orgUnitId: b.orgUnitId, month: `${p.month}-01`, energyType: b.energyType, quantity: String(p.quantity), costFen: p.costFen,
    billId: bill.id, forHeating: b.energyType === 'heat', updatedBy: userId,
  })));
  return { id: bill.id, portions };
}

/**
 * Inserts many entries set-based: one INSERT … SELECT from a JSON payload per batch of 50 000 rows,
 * so the statement triggers (summaries, roll-ups, locks) run once per batch, not once per row.
 */
export async function insertEntries(tx: Tx, rows: (typeof energyConsumption.$inferInsert)[], batch = 50_000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const payload = JSON.stringify(rows.slice(i, i + batch).map((r) => ({
      u: r.orgUnitId, m: r.month, t: r.energyType, q: r.quantity, c: r.costFen ?? 0, eq: r.enteredQuantity ?? null, eu: r.enteredUnit ?? null,
      d: r.density ?? null, b: r.bulk ?? false, h: r.forHeating ?? false, by: r.updatedBy ?? null,
    })));
    await tx.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, entered_quantity, entered_unit, density, bulk, for_heating, updated_by)
      select u, m, t, q, c, eq, eu, d, b, h, by from jsonb_to_recordset(${payload}::jsonb)
        as x(u int, m date, t text, q numeric, c bigint, eq numeric, eu text, d numeric, b boolean, h boolean, by int)`);
  }
}
