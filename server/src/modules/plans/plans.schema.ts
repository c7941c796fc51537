import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../kernel/org/org.schema';

/** numeric columns read as JS numbers (PGlite and pg both hand back strings for numeric). */
const num = (name: string) => numeric(name, { mode: 'number' });

/**
 * A plan (规划): level (national/provincial/prefecture/county) and kind (development/special/
 * regional/spatial), owned by an org unit, for a period of years. `parentPlanId` names the upper
 * plan it implements (下位规划服从上位规划).
 */
export const plans = pgTable('plan_plans', {
  id: serial('id').primaryKey(),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  level: text('level').notNull(),
  kind: text('kind').notNull(),
  startYear: integer('start_year').notNull(),
  endYear: integer('end_year').notNull(),
  parentPlanId: integer('parent_plan_id'),
  status: text('status').notNull().default('draft'),
  /** Review of the plan's alignment with its upper plan, through the approval engine. */
  alignmentStatus: text('alignment_status').notNull().default('none'),
  /** Roll-up colour thresholds (share of the target reached): published with the plan. */
  greenAt: num('green_at').notNull().default(0.9),
  amberAt: num('amber_at').notNull().default(0.6),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('plan_level_ck', sql`${t.level} in ('national','provincial','prefecture','county')`),
  check('plan_kind_ck', sql`${t.kind} in ('development','special','regional','spatial')`),
  check('plan_years_ck', sql`${t.startYear} <= ${t.endYear}`),
  check('plan_status_ck', sql`${t.status} in ('draft','published')`),
  check('plan_thresholds_ck', sql`0 <= ${t.amberAt} and ${t.amberAt} <= ${t.greenAt} and ${t.greenAt} <= 1`),
  index('plan_plans_unit_idx').on(t.orgUnitId),
]);

/**
 * The plan's structure in one tree: chapters (章), sections (节), goals (目标), indicators (指标)
 * and tasks (任务). `weight` is the published weight of the item among its siblings in roll-ups.
 */
export const planItems = pgTable('plan_items', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  parentId: integer('parent_id'),
  kind: text('kind').notNull(),
  code: text('code'),
  title: text('title').notNull(),
  sort: integer('sort').notNull().default(0),
  weight: num('weight').notNull().default(1),
  // Indicator (指标)
  unit: text('unit'),
  baselineYear: integer('baseline_year'),
  baselineValue: num('baseline_value'),
  targetYear: integer('target_year'),
  targetValue: num('target_value'),
  /** 'up' = higher is better, 'down' = lower is better. */
  direction: text('direction'),
  /** 约束性 binding / 预期性 anticipatory. */
  binding: text('binding'),
  /** A live metric key (kernel metrics registry); the actual value is read, not typed. */
  metricKey: text('metric_key'),
  // Task (任务)
  ownerUnitId: integer('owner_unit_id').references(() => orgUnits.id),
  coOwnerUnitIds: integer('co_owner_unit_ids').array().notNull().default(sql`'{}'::int[]`),
  deadline: date('deadline'),
}, (t) => [
  check('plan_item_kind_ck', sql`${t.kind} in ('chapter','section','goal','indicator','task')`),
  check('plan_item_weight_ck', sql`${t.weight} >= 0`),
  check('plan_item_indicator_ck', sql`${t.kind} <> 'indicator' or (${t.unit} is not null and ${t.targetValue} is not null and ${t.targetYear} is not null
    and ${t.direction} in ('up','down') and ${t.binding} in ('binding','anticipatory'))`),
  check('plan_item_task_ck', sql`${t.kind} <> 'task' or (${t.ownerUnitId} is not null and ${t.deadline} is not null)`),
  uniqueIndex('plan_items_code_uq').on(t.planId, t.code),
  index('plan_items_plan_idx').on(t.planId, t.parentId),
]);

export const milestones = pgTable('plan_milestones', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id').notNull().references(() => planItems.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  title: text('title').notNull(),
  due: date('due').notNull(),
  doneOn: date('done_on'),
}, (t) => [index('plan_milestones_item_idx').on(t.itemId)]);

/** 衔接: a lower plan's item serves an upper plan's item. Cycles are refused by a trigger. */
export const alignments = pgTable('plan_alignments', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id').notNull().references(() => planItems.id, { onDelete: 'cascade' }),
  upperItemId: integer('upper_item_id').notNull().references(() => planItems.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
}, (t) => [
  check('plan_alignment_self_ck', sql`${t.itemId} <> ${t.upperItemId}`),
  uniqueIndex('plan_alignments_uq').on(t.itemId, t.upperItemId),
  index('plan_alignments_upper_idx').on(t.upperItemId),
]);

/** A reporting period of a plan (monthly, quarterly, yearly); reports for a closed one are refused. */
export const reportPeriods = pgTable('plan_report_periods', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  label: text('label').notNull(),
  starts: date('starts').notNull(),
  ends: date('ends').notNull(),
  closed: boolean('closed').notNull().default(false),
}, (t) => [check('plan_period_dates_ck', sql`${t.starts} <= ${t.ends}`), uniqueIndex('plan_periods_uq').on(t.planId, t.label)]);

/** A progress report on one indicator (value) or task (status colour) for one period. */
export const progressReports = pgTable('plan_progress_reports', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id').notNull().references(() => planItems.id, { onDelete: 'cascade' }),
  periodId: integer('period_id').notNull().references(() => reportPeriods.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  value: num('value'),
  status: text('status'),
  note: text('note').notNull().default(''),
  reportedBy: integer('reported_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('plan_report_status_ck', sql`${t.status} is null or ${t.status} in ('green','amber','red')`),
  check('plan_report_measure_ck', sql`${t.value} is not null or ${t.status} is not null`),
  index('plan_reports_item_idx').on(t.itemId, t.periodId),
]);

export const suggestionDrafts = pgTable('plan_suggestion_drafts', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  title: text('title').notNull(),
  open: boolean('open').notNull().default(true),
  publicToken: text('public_token'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('plan_drafts_token_uq').on(t.publicToken)]);

/** 征求意见: one suggestion and its answer (adopted / partly / not adopted, with a reason). */
export const suggestions = pgTable('plan_suggestions', {
  id: serial('id').primaryKey(),
  draftId: integer('draft_id').notNull().references(() => suggestionDrafts.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  source: text('source').notNull(),
  author: text('author').notNull().default(''),
  content: text('content').notNull(),
  outcome: text('outcome').notNull().default('pending'),
  reason: text('reason'),
  itemIds: integer('item_ids').array().notNull().default(sql`'{}'::int[]`),
  createdBy: integer('created_by'),
  answeredBy: integer('answered_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('plan_suggestion_source_ck', sql`${t.source} in ('staff','grassroots','expert','public')`),
  check('plan_suggestion_outcome_ck', sql`${t.outcome} in ('pending','adopted','partly','not_adopted')`),
  check('plan_suggestion_reason_ck', sql`${t.outcome} = 'pending' or coalesce(btrim(${t.reason}), '') <> ''`),
  index('plan_suggestions_draft_idx').on(t.draftId),
]);

export type PlanRow = typeof plans.$inferSelect;
export type PlanItemRow = typeof planItems.$inferSelect;
