import { z } from 'zod';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Ok } from '@guanjia/contracts';
import { CriterionCreate, Ranking, ReviewBody, Round, RoundCreate, RoundReview, Scheme, SchemeCreate } from '@guanjia/contracts/plans';
import { audit } from '../../kernel/audit/audit.service';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { conflict, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { assertReadable, planUnit, readableUnits } from './access';
import { criteria, rounds, schemes, schemeVersions } from './evaluation.schema';
import { addCriterion, checkModes, checkSubjects, closeRound, newVersion, publishVersion, ranking, roundOf, saveReview, toCriterion, versionOf } from './evaluation.service';

const tags = ['plans-evaluation'];
const read = { permission: 'plans.read' };
const manage = { permission: 'plans.evaluate' };
const review = { permission: 'plans.review' };

export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  r.get('/api/plans/schemes', { config: read, schema: { tags, response: { 200: z.array(Scheme) } } }, async (req) => {
    const list = await db.select({ id: schemes.id, orgUnitId: schemes.orgUnitId, planId: schemes.planId, name: schemes.name, total: schemes.total, planName: sql<string>`(select name from plan_plans where id = ${schemes.planId})` })
      .from(schemes).where(readableUnits(req.scope, schemes.orgUnitId)).orderBy(asc(schemes.id));
    if (list.length === 0) return [];
    const vs = await db.select().from(schemeVersions).where(inArray(schemeVersions.schemeId, list.map((s) => s.id))).orderBy(asc(schemeVersions.version));
    const cs = vs.length ? await db.select().from(criteria).where(inArray(criteria.versionId, vs.map((v) => v.id))).orderBy(asc(criteria.sort), asc(criteria.id)) : [];
    return list.map((s) => ({
      ...s,
      versions: vs.filter((v) => v.schemeId === s.id).map((v) => {
        const mine = cs.filter((c) => c.versionId === v.id);
        return { id: v.id, version: v.version, status: v.status as 'draft' | 'published', publishedAt: v.publishedAt?.toISOString() ?? null, weightSum: mine.reduce((x, c) => x + c.weight, 0), criteria: mine.map(toCriterion) };
      }),
    }));
  });

  r.post('/api/plans/schemes', { config: manage, schema: { tags, body: SchemeCreate, response: { 200: z.object({ id: z.number(), versionId: z.number() }) } } }, async (req) => {
    await req.scope.assert(db, req.body.orgUnitId);
    await assertReadable(db, req.scope, (await planUnit(db, req.body.planId)).orgUnitId);
    return db.transaction(async (tx) => {
      const [s] = await tx.insert(schemes).values({ ...req.body, total: req.body.total ?? 100 }).returning();
      const [v] = await tx.insert(schemeVersions).values({ schemeId: s!.id, orgUnitId: s!.orgUnitId, version: 1 }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.scheme.create', objectType: 'plan_scheme', objectId: s!.id, after: s });
      return { id: s!.id, versionId: v!.id };
    });
  });

  r.post('/api/plans/schemes/:id/versions', { config: manage, schema: { tags, params: IdParam, response: { 200: z.object({ id: z.number(), version: z.number() }) } } }, async (req) => {
    const [s] = await db.select().from(schemes).where(eq(schemes.id, req.params.id));
    if (!s) throw notFound();
    await req.scope.assert(db, s.orgUnitId);
    return db.transaction(async (tx) => {
      const v = await newVersion(tx, s.id);
      await audit(tx, subjectOf(req), { action: 'plans.scheme.version', objectType: 'plan_scheme', objectId: s.id, after: v });
      return { id: v.id, version: v.version };
    });
  });

  r.post('/api/plans/scheme-versions/:id/criteria', { config: manage, schema: { tags, params: IdParam, body: CriterionCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const v = await versionOf(db, req.params.id);
    await req.scope.assert(db, v.orgUnitId);
    return db.transaction(async (tx) => {
      const c = await addCriterion(tx, req.params.id, req.body);
      await audit(tx, subjectOf(req), { action: 'plans.criterion.create', objectType: 'plan_criterion', objectId: c.id, after: c });
      return { id: c.id };
    });
  });

  r.delete('/api/plans/criteria/:id', { config: manage, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const [c] = await db.select().from(criteria).where(eq(criteria.id, req.params.id));
    if (!c) throw notFound();
    await req.scope.assert(db, c.orgUnitId);
    if ((await versionOf(db, c.versionId)).status !== 'draft') throw conflict('plan_version_published');
    await db.transaction(async (tx) => {
      await tx.delete(criteria).where(eq(criteria.id, c.id));
      await audit(tx, subjectOf(req), { action: 'plans.criterion.delete', objectType: 'plan_criterion', objectId: c.id, before: c });
    });
    return { ok: true as const };
  });

  r.post('/api/plans/scheme-versions/:id/publish', { config: manage, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const v = await versionOf(db, req.params.id);
    await req.scope.assert(db, v.orgUnitId);
    await db.transaction(async (tx) => {
      await publishVersion(tx, req.params.id);
      await audit(tx, subjectOf(req), { action: 'plans.scheme.publish', objectType: 'plan_scheme_version', objectId: req.params.id, after: { version: v.version } });
    });
    return { ok: true as const };
  });

  r.get('/api/plans/rounds', { config: read, schema: { tags, response: { 200: z.array(Round) } } }, async (req) => {
    const rows = await db.execute(sql`select r.id, r.org_unit_id as "orgUnitId", r.version_id as "versionId", s.name as "schemeName", v.version, r.name, r.kind, r.year, r.status, r.subject_unit_ids as "subjectUnitIds",
      r.focused_unit_ids as "focusedUnitIds", r.focus_criterion_ids as "focusCriterionIds"
      from plan_eval_rounds r join plan_scheme_versions v on v.id = r.version_id join plan_schemes s on s.id = v.scheme_id
      where ${readableUnits(req.scope, sql`r.org_unit_id`)} order by r.year desc, r.id desc`);
    return rows.rows as Round[];
  });

  r.post('/api/plans/rounds', { config: manage, schema: { tags, body: RoundCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    await req.scope.assert(db, req.body.orgUnitId);
    const v = await versionOf(db, req.body.versionId);
    if (v.status !== 'published') throw conflict('plan_version_draft');
    const subjectUnitIds = await checkSubjects(db, req.body.orgUnitId, req.body.subjectUnitIds);
    const modes = await checkModes(db, { orgUnitId: req.body.orgUnitId, versionId: req.body.versionId, subjectUnitIds }, req.body.focusedUnitIds, req.body.focusCriterionIds);
    return db.transaction(async (tx) => {
      const [row] = await tx.insert(rounds).values({ ...req.body, subjectUnitIds, ...modes }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.round.create', objectType: 'plan_round', objectId: row!.id, after: row });
      return { id: row!.id };
    });
  });

  const readableRound = async (req: { scope: Parameters<typeof assertReadable>[1] }, id: number) => {
    const round = await roundOf(db, id);
    await assertReadable(db, req.scope, round.orgUnitId);
    return round;
  };

  r.get('/api/plans/rounds/:id/ranking', { config: read, schema: { tags, params: IdParam, response: { 200: Ranking } } }, async (req) => {
    await readableRound(req, req.params.id);
    return ranking(db, req.params.id);
  });

  r.get('/api/plans/rounds/:id/reviews/mine', { config: review, schema: { tags, params: IdParam, response: { 200: z.array(z.object({ criterionId: z.number(), subjectUnitId: z.number(), level: z.string(), comment: z.string() })) } } }, async (req) => {
    await readableRound(req, req.params.id);
    const rows = await db.execute(sql`select criterion_id as "criterionId", org_unit_id as "subjectUnitId", level, comment from plan_eval_reviews where round_id = ${req.params.id} and reviewer_id = ${actorOf(req).userId}`);
    return rows.rows as { criterionId: number; subjectUnitId: number; level: string; comment: string }[];
  });

  // The evaluation report lists every reviewer's qualitative score: who scored whom, at what level, with what comment.
  // Reviewers' names and comments stay with the bureau running the round (a prefecture reads the ranking, not this).
  r.get('/api/plans/rounds/:id/reviews', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(RoundReview) } } }, async (req) => {
    await req.scope.assert(db, (await roundOf(db, req.params.id)).orgUnitId);
    const rows = await db.execute(sql`select v.criterion_id as "criterionId", v.org_unit_id as "subjectUnitId", u.display_name as "reviewerName", v.level, v.score::float8 as score, v.comment
      from plan_eval_reviews v join users u on u.id = v.reviewer_id join plan_criteria c on c.id = v.criterion_id
      where v.round_id = ${req.params.id} order by v.org_unit_id, c.sort, c.id, u.display_name`);
    return rows.rows as RoundReview[];
  });

  r.post('/api/plans/rounds/:id/reviews', { config: review, schema: { tags, params: IdParam, body: ReviewBody, response: { 200: Ok } } }, async (req) => {
    const round = await roundOf(db, req.params.id);
    await req.scope.assert(db, round.orgUnitId);
    await db.transaction(async (tx) => {
      await saveReview(tx, round, req.body, actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'plans.review.save', objectType: 'plan_round', objectId: round.id, after: req.body });
    });
    return { ok: true as const };
  });

  r.post('/api/plans/rounds/:id/close', { config: manage, schema: { tags, params: IdParam, response: { 200: Ranking } } }, async (req) => {
    const round = await roundOf(db, req.params.id);
    await req.scope.assert(db, round.orgUnitId);
    return db.transaction(async (tx) => {
      const res = await closeRound(tx, round.id);
      await audit(tx, subjectOf(req), { action: 'plans.round.close', objectType: 'plan_round', objectId: round.id, after: { totals: res.rows.map((x) => [x.unitName, x.total]) } });
      return res;
    });
  });

  /** 评估报告: the ranking with the breakdown of every score, and the scheme's criteria. */
  r.get('/api/plans/rounds/:id/export', { config: read, schema: { tags, params: IdParam } }, async (req, reply) => {
    await readableRound(req, req.params.id);
    const rk = await ranking(db, req.params.id);
    const en = req.locale === 'en';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(en ? 'Ranking' : '排名');
    ws.addRow([rk.round.name]).font = { bold: true, size: 14 };
    ws.addRow([`${rk.round.schemeName} v${rk.round.version} · ${rk.round.year}`]);
    const head = ws.addRow([en ? 'Rank' : '名次', en ? 'Subject' : '评估对象', en ? 'Evaluation' : '评估方式', en ? 'Total' : '总分', ...rk.criteria.map((c) => `${c.code} ${c.name} (${c.weight})`)]);
    head.font = { bold: true };
    const mode = (m: string) => (m === 'focused' ? (en ? 'Focused' : '重点') : (en ? 'Full' : '全面'));
    for (const row of rk.rows) ws.addRow([row.rank, row.unitName, mode(row.mode), row.total, ...row.breakdown.map((b) => (b.applies ? b.points : '—'))]);
    ws.columns.forEach((c, i) => { c.width = i === 1 ? 18 : 14; });
    const cs = wb.addWorksheet(en ? 'Criteria' : '评分标准');
    cs.addRow([en ? 'Code' : '编号', en ? 'Criterion' : '指标', en ? 'Kind' : '类型', en ? 'Weight' : '权重', en ? 'Formula / rubric' : '公式 / 评分标准']).font = { bold: true };
    for (const c of rk.criteria) cs.addRow([c.code, c.name, c.kind === 'quantitative' ? (en ? 'Quantitative' : '定量') : (en ? 'Qualitative' : '定性'), c.weight, c.formula ?? (c.rubric ?? []).map((l) => `${l.level}=${l.score}`).join('; ')]);
    cs.columns.forEach((c, i) => { c.width = i === 4 ? 60 : 16; });
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await db.transaction((tx) => audit(tx, subjectOf(req), { action: 'plans.round.export', objectType: 'plan_round', objectId: req.params.id }));
    return sendXlsx(reply, data, `${rk.round.name}-${today()}`);
  });
}
