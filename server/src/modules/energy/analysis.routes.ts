import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BreakdownQuery, BreakdownRow, IndicatorQuery, IndicatorResult, TrendPoint } from '@guanjia/contracts/energy';
import { audit } from '../../kernel/audit/audit.service';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { invalid } from '../../kernel/http/errors';
import { subjectOf } from '../../kernel/http/types';
import { compute, emptySums, indicatorsOf, seasonSplit, seasonSplits, type Method } from './indicators';
import { unitRow } from './reports.service';
import { summarySheet } from './sheets';

const tags = ['energy'];
const read = { permission: 'energy.read' };
const CATEGORY: Record<string, [string, string]> = { organ: ['机关', 'Organs'], school: ['学校', 'Schools'], hospital: ['医院', 'Hospitals'], other: ['其他', 'Other'] };

/** Per child unit (or category, or institution) for a year, with last year beside it (year-on-year). */
export async function breakdown(db: FastifyInstance['db'], path: string, year: number, by: 'child' | 'category' | 'institution', method: Method, locale: string) {
  const [cur, prev] = await Promise.all([
    compute(db, { path, from: `${year}-01`, to: `${year}-12`, method, group: by }),
    compute(db, { path, from: `${year - 1}-01`, to: `${year - 1}-12`, method, group: by }),
  ]);
  const seasons = await seasonSplits(db, { path, from: `${year}-01`, to: `${year}-12`, method, group: by }, cur.groups);
  const keys = [...new Set([...cur.groups.keys()])];
  const names = new Map<string, { name: string; kind: string }>();
  if (by === 'category') for (const k of keys) names.set(k, { name: (CATEGORY[k] ?? [k, k])[locale === 'en' ? 1 : 0], kind: 'category' });
  else if (keys.length) {
    const r = await db.execute(sql`select u.id::text as id, u.name, case when i.org_unit_id is not null then 'institution' else u.kind end as kind
      from org_units u left join energy_institutions i on i.org_unit_id = u.id where u.id::text in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
    for (const x of r.rows as { id: string; name: string; kind: string }[]) names.set(x.id, { name: x.name, kind: x.kind });
  }
  return keys.map((k) => {
    const n = names.get(k) ?? { name: k, kind: 'unit' };
    const p = prev.groups.get(k);
    return { ...indicatorsOf(cur.groups.get(k) ?? emptySums(k), n.name), kind: n.kind, previous: p && p.kgce + p.waterM3 > 0 ? indicatorsOf(p, n.name) : null, heatingSeason: seasons.get(k) ?? null };
  }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function analysisRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/energy/indicators', { config: read, schema: { tags, querystring: IndicatorQuery, response: { 200: IndicatorResult } } }, async (req) => {
    const q = req.query;
    if (q.from > q.to) throw invalid('validation', {}, 'querystring.to');
    await req.scope.assert(app.db, q.unitId);
    const u = await unitRow(app.db, q.unitId);
    const c = await compute(app.db, { path: u.path, from: q.from, to: q.to, method: q.method, group: 'total' });
    const total = c.groups.get('total') ?? emptySums('total');
    return {
      total: indicatorsOf(total, u.name),
      heatingSeason: await seasonSplit(app.db, { path: u.path, from: q.from, to: q.to, method: q.method }, total),
      byType: c.byType.map((t) => ({ energyType: t.energyType, quantity: Math.round(t.quantity * 10000) / 10000, tce: Math.round(t.kgce * 10) / 10000, costYuan: Math.round(t.costFen) / 100 })),
      factors: c.factors,
      missingFactors: c.missingCo2,
    };
  });

  r.get('/api/energy/breakdown', { config: read, schema: { tags, querystring: BreakdownQuery, response: { 200: z.array(BreakdownRow) } } }, async (req) => {
    await req.scope.assert(app.db, req.query.unitId);
    const u = await unitRow(app.db, req.query.unitId);
    return breakdown(app.db, u.path, req.query.year, req.query.by, req.query.method, req.locale);
  });

  r.get('/api/energy/trend', { config: read, schema: { tags, querystring: IndicatorQuery, response: { 200: z.array(TrendPoint) } } }, async (req) => {
    const q = req.query;
    await req.scope.assert(app.db, q.unitId);
    const u = await unitRow(app.db, q.unitId);
    const c = await compute(app.db, { path: u.path, from: q.from, to: q.to, method: q.method, group: 'month' });
    return [...c.groups.values()].sort((a, b) => a.key.localeCompare(b.key)).map((s) => {
      const i = indicatorsOf(s, '');
      return { month: s.key, totalTce: i.totalTce, waterM3: i.waterM3, co2Tonnes: i.co2Tonnes, costYuan: i.costYuan };
    });
  });

  /** Summary forms (汇总表) by region, by category or by institution (department), as Excel. */
  r.get('/api/energy/export', { config: read, schema: { tags, querystring: BreakdownQuery } }, async (req, reply) => {
    await req.scope.assert(app.db, req.query.unitId);
    const u = await unitRow(app.db, req.query.unitId);
    const rows = await breakdown(app.db, u.path, req.query.year, req.query.by, req.query.method, req.locale);
    const data = await buildExport(summarySheet, rows.map((x) => ({ ...x, yoy: x.previous && x.previous.totalTce ? Math.round((x.totalTce / x.previous.totalTce - 1) * 10000) / 100 : null,
      inSeasonTce: x.heatingSeason?.inSeason.totalTce ?? null, outsideSeasonTce: x.heatingSeason?.outsideSeason.totalTce ?? null })), req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'energy.summary.export', objectType: 'org_unit', objectId: u.id, after: { year: req.query.year, by: req.query.by, rows: rows.length } }));
    const by = { child: ['region', '按地区'], category: ['category', '按类别'], institution: ['institution', '按单位'] }[req.query.by];
    return sendXlsx(reply, data, req.locale === 'en' ? `energy-summary-${by[0]}-${req.query.year}-${today()}` : `能源资源消费汇总表-${by[1]}-${req.query.year}-${today()}`);
  });
}
