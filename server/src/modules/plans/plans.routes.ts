import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, ImportResult, Ok } from '@guanjia/contracts';
import { AlignBody, AlignmentMatrix, ItemDetail, MilestoneDone, Period, PeriodCreate, ItemOption, Plan, PlanCreate, PlanItemCreate, PlanOption, PlanItemUpdate, PlanLevel, PlanTree, ReportCreate, TimelineEntry } from '@guanjia/contracts/plans';
import { audit } from '../../kernel/audit/audit.service';
import { submitApproval } from '../../kernel/approvals/approvals.service';
import { registerWorkflow } from '../../kernel/approvals/workflows';
import { buildExport, buildTemplate } from '../../kernel/excel/excel';
import { readUpload } from '../../kernel/files/upload';
import { importStructure, structureRows, structureSheet } from './structure';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { conflict, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { notify } from '../../kernel/notifications/notifications.service';
import { assertReadable, itemPlan, planUnit, readableUnits } from './access';
import { itemSheet } from './sheets';
import { milestones, planItems, plans, reportPeriods } from './plans.schema';
import { alignmentMatrix, insertItem, insertPlan, itemDetail, setAlignment, setAlignmentStatus, updateItem } from './plans.service';
import { insertReport, timeline } from './progress.service';
import { scorePlans } from './tree';

const tags = ['plans'];
const read = { permission: 'plans.read' };
const write = { permission: 'plans.write' };
const report = { permission: 'plans.report' };
const YearQuery = z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() });
const thisYear = () => Number(today().slice(0, 4));

/** 衔接审查: the lower plan's alignment is reviewed by the bureau of the region above. */
const decided = (status: string) => async (tx: Parameters<NonNullable<Parameters<typeof registerWorkflow>[0]['onApproved']>>[0], req: { objectId: string; applicantId: number; title: string }) => {
  await setAlignmentStatus(tx, Number(req.objectId), status);
  await notify(tx, [req.applicantId], 'notify.plans.alignment', { plan: req.title, result: `@plans.alignment.${status}` }, `/plans/matrix?plan=${req.objectId}`);
};
registerWorkflow({
  type: 'plans.alignment', nameZh: '规划衔接审查', nameEn: 'Plan alignment review', objectType: 'plan',
  steps: [{ nameZh: '上级机关事务局审查', nameEn: 'Review by the bureau above', role: 'bureau_staff', target: 'region_above' }],
  onApproved: decided('approved'), onRejected: decided('rejected'), onReturned: decided('returned'),
});

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  const listPlans = async (scope: Parameters<typeof readableUnits>[0], q: { level?: string | undefined; q?: string | undefined }, year: number) => {
    const rows = (await db.execute(sql`select p.id, p.org_unit_id as "orgUnitId", u.name as "unitName", p.name, p.level, p.kind, p.start_year as "startYear", p.end_year as "endYear",
        p.parent_plan_id as "parentPlanId", pp.name as "parentPlanName", p.status, p.alignment_status as "alignmentStatus", p.green_at::float8 as "greenAt", p.amber_at::float8 as "amberAt",
        (select count(*)::int from plan_items i where i.plan_id = p.id) as items
      from plan_plans p join org_units u on u.id = p.org_unit_id left join plan_plans pp on pp.id = p.parent_plan_id
      where ${readableUnits(scope, sql`p.org_unit_id`)} ${q.level ? sql`and p.level = ${q.level}` : sql``} ${q.q ? sql`and p.name like ${`%${q.q}%`}` : sql``}
      order by case p.level when 'national' then 0 when 'provincial' then 1 when 'prefecture' then 2 else 3 end, u.path, p.id`)).rows as Omit<Plan, 'score' | 'colour'>[];
    const scored = await scorePlans(db, rows.map((p) => p.id), year);
    return rows.map((p) => ({ ...p, score: scored.get(p.id)!.score, colour: scored.get(p.id)!.colour }));
  };

  r.get('/api/plans', { config: read, schema: { tags, querystring: YearQuery.extend({ level: PlanLevel.optional(), q: z.string().trim().max(50).optional() }), response: { 200: z.array(Plan) } } },
    (req) => listPlans(req.scope, req.query, req.query.year ?? thisYear()));

  // Plan pickers (a draft's plan, the matrix, a scheme's reference plan) need names, not live figures.
  r.get('/api/plans/options', { config: read, schema: { tags, response: { 200: z.array(PlanOption) } } }, async (req) =>
    (await db.execute(sql`select p.id, p.name, p.level, u.name as "unitName", p.parent_plan_id as "parentPlanId"
      from plan_plans p join org_units u on u.id = p.org_unit_id where ${readableUnits(req.scope, sql`p.org_unit_id`)}
      order by case p.level when 'national' then 0 when 'provincial' then 1 when 'prefecture' then 2 else 3 end, u.path, p.id`)).rows as PlanOption[]);

  r.post('/api/plans', { config: write, schema: { tags, body: PlanCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    await req.scope.assert(db, req.body.orgUnitId);
    return db.transaction(async (tx) => {
      const row = await insertPlan(tx, req.body);
      await audit(tx, subjectOf(req), { action: 'plans.plan.create', objectType: 'plan', objectId: row.id, after: row });
      return { id: row.id };
    });
  });

  r.get('/api/plans/:id', { config: read, schema: { tags, params: IdParam, querystring: YearQuery, response: { 200: PlanTree } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    const year = req.query.year ?? thisYear();
    const [plan] = await listPlansById(req.params.id);
    const scored = (await scorePlans(db, [req.params.id], year)).get(req.params.id)!;
    return { plan: { ...plan!, score: scored.score, colour: scored.colour }, items: scored.items };
  });
  const listPlansById = async (id: number) => (await db.execute(sql`select p.id, p.org_unit_id as "orgUnitId", u.name as "unitName", p.name, p.level, p.kind, p.start_year as "startYear", p.end_year as "endYear",
      p.parent_plan_id as "parentPlanId", pp.name as "parentPlanName", p.status, p.alignment_status as "alignmentStatus", p.green_at::float8 as "greenAt", p.amber_at::float8 as "amberAt",
      (select count(*)::int from plan_items i where i.plan_id = p.id) as items
    from plan_plans p join org_units u on u.id = p.org_unit_id left join plan_plans pp on pp.id = p.parent_plan_id where p.id = ${id}`)).rows as Omit<Plan, 'score' | 'colour'>[];

  r.get('/api/plans/:id/export', { config: read, schema: { tags, params: IdParam, querystring: YearQuery } }, async (req, reply) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    const items = (await scorePlans(db, [req.params.id], req.query.year ?? thisYear())).get(req.params.id)!.items;
    const data = await buildExport(itemSheet, items.map((i) => ({ ...i, share: Math.round(i.share * 1000) / 10, score: i.score === null ? null : Math.round(i.score * 1000) / 10 })), req.locale);
    await db.transaction((tx) => audit(tx, subjectOf(req), { action: 'plans.plan.export', objectType: 'plan', objectId: req.params.id, after: { rows: items.length } }));
    return sendXlsx(reply, data, `${p.name}-${today()}`);
  });

  // Structure (规划结构) in Excel: the template, an all-or-nothing import into a plan, the export in the same layout.
  r.get('/api/plans/structure-template', { config: read, schema: { tags } }, async (req, reply) =>
    sendXlsx(reply, await buildTemplate(structureSheet, req.locale), req.locale === 'en' ? 'plan-structure-template' : '规划结构导入模板'));

  r.get('/api/plans/:id/structure-export', { config: read, schema: { tags, params: IdParam } }, async (req, reply) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    const rows = await structureRows(db, req.params.id, p.path);
    const data = await buildExport(structureSheet, rows, req.locale);
    await db.transaction((tx) => audit(tx, subjectOf(req), { action: 'plans.plan.structure_export', objectType: 'plan', objectId: req.params.id, after: { rows: rows.length } }));
    return sendXlsx(reply, data, `${p.name}-${req.locale === 'en' ? 'structure' : '结构'}-${today()}`);
  });

  r.post('/api/plans/:id/structure-import', { config: write, schema: { tags, params: IdParam, response: { 200: ImportResult } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await req.scope.assert(db, p.orgUnitId);
    const file = await readUpload(req);
    const imported = await importStructure(db, req.params.id, p, file.data, req.locale, (tx, created) =>
      audit(tx, subjectOf(req), { action: 'plans.plan.structure_import', objectType: 'plan', objectId: req.params.id, after: { file: file.name, created } }));
    return { imported };
  });

  r.post('/api/plans/:id/publish', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await req.scope.assert(db, p.orgUnitId);
    await db.transaction(async (tx) => {
      await tx.update(plans).set({ status: 'published' }).where(eq(plans.id, req.params.id));
      await audit(tx, subjectOf(req), { action: 'plans.plan.publish', objectType: 'plan', objectId: req.params.id });
    });
    return { ok: true as const };
  });

  r.post('/api/plans/:id/items', { config: write, schema: { tags, params: IdParam, body: PlanItemCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await req.scope.assert(db, p.orgUnitId);
    return db.transaction(async (tx) => {
      const row = await insertItem(tx, req.params.id, p.orgUnitId, req.body);
      await audit(tx, subjectOf(req), { action: 'plans.item.create', objectType: 'plan_item', objectId: row.id, after: row });
      return { id: row.id };
    });
  });

  r.patch('/api/plans/items/:id', { config: write, schema: { tags, params: IdParam, body: PlanItemUpdate, response: { 200: Ok } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await req.scope.assert(db, it.orgUnitId);
    await db.transaction(async (tx) => {
      const { before, after } = await updateItem(tx, req.params.id, req.body);
      await audit(tx, subjectOf(req), { action: 'plans.item.update', objectType: 'plan_item', objectId: req.params.id, before, after });
    });
    return { ok: true as const };
  });

  r.delete('/api/plans/items/:id', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await req.scope.assert(db, it.orgUnitId);
    await db.transaction(async (tx) => {
      const [before] = await tx.delete(planItems).where(eq(planItems.id, req.params.id)).returning();
      await audit(tx, subjectOf(req), { action: 'plans.item.delete', objectType: 'plan_item', objectId: req.params.id, before });
    });
    return { ok: true as const };
  });

  r.put('/api/plans/items/:id/alignment', { config: write, schema: { tags, params: IdParam, body: AlignBody, response: { 200: Ok } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await req.scope.assert(db, it.orgUnitId);
    for (const u of req.body.upperItemIds) await assertReadable(db, req.scope, (await itemPlan(db, u)).orgUnitId);
    await db.transaction(async (tx) => {
      const before = (await tx.execute(sql`select upper_item_id from plan_alignments where item_id = ${req.params.id} order by 1`)).rows;
      await setAlignment(tx, req.params.id, it.orgUnitId, req.body.upperItemIds);
      await audit(tx, subjectOf(req), { action: 'plans.item.align', objectType: 'plan_item', objectId: req.params.id, before, after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/plans/:id/matrix', { config: read, schema: { tags, params: IdParam, response: { 200: AlignmentMatrix } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    return alignmentMatrix(db, req.params.id, (col) => req.scope.where(col));
  });

  r.post('/api/plans/:id/alignment-review', { config: write, schema: { tags, params: IdParam, response: { 200: z.object({ approvalId: z.number() }) } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await req.scope.assert(db, p.orgUnitId);
    const actor = actorOf(req);
    return db.transaction(async (tx) => {
      const [cur] = await tx.select({ s: plans.alignmentStatus }).from(plans).where(eq(plans.id, req.params.id)).for('update');
      if (cur!.s === 'pending') throw conflict();
      await setAlignmentStatus(tx, req.params.id, 'pending');
      const approvalId = await submitApproval(tx, { ...subjectOf(req), userId: actor.userId, orgUnitId: actor.orgUnitId }, { workflow: 'plans.alignment', objectId: req.params.id, title: p.name });
      return { approvalId };
    });
  });

  // Progress (进度): periods, reports with evidence, timeline.
  r.get('/api/plans/:id/periods', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(Period) } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    return (await db.select().from(reportPeriods).where(eq(reportPeriods.planId, req.params.id)).orderBy(reportPeriods.starts)).map(({ orgUnitId: _, ...x }) => x);
  });

  r.post('/api/plans/:id/periods', { config: write, schema: { tags, params: IdParam, body: PeriodCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await req.scope.assert(db, p.orgUnitId);
    return db.transaction(async (tx) => {
      const [row] = await tx.insert(reportPeriods).values({ ...req.body, planId: req.params.id, orgUnitId: p.orgUnitId }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.period.create', objectType: 'plan_period', objectId: row!.id, after: row });
      return { id: row!.id };
    });
  });

  r.post('/api/plans/periods/:id/close', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const [per] = await db.select().from(reportPeriods).where(eq(reportPeriods.id, req.params.id));
    if (!per) throw notFound();
    await req.scope.assert(db, per.orgUnitId);
    await db.transaction(async (tx) => {
      await tx.update(reportPeriods).set({ closed: true }).where(eq(reportPeriods.id, per.id));
      await audit(tx, subjectOf(req), { action: 'plans.period.close', objectType: 'plan_period', objectId: per.id, before: { closed: per.closed }, after: { closed: true } });
    });
    return { ok: true as const };
  });

  r.post('/api/plans/items/:id/reports', { config: report, schema: { tags, params: IdParam, body: ReportCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await req.scope.assert(db, it.orgUnitId);
    return db.transaction(async (tx) => {
      const row = await insertReport(tx, { id: req.params.id, kind: it.kind, orgUnitId: it.orgUnitId, planId: it.planId }, req.body, actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'plans.report.create', objectType: 'plan_report', objectId: row.id, after: row });
      return { id: row.id };
    });
  });

  // An item picker (a suggestion's changed items): titles, not live figures.
  r.get('/api/plans/:id/item-options', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(ItemOption) } } }, async (req) => {
    const p = await planUnit(db, req.params.id);
    await assertReadable(db, req.scope, p.orgUnitId);
    return (await db.execute(sql`select id, kind, code, title from plan_items where plan_id = ${req.params.id} order by sort, id`)).rows as ItemOption[];
  });

  r.get('/api/plans/items/:id/detail', { config: read, schema: { tags, params: IdParam, response: { 200: ItemDetail } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await assertReadable(db, req.scope, it.orgUnitId);
    return itemDetail(db, req.params.id);
  });

  /** A milestone reached (里程碑完成): dated today in Shanghai unless given; it shows in the item's timeline. */
  r.post('/api/plans/milestones/:id/done', { config: report, schema: { tags, params: IdParam, body: MilestoneDone, response: { 200: Ok } } }, async (req) => {
    const [m] = await db.select().from(milestones).where(eq(milestones.id, req.params.id));
    if (!m) throw notFound();
    await req.scope.assert(db, m.orgUnitId);
    const doneOn = req.body.doneOn ?? today();
    await db.transaction(async (tx) => {
      await tx.update(milestones).set({ doneOn }).where(eq(milestones.id, m.id));
      await audit(tx, subjectOf(req), { action: 'plans.milestone.done', objectType: 'plan_milestone', objectId: m.id, before: { doneOn: m.doneOn }, after: { doneOn } });
    });
    return { ok: true as const };
  });

  r.get('/api/plans/items/:id/timeline', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(TimelineEntry) } } }, async (req) => {
    const it = await itemPlan(db, req.params.id);
    await assertReadable(db, req.scope, it.orgUnitId);
    return timeline(db, req.params.id);
  });
}
