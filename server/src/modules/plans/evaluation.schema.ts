import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../kernel/org/org.schema';
import { plans } from './plans.schema';

const num = (name: string) => numeric(name, { mode: 'number' });

/** A scoring scheme (评估方案); its weights live in versions, and only published versions score. */
export const schemes = pgTable('plan_schemes', {
  id: serial('id').primaryKey(),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  /** The criteria's weights must sum to this (e.g. 100 points). */
  total: num('total').notNull().default(100),
  /** The plan whose indicator codes the formulas name. */
  planId: integer('plan_id').notNull().references(() => plans.id),
}, (t) => [check('plan_scheme_total_ck', sql`${t.total} > 0`)]);

export const schemeVersions = pgTable('plan_scheme_versions', {
  id: serial('id').primaryKey(),
  schemeId: integer('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  version: integer('version').notNull(),
  status: text('status').notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('plan_scheme_versions_uq').on(t.schemeId, t.version),
  check('plan_scheme_version_status_ck', sql`${t.status} in ('draft','published')`),
]);

export interface RubricLevel { level: string; score: number; descZh: string; descEn: string }

/** A criterion: quantitative (formula over indicators) or qualitative (rubric scored by reviewers). */
export const criteria = pgTable('plan_criteria', {
  id: serial('id').primaryKey(),
  versionId: integer('version_id').notNull().references(() => schemeVersions.id, { onDelete: 'cascade' }),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  weight: num('weight').notNull(),
  formula: text('formula'),
  rubric: jsonb('rubric').$type<RubricLevel[]>(),
  sort: integer('sort').notNull().default(0),
}, (t) => [
  check('plan_criterion_kind_ck', sql`(${t.kind} = 'quantitative' and ${t.formula} is not null) or (${t.kind} = 'qualitative' and ${t.rubric} is not null)`),
  check('plan_criterion_weight_ck', sql`${t.weight} > 0`),
  uniqueIndex('plan_criteria_code_uq').on(t.versionId, t.code),
]);

/** An evaluation round (annual / mid-term / final) scoring the prefectures under `orgUnitId`. */
export const rounds = pgTable('plan_eval_rounds', {
  id: serial('id').primaryKey(),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  versionId: integer('version_id').notNull().references(() => schemeVersions.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  status: text('status').notNull().default('open'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** Who is scored: chosen org units (e.g. the bureau's divisions); null = the prefecture-level regions under the round's unit. */
  subjectUnitIds: integer('subject_unit_ids').array(),
  /**
   * 全面/重点: subjects evaluated in focus (重点评估) on `focusCriterionIds` only, their total scaled to the
   * scheme's full weight; every other subject is evaluated in full (全面评估). Null = all in full.
   */
  focusedUnitIds: integer('focused_unit_ids').array(),
  focusCriterionIds: integer('focus_criterion_ids').array(),
}, (t) => [
  check('plan_round_focus_ck', sql`coalesce(cardinality(${t.focusedUnitIds}), 0) = 0 or coalesce(cardinality(${t.focusCriterionIds}), 0) > 0`),
  check('plan_round_kind_ck', sql`${t.kind} in ('annual','midterm','final')`),
  check('plan_round_status_ck', sql`${t.status} in ('open','closed')`),
]);

/** One reviewer's rubric level for one prefecture on one qualitative criterion. */
export const reviews = pgTable('plan_eval_reviews', {
  id: serial('id').primaryKey(),
  roundId: integer('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
  criterionId: integer('criterion_id').notNull().references(() => criteria.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  reviewerId: integer('reviewer_id').notNull(),
  level: text('level').notNull(),
  score: num('score').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('plan_eval_reviews_uq').on(t.roundId, t.criterionId, t.orgUnitId, t.reviewerId)]);

/** Frozen results of a closed round: the per-criterion breakdown behind every total. */
export const results = pgTable('plan_eval_results', {
  id: serial('id').primaryKey(),
  roundId: integer('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
  criterionId: integer('criterion_id').notNull().references(() => criteria.id),
  orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
  raw: num('raw'),
  points: num('points').notNull(),
}, (t) => [uniqueIndex('plan_eval_results_uq').on(t.roundId, t.criterionId, t.orgUnitId), index('plan_eval_results_round_idx').on(t.roundId)]);
