import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../kernel/org/org.schema';
import { users } from '../../kernel/auth/auth.schema';

/** 公共机构: an org unit registered as a public institution, with its statistics category. */
export const energyInstitutions = pgTable(
  'energy_institutions',
  {
    orgUnitId: integer('org_unit_id').primaryKey().references(() => orgUnits.id),
    category: text('category', { enum: ['organ', 'school', 'hospital', 'other'] }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('energy_institutions_category', sql`${t.category} in ('organ','school','hospital','other')`)],
);

/** Effective-dated denominators: 用能人数, 建筑面积 (office floor area only), 供暖面积. */
export const energyDenominators = pgTable(
  'energy_denominators',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => energyInstitutions.orgUnitId),
    effectiveFrom: date('effective_from').notNull(),
    headcount: integer('headcount').notNull(),
    floorArea: numeric('floor_area', { precision: 14, scale: 2 }).notNull(),
    heatedArea: numeric('heated_area', { precision: 14, scale: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_denominators_uq').on(t.orgUnitId, t.effectiveFrom),
    check('energy_denominators_positive', sql`${t.headcount} > 0 and ${t.floorArea} > 0 and ${t.heatedArea} >= 0`),
  ],
);

/** Energy and resource types of the statistics system, with their natural unit. */
export const energyTypes = pgTable('energy_types', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Natural unit the quantity is stored in: kWh, m3, kg, GJ, kgce. */
  unit: text('unit').notNull(),
  /** Liquid fuels may be entered in litres and converted with a density factor. */
  liquid: boolean('liquid').notNull().default(false),
  /** Water is a resource, not energy: never converted to standard coal. */
  isEnergy: boolean('is_energy').notNull().default(true),
  sort: smallint('sort').notNull().default(0),
});

/**
 * Versioned factors (因子), each with its source and the year from which it applies (until a later
 * year supersedes it): standard-coal coefficients (kgce per natural unit; method calorific or
 * equal_value), CO₂ factors (kg CO₂ per natural unit, by region: 'national', a grid like
 * 'northeast', or a province division code), and densities of liquid fuels (kg/L).
 */
export const energyFactors = pgTable(
  'energy_factors',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['coal', 'co2', 'density'] }).notNull(),
    energyType: text('energy_type').notNull().references(() => energyTypes.code),
    method: text('method', { enum: ['calorific', 'equal_value', 'none'] }).notNull().default('none'),
    region: text('region').notNull().default('national'),
    year: smallint('year').notNull(),
    value: numeric('value', { precision: 14, scale: 6 }).notNull(),
    source: text('source').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_factors_uq').on(t.kind, t.energyType, t.method, t.region, t.year),
    check('energy_factors_value', sql`${t.value} > 0`),
    check('energy_factors_year', sql`${t.year} between 1990 and 2100`),
    check('energy_factors_method', sql`(${t.kind} = 'coal') = (${t.method} <> 'none')`),
  ],
);

/** Which grid region a province's electricity belongs to (for CO₂ factors). */
export const energyGridRegions = pgTable('energy_grid_regions', {
  provinceCode: text('province_code').primaryKey(),
  grid: text('grid').notNull(),
  source: text('source').notNull(),
});

/** A bill spanning months (e.g. 15 Jan – 14 Feb), pro-rated by days into monthly entries. */
export const energyBills = pgTable(
  'energy_bills',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => energyInstitutions.orgUnitId),
    energyType: text('energy_type').notNull().references(() => energyTypes.code),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('energy_bills_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('energy_bills_amounts', sql`${t.quantity} >= 0 and ${t.costFen} >= 0 and (${t.costFen} = 0 or ${t.quantity} > 0)`),
  ],
);

/**
 * Monthly consumption (能源资源消费): one entry per institution, month and type (the database
 * refuses a second), or one pro-rated portion per bill and month. Quantity is in the type's
 * natural unit; what was typed (litres) and the density used are kept beside it.
 */
export const energyConsumption = pgTable(
  'energy_consumption',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => energyInstitutions.orgUnitId),
    month: date('month').notNull(),
    energyType: text('energy_type').notNull().references(() => energyTypes.code),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull().default(0),
    enteredQuantity: numeric('entered_quantity', { precision: 18, scale: 4 }),
    enteredUnit: text('entered_unit'),
    density: numeric('density', { precision: 10, scale: 4 }),
    /** A bulk delivery (coal, diesel) recorded in the month it arrived. */
    bulk: boolean('bulk').notNull().default(false),
    /** Energy used for space heating (purchased heat, boiler coal): excluded from "without heating". */
    forHeating: boolean('for_heating').notNull().default(false),
    billId: integer('bill_id').references(() => energyBills.id, { onDelete: 'cascade' }),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_consumption_month_uq').on(t.orgUnitId, t.month, t.energyType).where(sql`${t.billId} is null`),
    uniqueIndex('energy_consumption_bill_uq').on(t.billId, t.month).where(sql`${t.billId} is not null`),
    index('energy_consumption_unit_month_idx').on(t.orgUnitId, t.month),
    check('energy_consumption_month_first', sql`extract(day from ${t.month}) = 1`),
    check('energy_consumption_amounts', sql`${t.quantity} >= 0 and ${t.costFen} >= 0 and (${t.costFen} = 0 or ${t.quantity} > 0)`),
  ],
);

/**
 * Monthly summary, maintained by statement triggers on energy_consumption in the same
 * transaction: quantities and costs only, so factors apply at query time and a new or corrected
 * factor changes every figure at once, and a late month adds its delta, never a full refresh.
 */
export const energyMonthly = pgTable(
  'energy_monthly',
  {
    orgUnitId: integer('org_unit_id').notNull(),
    month: date('month').notNull(),
    energyType: text('energy_type').notNull(),
    forHeating: boolean('for_heating').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'energy_monthly_pk', columns: [t.orgUnitId, t.month, t.energyType, t.forHeating] }),
    index('energy_monthly_month_idx').on(t.month),
  ],
);

/** Reporting periods with their deadline (annual: the year's data, due March 31 of the next year). */
export const energyPeriods = pgTable(
  'energy_periods',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['annual', 'quarterly', 'monthly'] }).notNull(),
    year: smallint('year').notNull(),
    seq: smallint('seq').notNull().default(1),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    dueOn: date('due_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_periods_uq').on(t.kind, t.year, t.seq),
    check('energy_periods_dates', sql`${t.endsOn} >= ${t.startsOn} and ${t.dueOn} > ${t.endsOn}`),
  ],
);

/**
 * One report per unit and period: an institution's own data, or a region's roll-up of the reports
 * below it. draft → submitted → accepted (locks the months) | returned (with a reason) → submitted…
 */
export const energyReports = pgTable(
  'energy_reports',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    periodId: integer('period_id').notNull().references(() => energyPeriods.id),
    status: text('status', { enum: ['draft', 'submitted', 'accepted', 'returned'] }).notNull().default('draft'),
    isRollup: boolean('is_rollup').notNull().default(false),
    returnReason: text('return_reason'),
    /** Totals at submission (tce, cost), kept so a later change is visible against what was filed. */
    totals: jsonb('totals'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('energy_reports_uq').on(t.orgUnitId, t.periodId),
    index('energy_reports_period_idx').on(t.periodId, t.status),
    check('energy_reports_reason', sql`${t.status} <> 'returned' or ${t.returnReason} is not null`),
  ],
);

/** 2025 reduction targets against the 2020 baseline, per unit, indicator and quota tier. */
export const energyTargets = pgTable(
  'energy_targets',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    indicator: text('indicator', { enum: ['per_area', 'per_capita', 'water_per_capita', 'co2_per_area'] }).notNull(),
    tier: text('tier', { enum: ['binding', 'benchmark', 'aspirational'] }).notNull(),
    baselineYear: smallint('baseline_year').notNull().default(2020),
    targetYear: smallint('target_year').notNull().default(2025),
    /** Reduction against the baseline, percent (5.00 = −5 %). */
    reductionPct: numeric('reduction_pct', { precision: 6, scale: 2 }).notNull(),
    parentTargetId: integer('parent_target_id'),
    source: text('source').notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('energy_targets_uq').on(t.orgUnitId, t.indicator, t.tier, t.targetYear),
    check('energy_targets_pct', sql`${t.reductionPct} > -100 and ${t.reductionPct} < 100`),
    check('energy_targets_years', sql`${t.targetYear} > ${t.baselineYear}`),
  ],
);

/** Default targets (national 14th five-year plan figures), stored as data with their source. */
export const energyTargetDefaults = pgTable('energy_target_defaults', {
  indicator: text('indicator').primaryKey(),
  reductionPct: numeric('reduction_pct', { precision: 6, scale: 2 }).notNull(),
  baselineYear: smallint('baseline_year').notNull(),
  targetYear: smallint('target_year').notNull(),
  source: text('source').notNull(),
});

/**
 * Heating season per province (北方采暖期) from a year on (the latest from_year ≤ a year applies), as
 * data: month-day strings like '10-20'. Drives the split of indicators into inside / outside the season.
 */
export const energyHeatingSeasons = pgTable(
  'energy_heating_seasons',
  {
    provinceCode: text('province_code').notNull(),
    fromYear: smallint('from_year').notNull().default(2000),
    startsMd: text('starts_md').notNull(),
    endsMd: text('ends_md').notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ name: 'energy_heating_seasons_pk', columns: [t.provinceCode, t.fromYear] }),
    check('energy_heating_seasons_md', sql`${t.startsMd} ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and ${t.endsMd} ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and ${t.startsMd} <> ${t.endsMd}`),
  ],
);

/** Yearly summary beside the monthly one, maintained by the same trigger: whole-year dashboards read 12× fewer rows. */
export const energyYearly = pgTable(
  'energy_yearly',
  {
    orgUnitId: integer('org_unit_id').notNull(),
    year: smallint('year').notNull(),
    energyType: text('energy_type').notNull(),
    forHeating: boolean('for_heating').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'energy_yearly_pk', columns: [t.orgUnitId, t.year, t.energyType, t.forHeating] }), index('energy_yearly_year_idx').on(t.year)],
);

/**
 * Region roll-ups (区域汇总), maintained by the same statement triggers in the same transaction as
 * every change: the sums of every active institution below a node (each strict ancestor on the
 * institution's path: county, prefecture, province, parent organs), per category, so a dashboard
 * for a region drilled to its children reads a few rows per child instead of one per institution.
 * Quantities and costs only: factors still apply at query time.
 */
export const energyNodeYearly = pgTable(
  'energy_node_yearly',
  {
    nodeId: integer('node_id').notNull(),
    category: text('category').notNull(),
    year: smallint('year').notNull(),
    energyType: text('energy_type').notNull(),
    forHeating: boolean('for_heating').notNull(),
    quantity: numeric('quantity', { precision: 22, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'energy_node_yearly_pk', columns: [t.nodeId, t.year, t.category, t.energyType, t.forHeating] })],
);

export const energyNodeMonthly = pgTable(
  'energy_node_monthly',
  {
    nodeId: integer('node_id').notNull(),
    category: text('category').notNull(),
    month: date('month').notNull(),
    energyType: text('energy_type').notNull(),
    forHeating: boolean('for_heating').notNull(),
    quantity: numeric('quantity', { precision: 22, scale: 4 }).notNull(),
    costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'energy_node_monthly_pk', columns: [t.nodeId, t.month, t.category, t.energyType, t.forHeating] })],
);

/**
 * Denominators below a node as step deltas: the sum of the rows with effective_from ≤ a date is the
 * sum of every active institution's denominators valid on that date. Each institution also adds
 * one row dated 1900-01-01 with institutions = 1 (the count).
 */
export const energyNodeDenominators = pgTable(
  'energy_node_denominators',
  {
    nodeId: integer('node_id').notNull(),
    category: text('category').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    institutions: integer('institutions').notNull(),
    headcount: bigint('headcount', { mode: 'number' }).notNull(),
    floorArea: numeric('floor_area', { precision: 18, scale: 2 }).notNull(),
    heatedArea: numeric('heated_area', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ name: 'energy_node_denominators_pk', columns: [t.nodeId, t.effectiveFrom, t.category] })],
);
