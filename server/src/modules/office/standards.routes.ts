import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IsoDate } from '@guanjia/contracts';
import { AreaStandardVersion, ServiceStandardVersion } from '@guanjia/contracts/office';
import { audit } from '../../kernel/audit/audit.service';
import { AppError, invalid } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { today } from '../../kernel/excel/reply';
import { complianceSummary } from './compliance.service';
import { one, rows } from './registry.service';

const tags = ['office'];

/** The area standard (versioned, edited by the province bureau) and the compliance dashboard. */
export async function standardsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/office/standards', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ date: IsoDate.optional() }) } }, async (req) => {
    const date = req.query.date ?? today();
    const current = await rows(app.db, sql`select organ_level as "organLevel", rank_code as "rankCode", area_m2::float8 as "areaM2", washroom_m2::float8 as "washroomM2",
      source, to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom" from office_standard_on(${date}::date) order by organ_level, rank_code`);
    const versions = await rows(app.db, sql`select to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom", source, count(*)::int as rows
      from office_area_standards group by effective_from, source order by effective_from desc`);
    return { date, current, versions };
  });

  r.post('/api/office/standards', { config: { permission: 'office.standards' }, schema: { tags, body: AreaStandardVersion } }, async (req) => {
    // The standard binds the whole province: only a scope over a root unit may change it.
    if (!req.scope.coversRoot) throw new AppError('office_standard_scope', 403);
    const known = new Set((await rows<{ code: string }>(app.db, sql`select code from ranks`)).map((x) => x.code));
    const bad = req.body.rows.find((x) => !known.has(x.rankCode));
    if (bad) throw invalid('office_standard_rank', { rank: bad.rankCode });
    const latest = await one<{ d: string | null }>(app.db, sql`select to_char(max(effective_from), 'YYYY-MM-DD') as d from office_area_standards`);
    if (latest?.d && req.body.effectiveFrom <= latest.d) throw invalid('office_standard_before', { date: latest.d }, 'body.effectiveFrom');
    const actor = actorOf(req);
    await app.db.transaction(async (tx) => {
      for (const x of req.body.rows) {
        await tx.execute(sql`insert into office_area_standards (organ_level, rank_code, area_m2, washroom_m2, source, effective_from, created_by)
          values (${x.organLevel}, ${x.rankCode}, ${x.areaM2}, ${x.washroomM2}, ${req.body.source}, ${req.body.effectiveFrom}::date, ${actor.userId})`);
      }
      await audit(tx, subjectOf(req), { action: 'office.standard.version', objectType: 'office_area_standard', after: req.body });
    });
    return { ok: true as const };
  });

  /** 服务用房 per head: the figures in force on a day, and every version. */
  r.get('/api/office/service-standards', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ date: IsoDate.optional() }) } }, async (req) => {
    const date = req.query.date ?? today();
    const current = await rows(app.db, sql`select distinct on (organ_level) organ_level as "organLevel", min_m2::float8 as "minM2", max_m2::float8 as "maxM2", source,
      to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom" from office_service_standards where effective_from <= ${date}::date order by organ_level, effective_from desc`);
    const versions = await rows(app.db, sql`select organ_level as "organLevel", min_m2::float8 as "minM2", max_m2::float8 as "maxM2", source, to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom"
      from office_service_standards order by effective_from desc, organ_level`);
    return { date, current, versions };
  });

  r.post('/api/office/service-standards', { config: { permission: 'office.standards' }, schema: { tags, body: ServiceStandardVersion } }, async (req) => {
    if (!req.scope.coversRoot) throw new AppError('office_standard_scope', 403);
    if (req.body.rows.some((x) => x.minM2 !== null && x.minM2 > x.maxM2)) throw invalid('office_service_range');
    const latest = await one<{ d: string | null }>(app.db, sql`select to_char(max(effective_from), 'YYYY-MM-DD') as d from office_service_standards`);
    if (latest?.d && req.body.effectiveFrom <= latest.d) throw invalid('office_standard_before', { date: latest.d }, 'body.effectiveFrom');
    const actor = actorOf(req);
    await app.db.transaction(async (tx) => {
      for (const x of req.body.rows) {
        await tx.execute(sql`insert into office_service_standards (organ_level, min_m2, max_m2, source, effective_from, created_by)
          values (${x.organLevel}, ${x.minM2}, ${x.maxM2}, ${req.body.source}, ${req.body.effectiveFrom}::date, ${actor.userId})`);
      }
      await audit(tx, subjectOf(req), { action: 'office.service_standard.version', objectType: 'office_service_standard', after: req.body });
    });
    return { ok: true as const };
  });

  r.get('/api/office/compliance', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), date: IsoDate.optional() }) } }, async (req) => {
    const unitId = req.query.unitId ?? (await defaultUnit(req.scope.paths));
    return complianceSummary(app.db, req.scope, unitId, req.query.date ?? today());
  });

  /** The top of the caller's scope: the drill-down starts there. */
  async function defaultUnit(paths: string[]): Promise<number> {
    const p = [...paths].sort((a, b) => a.length - b.length)[0];
    if (!p) throw new AppError('not_found', 404);
    return Number(p.split('/').filter(Boolean).pop());
  }
}
