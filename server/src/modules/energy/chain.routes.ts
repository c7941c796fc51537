import { z } from 'zod';
import { asc, desc, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '@guanjia/contracts';
import { CascadeInput, Period, PeriodInput, Progress, ProgressQuery, ReportDecision, ReportQuery, ReportRow, ReportSubmit, Target, TargetInput } from '@guanjia/contracts/energy';
import { audit } from '../../kernel/audit/audit.service';
import { forbidden, fromDbError, invalid } from '../../kernel/http/errors';
import { today } from '../../kernel/excel/reply';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { energyPeriods } from './energy.schema';
import { decideReport, getPeriod, listReports, periodDates, sendReminders, submitReport, unitRow } from './reports.service';
import { cascade, cascadeChildren, getTarget, listTargets, progress, setTarget } from './targets.service';

const tags = ['energy'];
const read = { permission: 'energy.read' };
const fill = { permission: 'energy.fill' };
const review = { permission: 'energy.review' };
const manage = { permission: 'energy.manage' };
const targetsPerm = { permission: 'energy.targets' };

const toPeriod = (p: typeof energyPeriods.$inferSelect): Period => ({ id: p.id, kind: p.kind, year: p.year, seq: p.seq, startsOn: p.startsOn, endsOn: p.endsOn, dueOn: p.dueOn });

export async function chainRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- Periods and deadlines -------------------------------------------------------------------
  r.get('/api/energy/periods', { config: read, schema: { tags, response: { 200: z.array(Period) } } }, async () =>
    (await app.db.select().from(energyPeriods).orderBy(desc(energyPeriods.year), asc(energyPeriods.kind), asc(energyPeriods.seq))).map(toPeriod));

  r.post('/api/energy/periods', { config: manage, schema: { tags, body: PeriodInput, response: { 200: Period } } }, async (req) => {
    if (!req.scope.coversRoot) throw forbidden();
    const d = periodDates(req.body.kind, req.body.year, req.body.kind === 'annual' ? 1 : req.body.seq);
    const dueOn = req.body.dueOn ?? d.dueOn;
    if (dueOn <= d.endsOn) throw invalid('energy_due_before_end', {}, 'body.dueOn');
    try {
      return await app.db.transaction(async (tx) => {
        const [row] = await tx.insert(energyPeriods).values({ kind: req.body.kind, year: req.body.year, seq: req.body.kind === 'annual' ? 1 : req.body.seq, ...d, dueOn }).returning();
        await audit(tx, subjectOf(req), { action: 'energy.period.create', objectType: 'energy_period', objectId: row!.id, after: row });
        return toPeriod(row!);
      });
    } catch (e) {
      throw fromDbError(e, { energy_periods_uq: 'energy_period_exists' }) ?? e;
    }
  });

  r.post('/api/energy/periods/:id/remind', { config: review, schema: { tags, params: IdParam, response: { 200: z.object({ reminded: z.number().int() }) } } }, async (req) => {
    await getPeriod(app.db, req.params.id);
    return app.db.transaction(async (tx) => {
      const reminded = await sendReminders(tx, today(), req.params.id, req.scope.where(sql`i.org_unit_id`));
      await audit(tx, subjectOf(req), { action: 'energy.period.remind', objectType: 'energy_period', objectId: req.params.id, after: { reminded } });
      return { reminded };
    });
  });

  // ---- Reports ---------------------------------------------------------------------------------
  r.get('/api/energy/reports', { config: read, schema: { tags, querystring: ReportQuery, response: { 200: z.array(ReportRow) } } }, async (req) => {
    await req.scope.assert(app.db, req.query.unitId);
    const period = await getPeriod(app.db, req.query.periodId);
    return listReports(app.db, period, await unitRow(app.db, req.query.unitId), req.query.status);
  });

  async function submit(req: FastifyRequest, body: z.infer<typeof ReportSubmit>, kind: 'institution' | 'region') {
    await req.scope.assert(app.db, body.orgUnitId);
    const period = await getPeriod(app.db, body.periodId);
    const unit = await unitRow(app.db, body.orgUnitId);
    if ((kind === 'region') !== (unit.kind === 'region')) throw invalid('energy_not_institution');
    const actor = actorOf(req);
    const row = await app.db.transaction(async (tx) => {
      const res = await submitReport(tx, period, unit, actor.userId);
      await audit(tx, subjectOf(req), { action: kind === 'region' ? 'energy.report.rollup' : 'energy.report.submit', objectType: 'energy_report', objectId: res.row.id, before: res.before, after: res.row });
      return res.row;
    });
    return (await listReports(app.db, period, unit)).find((x) => x.orgUnitId === row.orgUnitId)!;
  }
  r.post('/api/energy/reports/submit', { config: fill, schema: { tags, body: ReportSubmit, response: { 200: ReportRow } } }, (req) => submit(req, req.body, 'institution'));
  r.post('/api/energy/reports/rollup', { config: review, schema: { tags, body: ReportSubmit, response: { 200: ReportRow } } }, (req) => submit(req, req.body, 'region'));

  for (const decision of ['accept', 'return'] as const) {
    r.post(`/api/energy/reports/:id/${decision}`, { config: review, schema: { tags, params: IdParam, body: ReportDecision, response: { 200: z.object({ status: z.string(), version: z.number().int() }) } } }, async (req) => {
      const actor = actorOf(req);
      const res = await app.db.transaction(async (tx) => {
        const out = await decideReport(tx, req.params.id, decision, req.body.version, req.body.reason, actor.userId, (regionId) => req.scope.contains(tx, regionId));
        await audit(tx, subjectOf(req), { action: `energy.report.${decision}`, objectType: 'energy_report', objectId: req.params.id, before: out.before, after: out.row });
        return out.row;
      });
      return { status: res.status, version: res.version };
    });
  }

  // ---- Targets ---------------------------------------------------------------------------------
  r.get('/api/energy/targets', { config: read, schema: { tags, querystring: z.object({ unitId: z.coerce.number().int().positive() }), response: { 200: z.array(Target) } } }, async (req) => {
    await req.scope.assert(app.db, req.query.unitId);
    return listTargets(app.db, (await unitRow(app.db, req.query.unitId)).path);
  });

  r.put('/api/energy/targets', { config: targetsPerm, schema: { tags, body: TargetInput, response: { 200: Target } } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    const id = await app.db.transaction(async (tx) => {
      const row = await setTarget(tx, req.body, actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'energy.target.set', objectType: 'energy_target', objectId: row.id, after: row });
      return row.id;
    });
    return getTarget(app.db, id);
  });

  r.post('/api/energy/targets/cascade', { config: targetsPerm, schema: { tags, body: CascadeInput, response: { 200: z.array(Target) } } }, async (req) => {
    const parent = await getTarget(app.db, req.body.targetId);
    await req.scope.assert(app.db, parent.orgUnitId);
    const ids = await app.db.transaction(async (tx) => {
      const rows = await cascade(tx, parent, req.body.mode, req.body.children, actorOf(req).userId);
      await audit(tx, subjectOf(req), { action: 'energy.target.cascade', objectType: 'energy_target', objectId: parent.id, after: { mode: req.body.mode, children: rows.map((x) => ({ orgUnitId: x.orgUnitId, reductionPct: Number(x.reductionPct) })) } });
      return rows.map((x) => x.id);
    });
    return (await listTargets(app.db, (await unitRow(app.db, parent.orgUnitId)).path)).filter((t) => ids.includes(t.id));
  });

  r.get('/api/energy/targets/:id/children', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(z.object({ orgUnitId: z.number().int(), name: z.string() })) } } }, async (req) => {
    const parent = await getTarget(app.db, req.params.id);
    await req.scope.assert(app.db, parent.orgUnitId);
    return (await cascadeChildren(app.db, parent.orgUnitId)).map((c) => ({ orgUnitId: c.id, name: c.name }));
  });

  r.get('/api/energy/progress', { config: read, schema: { tags, querystring: ProgressQuery, response: { 200: z.array(Progress) } } }, async (req) => {
    await req.scope.assert(app.db, req.query.unitId);
    const u = await unitRow(app.db, req.query.unitId);
    let only: number[] | undefined = [u.id];
    if (req.query.children) {
      const kids = await app.db.execute(sql`select id from org_units where parent_id = ${u.id} union all select ${u.id}`);
      only = (kids.rows as { id: number }[]).map((x) => x.id);
    }
    return progress(app.db, u.path, req.query.year, only);
  });

  r.get('/api/energy/alerts', { config: read, schema: { tags, querystring: ProgressQuery.pick({ unitId: true, year: true }), response: { 200: z.array(Progress) } } }, async (req) => {
    await req.scope.assert(app.db, req.query.unitId);
    const u = await unitRow(app.db, req.query.unitId);
    return (await progress(app.db, u.path, req.query.year)).filter((p) => p.status === 'off_pace' || p.status === 'over_quota');
  });
}
