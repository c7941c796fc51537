import { and, asc, eq, sql } from 'drizzle-orm';
import type { CriterionCreate, Criterion, Ranking, RankingRow, ReviewBody, Round } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { criteria, results, reviews, rounds, schemes, schemeVersions } from './evaluation.schema';
import { codesOf, evaluate, FormulaError, parseFormula, type IndicatorFn } from './formula';
import { liveValues, yearRange } from './live';
import { indicatorScore } from './rollup';

const EPS = 1e-9;

export async function planCodes(db: Db | Tx, planId: number): Promise<Set<string>> {
  const r = await db.execute(sql`select code from plan_items where plan_id = ${planId} and kind = 'indicator' and code is not null`);
  return new Set((r.rows as { code: string }[]).map((x) => x.code));
}

/** Parses a formula and checks every indicator it names exists in the scheme's plan. */
export async function checkFormula(db: Db | Tx, planId: number, formula: string): Promise<void> {
  let codes: Set<string>;
  try {
    codes = codesOf(parseFormula(formula));
  } catch (e) {
    if (e instanceof FormulaError) throw invalid('plan_formula_invalid', { at: e.at + 1, detail: e.message }, 'body.formula');
    throw e;
  }
  const known = await planCodes(db, planId);
  const missing = [...codes].filter((c) => !known.has(c));
  if (missing.length) throw invalid('plan_formula_missing', { codes: missing.join(', ') }, 'body.formula');
}

export async function versionOf(db: Db | Tx, versionId: number) {
  const [v] = await db.select({ id: schemeVersions.id, status: schemeVersions.status, schemeId: schemeVersions.schemeId, orgUnitId: schemeVersions.orgUnitId, version: schemeVersions.version, planId: schemes.planId, total: schemes.total, name: schemes.name })
    .from(schemeVersions).innerJoin(schemes, eq(schemes.id, schemeVersions.schemeId)).where(eq(schemeVersions.id, versionId));
  if (!v) throw notFound();
  return v;
}

export async function addCriterion(tx: Tx, versionId: number, b: CriterionCreate) {
  const v = await versionOf(tx, versionId);
  if (v.status !== 'draft') throw conflict('plan_version_published');
  if ((b.kind === 'quantitative' && !b.formula) || (b.kind === 'qualitative' && !b.rubric)) throw invalid('plan_criterion_fields', {}, 'body');
  if (b.kind === 'quantitative') await checkFormula(tx, v.planId, b.formula!);
  const [row] = await tx.insert(criteria).values({
    versionId, orgUnitId: v.orgUnitId, code: b.code, name: b.name, kind: b.kind, weight: b.weight, sort: b.sort ?? 0,
    formula: b.kind === 'quantitative' ? b.formula! : null, rubric: b.kind === 'qualitative' ? b.rubric! : null,
  }).returning();
  return row!;
}

/** Publishing freezes the weights; they must sum to the scheme's total (e.g. 100). */
export async function publishVersion(tx: Tx, versionId: number) {
  const v = await versionOf(tx, versionId);
  if (v.status !== 'draft') throw conflict('plan_version_published');
  const r = await tx.execute(sql`select coalesce(sum(weight), 0)::float8 as s from plan_criteria where version_id = ${versionId}`);
  const sum = (r.rows[0] as { s: number }).s;
  if (Math.abs(sum - v.total) > EPS) throw invalid('plan_weights_sum', { sum: Number(sum.toFixed(4)), total: v.total }, 'body');
  await tx.update(schemeVersions).set({ status: 'published', publishedAt: new Date() }).where(eq(schemeVersions.id, versionId));
  return { ...v, status: 'published' };
}

/** A new draft version, starting from the latest one's criteria. */
export async function newVersion(tx: Tx, schemeId: number) {
  const [last] = await tx.select().from(schemeVersions).where(eq(schemeVersions.schemeId, schemeId)).orderBy(sql`${schemeVersions.version} desc`).limit(1);
  if (!last) throw notFound();
  const [v] = await tx.insert(schemeVersions).values({ schemeId, orgUnitId: last.orgUnitId, version: last.version + 1 }).returning();
  await tx.execute(sql`insert into plan_criteria (version_id, org_unit_id, code, name, kind, weight, formula, rubric, sort)
    select ${v!.id}, org_unit_id, code, name, kind, weight, formula, rubric, sort from plan_criteria where version_id = ${last.id}`);
  return v!;
}

export const toCriterion = (c: typeof criteria.$inferSelect): Criterion => ({ id: c.id, code: c.code, name: c.name, kind: c.kind as Criterion['kind'], weight: c.weight, formula: c.formula, rubric: c.rubric ?? null });

export async function roundOf(db: Db | Tx, id: number): Promise<Round & { planId: number }> {
  const r = await db.execute(sql`select r.id, r.org_unit_id as "orgUnitId", r.version_id as "versionId", s.name as "schemeName", v.version, r.name, r.kind, r.year, r.status, r.subject_unit_ids as "subjectUnitIds",
      r.focused_unit_ids as "focusedUnitIds", r.focus_criterion_ids as "focusCriterionIds", s.plan_id as "planId"
    from plan_eval_rounds r join plan_scheme_versions v on v.id = r.version_id join plan_schemes s on s.id = v.scheme_id where r.id = ${id}`);
  const row = r.rows[0] as (Round & { planId: number }) | undefined;
  if (!row) throw notFound();
  return row;
}

/**
 * Who a round scores: its chosen units (e.g. the province bureau's divisions), else the
 * prefecture-level regions under the round's unit (the 13 prefectures).
 */
export async function subjectsOf(db: Db | Tx, round: { orgUnitId: number; subjectUnitIds: number[] | null }): Promise<{ id: number; name: string }[]> {
  const chosen = round.subjectUnitIds?.length ? round.subjectUnitIds : null;
  const r = await db.execute(chosen
    ? sql`select s.id, s.name from org_units s where s.id in (${sql.join(chosen.map((x) => sql`${x}`), sql`, `)}) order by s.path, s.sort, s.id`
    : sql`select s.id, s.name from org_units s, org_units u where u.id = ${round.orgUnitId}
      and s.kind = 'region' and s.region_level = 'prefecture' and s.path like u.path || '%' order by s.sort, s.id`);
  return r.rows as { id: number; name: string }[];
}

/** Chosen subjects must be distinct units under the round's unit (not the unit itself). */
export async function checkSubjects(db: Db | Tx, orgUnitId: number, ids: number[] | undefined): Promise<number[] | null> {
  if (!ids) return null;
  const uniq = [...new Set(ids)];
  const n = (await db.execute(sql`select count(*)::int as n from org_units s, org_units u where u.id = ${orgUnitId} and s.id <> u.id and s.path like u.path || '%'
    and s.id in (${sql.join(uniq.map((x) => sql`${x}`), sql`, `)})`)).rows[0] as { n: number };
  if (n.n !== uniq.length || uniq.length < 2) throw invalid('plan_round_subjects', {}, 'body.subjectUnitIds');
  return uniq;
}

/** Focused subjects must be subjects of the round; focus criteria criteria of its scheme version, at least one when anyone is focused. */
export async function checkModes(db: Db | Tx, round: { orgUnitId: number; versionId: number; subjectUnitIds: number[] | null }, focused: number[] | undefined, focus: number[] | undefined) {
  const f = [...new Set(focused ?? [])];
  const c = [...new Set(focus ?? [])];
  if (f.length === 0) return { focusedUnitIds: null, focusCriterionIds: c.length ? c : null };
  const subjects = new Set((await subjectsOf(db, round)).map((s) => s.id));
  if (f.some((x) => !subjects.has(x))) throw invalid('plan_round_focused', {}, 'body.focusedUnitIds');
  const crit = new Set((await db.select({ id: criteria.id }).from(criteria).where(eq(criteria.versionId, round.versionId))).map((x) => x.id));
  if (c.length === 0 || c.some((x) => !crit.has(x))) throw invalid('plan_round_focus', {}, 'body.focusCriterionIds');
  return { focusedUnitIds: f, focusCriterionIds: c };
}

/** Whether a criterion is scored for a subject: always in full evaluation, only the focus criteria in focused evaluation. */
const applies = (round: { focusedUnitIds: number[] | null; focusCriterionIds: number[] | null }, unitId: number, criterionId: number) =>
  !round.focusedUnitIds?.includes(unitId) || (round.focusCriterionIds ?? []).includes(criterionId);

export async function saveReview(tx: Tx, round: Round, b: ReviewBody, reviewerId: number) {
  if (round.status !== 'open') throw conflict('plan_round_closed');
  const [c] = await tx.select().from(criteria).where(and(eq(criteria.id, b.criterionId), eq(criteria.versionId, round.versionId)));
  if (!c || c.kind !== 'qualitative') throw notFound();
  const level = c.rubric!.find((l) => l.level === b.level);
  if (!level) throw invalid('plan_rubric_level', { level: b.level }, 'body.level');
  const subjects = await subjectsOf(tx, round);
  if (!subjects.some((s) => s.id === b.subjectUnitId)) throw invalid('plan_not_subject', { unit: b.subjectUnitId }, 'body.subjectUnitId');
  if (!applies(round, b.subjectUnitId, c.id)) throw invalid('plan_not_focus', { criterion: c.name }, 'body.criterionId');
  await tx.insert(reviews).values({ roundId: round.id, criterionId: c.id, orgUnitId: b.subjectUnitId, reviewerId, level: level.level, score: level.score, comment: b.comment ?? '' })
    .onConflictDoUpdate({ target: [reviews.roundId, reviews.criterionId, reviews.orgUnitId, reviews.reviewerId], set: { level: level.level, score: level.score, comment: b.comment ?? '', createdAt: new Date() } });
}

interface IndRow { code: string; target: number | null; baseline: number | null; direction: string | null; metric_key: string | null; ref_id: number }

/**
 * Indicator values of one prefecture for the formulas: its own indicator aligned to the scheme
 * plan's indicator (latest reported or live value; its own target if it set one), else the scheme
 * plan's indicator measured live on the prefecture when bound to a metric.
 */
async function lookupFor(db: Db | Tx, planId: number, subjectId: number, year: number) {
  const ref = (await db.execute(sql`select id as ref_id, code, target_value::float8 as target, baseline_value::float8 as baseline, direction, metric_key
    from plan_items where plan_id = ${planId} and kind = 'indicator' and code is not null`)).rows as unknown as IndRow[];
  const local = (await db.execute(sql`select a.upper_item_id as ref_id, i.target_value::float8 as target, i.baseline_value::float8 as baseline, i.metric_key, i.org_unit_id,
      (select r.value::float8 from plan_progress_reports r join plan_report_periods p on p.id = r.period_id where r.item_id = i.id and r.value is not null
        and extract(year from p.ends) <= ${year} order by p.ends desc, r.id desc limit 1) as reported
    from plan_alignments a join plan_items i on i.id = a.item_id join org_units u on u.id = i.org_unit_id
    where i.kind = 'indicator' and u.path like (select path from org_units where id = ${subjectId}) || '%'`)).rows as { ref_id: number; target: number | null; baseline: number | null; metric_key: string | null; org_unit_id: number; reported: number | null }[];
  const { from, to } = yearRange(year);
  const values = new Map<string, { actual: number | null; target: number | null; baseline: number | null; direction: string | null }>();
  // Every bound indicator's live value in one batch through the metric cache.
  const bound = ref.map((r) => {
    const l = local.find((x) => x.ref_id === r.ref_id);
    const key = l?.metric_key ?? r.metric_key;
    return key ? { key, unitId: l?.org_unit_id ?? subjectId, from, to } : null;
  });
  const live = await liveValues(db, bound.filter((b) => b !== null));
  let n = 0;
  const liveOf = bound.map((b) => (b ? live[n++]!.value : null));
  for (const [j, r] of ref.entries()) {
    const l = local.find((x) => x.ref_id === r.ref_id);
    let actual: number | null = liveOf[j]!;
    if (actual === null && l) actual = l.reported;
    values.set(r.code, { actual, target: l?.target ?? r.target, baseline: l?.baseline ?? r.baseline, direction: r.direction });
  }
  return (fn: IndicatorFn, code: string): number | null => {
    const v = values.get(code);
    if (!v) return null;
    if (fn === 'actual') return v.actual;
    if (fn === 'target') return v.target;
    if (fn === 'baseline') return v.baseline;
    return indicatorScore({ baselineValue: v.baseline, targetValue: v.target, direction: v.direction }, v.actual);
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The ranking with the per-criterion breakdown: frozen results for a closed round, computed for an open one. */
export async function ranking(db: Db | Tx, roundId: number): Promise<Ranking> {
  const round = await roundOf(db, roundId);
  const crit = await db.select().from(criteria).where(eq(criteria.versionId, round.versionId)).orderBy(asc(criteria.sort), asc(criteria.id));
  const subjects = await subjectsOf(db, round);
  const cells = new Map<string, { raw: number | null; points: number; reviewers: number }>();
  const k = (u: number, c: number) => `${u}:${c}`;
  const revs = (await db.execute(sql`select org_unit_id as u, criterion_id as c, avg(score)::float8 as avg, count(*)::int as n from plan_eval_reviews where round_id = ${roundId} group by 1, 2`)).rows as { u: number; c: number; avg: number; n: number }[];
  if (round.status === 'closed') {
    const res = await db.select().from(results).where(eq(results.roundId, roundId));
    for (const r of res) cells.set(k(r.orgUnitId, r.criterionId), { raw: r.raw, points: r.points, reviewers: revs.find((x) => x.u === r.orgUnitId && x.c === r.criterionId)?.n ?? 0 });
  } else {
    for (const s of subjects) {
      const lookup = crit.some((c) => c.kind === 'quantitative') ? await lookupFor(db, round.planId, s.id, round.year) : undefined;
      for (const c of crit) {
        if (!applies(round, s.id, c.id)) continue;
        let raw: number | null, reviewers = 0;
        if (c.kind === 'quantitative') {
          const v = evaluate(parseFormula(c.formula!), lookup!);
          raw = v === null ? null : Math.min(100, Math.max(0, v));
        } else {
          const rv = revs.find((x) => x.u === s.id && x.c === c.id);
          raw = rv ? rv.avg : null;
          reviewers = rv?.n ?? 0;
        }
        cells.set(k(s.id, c.id), { raw: raw === null ? null : round2(raw), points: raw === null ? 0 : round2((c.weight * raw) / 100), reviewers });
      }
    }
  }
  const fullWeight = crit.reduce((x, c) => x + c.weight, 0);
  const rows: RankingRow[] = subjects.map((s) => {
    const breakdown = crit.map((c) => ({ criterionId: c.id, code: c.code, name: c.name, kind: c.kind, weight: c.weight, ...(cells.get(k(s.id, c.id)) ?? { raw: null, points: 0, reviewers: 0 }), applies: applies(round, s.id, c.id) }));
    const focused = Boolean(round.focusedUnitIds?.includes(s.id));
    const points = breakdown.reduce((x, b) => x + b.points, 0);
    // A focused subject's points over its focus criteria, scaled to the scheme's full weight so it ranks with the others.
    const weight = breakdown.filter((b) => b.applies).reduce((x, b) => x + b.weight, 0);
    const total = focused ? (weight > 0 ? (points * fullWeight) / weight : 0) : points;
    return { rank: 0, unitId: s.id, unitName: s.name, total: round2(total), mode: focused ? 'focused' as const : 'full' as const, breakdown };
  }).sort((a, b) => b.total - a.total || a.unitId - b.unitId);
  rows.forEach((r, i) => { r.rank = i > 0 && rows[i - 1]!.total === r.total ? rows[i - 1]!.rank : i + 1; });
  const { planId: _p, ...roundDto } = round;
  return { round: roundDto, criteria: crit.map(toCriterion), rows };
}

/** Closing freezes the results: later data changes do not rewrite a finished evaluation. */
export async function closeRound(tx: Tx, roundId: number): Promise<Ranking> {
  const r = await ranking(tx, roundId);
  if (r.round.status !== 'open') throw conflict('plan_round_closed');
  const values = r.rows.flatMap((row) => row.breakdown.map((b) => ({ roundId, criterionId: b.criterionId, orgUnitId: row.unitId, raw: b.raw, points: b.points })));
  if (values.length) await tx.insert(results).values(values);
  await tx.update(rounds).set({ status: 'closed', closedAt: new Date() }).where(eq(rounds.id, roundId));
  return { ...r, round: { ...r.round, status: 'closed' } };
}
