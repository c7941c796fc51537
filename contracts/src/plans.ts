import { z } from 'zod';
import { IsoDate } from './common';

/** Plans, evaluation and the cockpit (规划). */
export const PlanLevel = z.enum(['national', 'provincial', 'prefecture', 'county']);
export const PlanKind = z.enum(['development', 'special', 'regional', 'spatial']);
export const PlanItemKind = z.enum(['chapter', 'section', 'goal', 'indicator', 'task']);
export const Colour = z.enum(['green', 'amber', 'red', 'none']);
export type Colour = z.infer<typeof Colour>;

const name = z.string().trim().min(1).max(200);
const year = z.number().int().min(1949).max(2100);

export const PlanCreate = z.object({
  orgUnitId: z.number().int().positive(),
  name,
  level: PlanLevel,
  kind: PlanKind,
  startYear: year,
  endYear: year,
  parentPlanId: z.number().int().positive().nullable().optional(),
}).refine((p) => p.startYear <= p.endYear, { message: 'startYear > endYear', path: ['endYear'] });
export type PlanCreate = z.infer<typeof PlanCreate>;

export const Plan = z.object({
  id: z.number(), orgUnitId: z.number(), unitName: z.string(), name: z.string(), level: PlanLevel, kind: PlanKind,
  startYear: z.number(), endYear: z.number(), parentPlanId: z.number().nullable(), parentPlanName: z.string().nullable(),
  status: z.enum(['draft', 'published']), alignmentStatus: z.string(), greenAt: z.number(), amberAt: z.number(),
  score: z.number().nullable(), colour: Colour, items: z.number(),
});
export type Plan = z.infer<typeof Plan>;

/** A plan as a picker lists it: no live figures. */
export const PlanOption = z.object({ id: z.number(), name: z.string(), level: PlanLevel, unitName: z.string(), parentPlanId: z.number().nullable() });
export type PlanOption = z.infer<typeof PlanOption>;
/** An item as a picker lists it. */
export const ItemOption = z.object({ id: z.number(), kind: PlanItemKind, code: z.string().nullable(), title: z.string() });
export type ItemOption = z.infer<typeof ItemOption>;

export const PlanItemCreate = z.object({
  parentId: z.number().int().positive().nullable().optional(),
  kind: PlanItemKind,
  code: z.string().trim().min(1).max(30).nullable().optional(),
  title: name,
  sort: z.number().int().optional(),
  weight: z.number().min(0).max(1e12).optional(),
  unit: z.string().trim().min(1).max(30).nullable().optional(),
  baselineYear: year.nullable().optional(),
  baselineValue: z.number().nullable().optional(),
  targetYear: year.nullable().optional(),
  targetValue: z.number().nullable().optional(),
  direction: z.enum(['up', 'down']).nullable().optional(),
  binding: z.enum(['binding', 'anticipatory']).nullable().optional(),
  metricKey: z.string().trim().regex(/^[a-z]+\.[a-z0-9_]+$/).nullable().optional(),
  ownerUnitId: z.number().int().positive().nullable().optional(),
  coOwnerUnitIds: z.array(z.number().int().positive()).max(20).optional(),
  deadline: IsoDate.nullable().optional(),
  milestones: z.array(z.object({ title: name, due: IsoDate })).max(20).optional(),
});
export type PlanItemCreate = z.infer<typeof PlanItemCreate>;
/** Editing an item: every field but kind and parent; `milestones` (when given) replaces the list — kept ones by id keep their done date. */
export const PlanItemUpdate = PlanItemCreate.omit({ kind: true, parentId: true, milestones: true }).partial().extend({
  milestones: z.array(z.object({ id: z.number().int().positive().optional(), title: name, due: IsoDate })).max(20).optional(),
});
export type PlanItemUpdate = z.infer<typeof PlanItemUpdate>;
export const Milestone = z.object({ id: z.number(), title: z.string(), due: z.string(), doneOn: z.string().nullable() });
export type Milestone = z.infer<typeof Milestone>;
/** What the item drawer and the edit screen need beyond the tree row: milestones and co-owner names. */
export const ItemDetail = z.object({ milestones: z.array(Milestone), coOwners: z.array(z.object({ id: z.number(), name: z.string() })) });
export type ItemDetail = z.infer<typeof ItemDetail>;
export const MilestoneDone = z.object({ doneOn: IsoDate.optional() });

export const PlanItem = z.object({
  id: z.number(), planId: z.number(), parentId: z.number().nullable(), kind: PlanItemKind, code: z.string().nullable(),
  title: z.string(), sort: z.number(), weight: z.number(), share: z.number(),
  unit: z.string().nullable(), baselineYear: z.number().nullable(), baselineValue: z.number().nullable(),
  targetYear: z.number().nullable(), targetValue: z.number().nullable(), direction: z.string().nullable(), binding: z.string().nullable(),
  metricKey: z.string().nullable(), ownerUnitId: z.number().nullable(), ownerName: z.string().nullable(), coOwnerUnitIds: z.array(z.number()), deadline: z.string().nullable(),
  /** The latest actual: live from the metric registry when bound, else the latest report. */
  actual: z.number().nullable(), actualSource: z.enum(['live', 'report', 'none', 'unavailable']),
  /** For a bound indicator: the registry gave a value, had none for the period, or the key is not registered (module not installed). */
  liveStatus: z.enum(['live', 'no_data', 'unavailable']).nullable(),
  score: z.number().nullable(), colour: Colour, upperItemIds: z.array(z.number()),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const PlanTree = z.object({ plan: Plan, items: z.array(PlanItem) });
export type PlanTree = z.infer<typeof PlanTree>;

export const AlignBody = z.object({ upperItemIds: z.array(z.number().int().positive()).max(50) });

export const GapCell = z.object({ planId: z.number(), itemIds: z.array(z.number()) });
export const GapRow = z.object({
  upperItemId: z.number(), code: z.string().nullable(), title: z.string(), kind: PlanItemKind,
  covered: z.boolean(), cells: z.array(GapCell),
  /** Lower binding indicators whose target is weaker than this upper one. */
  weaker: z.array(z.object({ itemId: z.number(), planId: z.number(), title: z.string(), targetValue: z.number().nullable() })),
});
export const AlignmentMatrix = z.object({
  upperPlan: z.object({ id: z.number(), name: z.string() }),
  lowerPlans: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string(), alignmentStatus: z.string() })),
  rows: z.array(GapRow),
  uncovered: z.number(),
  weakerCount: z.number(),
});
export type AlignmentMatrix = z.infer<typeof AlignmentMatrix>;

export const PeriodCreate = z.object({ label: z.string().trim().min(1).max(40), starts: IsoDate, ends: IsoDate })
  .refine((p) => p.starts <= p.ends, { message: 'starts > ends', path: ['ends'] });
export const Period = z.object({ id: z.number(), planId: z.number(), label: z.string(), starts: z.string(), ends: z.string(), closed: z.boolean() });
export type Period = z.infer<typeof Period>;

export const ReportCreate = z.object({
  periodId: z.number().int().positive(),
  value: z.number().nullable().optional(),
  status: z.enum(['green', 'amber', 'red']).nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ReportCreate = z.infer<typeof ReportCreate>;

export const TimelineEntry = z.object({
  at: z.string(), kind: z.enum(['report', 'milestone', 'deadline', 'audit']),
  title: z.string(), value: z.number().nullable(), status: z.string().nullable(), by: z.string().nullable(),
  periodLabel: z.string().nullable(), reportId: z.number().nullable(), files: z.number(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

// Evaluation (评估)
export const RubricLevel = z.object({ level: z.string().trim().min(1).max(20), score: z.number().min(0).max(100), descZh: z.string().max(200), descEn: z.string().max(200) });
export const SchemeCreate = z.object({ orgUnitId: z.number().int().positive(), planId: z.number().int().positive(), name, total: z.number().positive().max(1000).optional() });
export const CriterionCreate = z.object({
  code: z.string().trim().min(1).max(20), name, kind: z.enum(['quantitative', 'qualitative']), weight: z.number().positive().max(1000),
  formula: z.string().trim().min(1).max(500).nullable().optional(), rubric: z.array(RubricLevel).min(2).max(10).nullable().optional(), sort: z.number().int().optional(),
});
export type CriterionCreate = z.infer<typeof CriterionCreate>;
export const Criterion = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(['quantitative', 'qualitative']), weight: z.number(), formula: z.string().nullable(), rubric: z.array(RubricLevel).nullable() });
export type Criterion = z.infer<typeof Criterion>;
export const SchemeVersion = z.object({ id: z.number(), version: z.number(), status: z.enum(['draft', 'published']), publishedAt: z.string().nullable(), weightSum: z.number(), criteria: z.array(Criterion) });
export type SchemeVersion = z.infer<typeof SchemeVersion>;
export const Scheme = z.object({ id: z.number(), orgUnitId: z.number(), planId: z.number(), planName: z.string(), name: z.string(), total: z.number(), versions: z.array(SchemeVersion) });
export type Scheme = z.infer<typeof Scheme>;

export const RoundCreate = z.object({
  orgUnitId: z.number().int().positive(), versionId: z.number().int().positive(), name, kind: z.enum(['annual', 'midterm', 'final']), year,
  /** Who is scored: chosen org units under the round's unit (e.g. the bureau's divisions); omitted = its prefecture-level regions. */
  subjectUnitIds: z.array(z.number().int().positive()).min(2).max(200).optional(),
  /** 重点评估: these subjects are scored on `focusCriterionIds` only (scaled to the full weight); the others in full (全面评估). */
  focusedUnitIds: z.array(z.number().int().positive()).max(200).optional(),
  focusCriterionIds: z.array(z.number().int().positive()).max(100).optional(),
});
export const Round = z.object({ id: z.number(), orgUnitId: z.number(), versionId: z.number(), schemeName: z.string(), version: z.number(), name: z.string(), kind: z.enum(['annual', 'midterm', 'final']), year: z.number(), status: z.enum(['open', 'closed']), subjectUnitIds: z.array(z.number()).nullable(), focusedUnitIds: z.array(z.number()).nullable(), focusCriterionIds: z.array(z.number()).nullable() });
export type Round = z.infer<typeof Round>;
export const ReviewBody = z.object({ criterionId: z.number().int().positive(), subjectUnitId: z.number().int().positive(), level: z.string().trim().min(1).max(20), comment: z.string().trim().max(1000).optional() });
export type ReviewBody = z.infer<typeof ReviewBody>;
/** One reviewer's qualitative score in a round (the evaluation report lists them all). */
export const RoundReview = z.object({ criterionId: z.number(), subjectUnitId: z.number(), reviewerName: z.string(), level: z.string(), score: z.number(), comment: z.string() });
export type RoundReview = z.infer<typeof RoundReview>;
export const RankingRow = z.object({
  rank: z.number(), unitId: z.number(), unitName: z.string(), total: z.number(),
  /** 全面 (every criterion) or 重点 (the round's focus criteria, total scaled to the full weight). */
  mode: z.enum(['full', 'focused']),
  breakdown: z.array(z.object({ criterionId: z.number(), code: z.string(), name: z.string(), kind: z.string(), weight: z.number(), raw: z.number().nullable(), points: z.number(), reviewers: z.number(),
    /** False for a focused subject on a criterion outside the focus: not scored. */
    applies: z.boolean() })),
});
export type RankingRow = z.infer<typeof RankingRow>;
export const Ranking = z.object({ round: Round, criteria: z.array(Criterion), rows: z.array(RankingRow) });
export type Ranking = z.infer<typeof Ranking>;

// Suggestions (征求意见)
export const SuggestionSource = z.enum(['staff', 'grassroots', 'expert', 'public']);
export const SuggestionOutcome = z.enum(['pending', 'adopted', 'partly', 'not_adopted']);
export const DraftCreate = z.object({ planId: z.number().int().positive(), title: name, publicLink: z.boolean().optional() });
export const Draft = z.object({ id: z.number(), planId: z.number(), planName: z.string(), title: z.string(), open: z.boolean(), publicToken: z.string().nullable(), count: z.number() });
export type Draft = z.infer<typeof Draft>;
export const SuggestionCreate = z.object({ source: SuggestionSource.exclude(['public']).optional(), author: z.string().trim().max(50).optional(), content: z.string().trim().min(2).max(2000) });
export const PublicSuggestionCreate = z.object({ author: z.string().trim().max(50).optional(), content: z.string().trim().min(2).max(2000) });
export const SuggestionAnswer = z.object({ outcome: SuggestionOutcome.exclude(['pending']), reason: z.string().trim().min(1).max(2000), itemIds: z.array(z.number().int().positive()).max(50).optional() });
export const Suggestion = z.object({
  id: z.number(), draftId: z.number(), source: SuggestionSource, author: z.string(), content: z.string(), outcome: SuggestionOutcome,
  reason: z.string().nullable(), itemIds: z.array(z.number()), itemTitles: z.array(z.string()), createdAt: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionCounts = z.object({ bySource: z.record(z.string(), z.number()), byOutcome: z.record(z.string(), z.number()), total: z.number() });
export type SuggestionCounts = z.infer<typeof SuggestionCounts>;

// Cockpit (领导驾驶舱)
export const CockpitMetric = z.object({
  key: z.string(), module: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), better: z.enum(['higher', 'lower']),
  /** `value` over the cockpit's period (the year, or the year to date in the current year); `previous` over the same period a year earlier. */
  value: z.number().nullable(), previous: z.number().nullable(), trend: z.array(z.object({ label: z.string(), value: z.number().nullable() })),
  /** The metric answers for single months (its last month in the period has a value): its monthly trend can be shown. */
  monthly: z.boolean(),
  /** Set when the period has no data: `value` and `previous` are then this earlier year's and the year before (shown as "2025年数据"). */
  dataYear: z.number().nullable(),
});
/** One metric month by month over the cockpit's period, with the same month a year earlier (同期). */
export const CockpitMonthly = z.object({
  key: z.string(), unit: z.string(), better: z.enum(['higher', 'lower']),
  points: z.array(z.object({ label: z.string(), value: z.number().nullable(), lastYear: z.number().nullable() })),
});
export type CockpitMonthly = z.infer<typeof CockpitMonthly>;
export type CockpitMetric = z.infer<typeof CockpitMetric>;
export const CockpitAlert = z.object({ kind: z.enum(['red_item', 'deadline', 'metric_worse', 'unbound_metric']), title: z.string(), detail: z.string(), link: z.string().nullable() });
export type CockpitAlert = z.infer<typeof CockpitAlert>;
export const Cockpit = z.object({
  unitId: z.number(), unitName: z.string(), year: z.number(),
  /** The period the figures cover and the same period a year earlier (同期). */
  period: z.object({ from: z.string(), to: z.string(), lastFrom: z.string(), lastTo: z.string() }),
  metrics: z.array(CockpitMetric),
  plans: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string(), score: z.number().nullable(), colour: Colour, counts: z.record(z.string(), z.number()) })),
  alerts: z.array(CockpitAlert),
  ranking: z.array(z.object({ unitName: z.string(), total: z.number() })),
  suggestions: SuggestionCounts,
});
export type Cockpit = z.infer<typeof Cockpit>;
