import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IsoDate } from '@guanjia/contracts';
import { audit } from '../../kernel/audit/audit.service';
import { AppError } from '../../kernel/http/errors';
import { subjectOf } from '../../kernel/http/types';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { defineSheet } from '../../kernel/excel/sheet';
import { complianceSummary } from './compliance.service';
import { rows } from './registry.service';

const tags = ['office'];
const read = { permission: 'office.read' };
type Row = Record<string, string | number | null>;
const opts = (pairs: [string, string, string][]) => pairs.map(([value, zh, en]) => ({ value, zh, en }));

const KIND = opts([['region', '地区', 'Region'], ['organ', '单位', 'Organ']]);
/** The compliance dashboard's table: one row per child of the unit shown, as of the chosen day. */
const complianceSheet = defineSheet<Row>({
  name: { zh: '达标情况', en: 'Compliance' },
  columns: [
    { key: 'name', header: { zh: '单位/地区', en: 'Unit' }, type: 'text', width: 30 },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', options: KIND },
    { key: 'offices', header: { zh: '在用办公室', en: 'Offices in use' }, type: 'int' },
    { key: 'compliant', header: { zh: '达标', en: 'Compliant' }, type: 'int' },
    { key: 'over', header: { zh: '超标', en: 'Over' }, type: 'int' },
    { key: 'noStandard', header: { zh: '无适用标准', en: 'No standard' }, type: 'int' },
    { key: 'rate', header: { zh: '达标率(%)', en: 'Rate (%)' }, type: 'decimal' },
    { key: 'overArea', header: { zh: '超标面积(m²)', en: 'Over area (m²)' }, type: 'decimal' },
    { key: 'usableArea', header: { zh: '使用面积(m²)', en: 'Usable area (m²)' }, type: 'decimal' },
    { key: 'entitlement', header: { zh: '核定面积(m²)', en: 'Entitlement (m²)' }, type: 'decimal' },
    { key: 'serviceOverOrgans', header: { zh: '服务用房超标单位数', en: 'Organs over the service standard' }, type: 'int' },
    { key: 'serviceOverArea', header: { zh: '服务用房超标面积(m²)', en: 'Service area over (m²)' }, type: 'decimal' },
    { key: 'date', header: { zh: '统计日期', en: 'As of' }, type: 'date' },
  ],
});

const LEVEL = opts([['central', '中央', 'Central'], ['provincial', '省级', 'Provincial'], ['prefectural', '市级', 'Prefectural'], ['county', '县级', 'County'], ['township', '乡级', 'Township']]);
/** The area standard in force on a day: one row per organ level × rank, with its source and effective date. */
const standardSheet = defineSheet<Row>({
  name: { zh: '办公室面积标准', en: 'Office area standard' },
  columns: [
    { key: 'organLevel', header: { zh: '单位层级', en: 'Organ level' }, type: 'enum', options: LEVEL },
    { key: 'rankName', header: { zh: '职级', en: 'Rank' }, type: 'text', width: 20 },
    { key: 'areaM2', header: { zh: '使用面积(m²/人)', en: 'Area (m² per person)' }, type: 'decimal' },
    { key: 'washroomM2', header: { zh: '卫生间(m²)', en: 'Washroom (m²)' }, type: 'decimal' },
    { key: 'source', header: { zh: '依据', en: 'Source' }, type: 'text', width: 40 },
    { key: 'effectiveFrom', header: { zh: '生效日期', en: 'Effective from' }, type: 'date' },
  ],
});
/** The service-room standard (服务用房, m² per head) in force on a day, one row per organ level (no figure: left blank). */
const serviceSheet = defineSheet<Row>({
  name: { zh: '服务用房标准', en: 'Service-room standard' },
  columns: [
    { key: 'organLevel', header: { zh: '单位层级', en: 'Organ level' }, type: 'enum', options: LEVEL },
    { key: 'minM2', header: { zh: '人均下限(m²)', en: 'Min (m² per head)' }, type: 'decimal' },
    { key: 'maxM2', header: { zh: '人均上限(m²)', en: 'Max (m² per head)' }, type: 'decimal' },
    { key: 'source', header: { zh: '依据', en: 'Source' }, type: 'text', width: 40 },
    { key: 'effectiveFrom', header: { zh: '生效日期', en: 'Effective from' }, type: 'date' },
  ],
});

/** Excel exports of the compliance dashboard's table and of the area standards, audited, as the pages show them. */
export async function dashboardExportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send = async (req: Parameters<typeof subjectOf>[0] & { locale: 'zh-CN' | 'en' }, reply: Parameters<typeof sendXlsx>[0], sheet: typeof standardSheet, list: Row[],
    what: string, objectType: string, detail: Record<string, unknown>, name: string) => {
    const data = await buildExport(sheet, list, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: `office.${what}.export`, objectType, after: { rows: list.length, ...detail } }));
    return sendXlsx(reply, data, `${name}-${today()}`);
  };

  r.get('/api/office/compliance/export', { config: read, schema: { tags, querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), date: IsoDate.optional() }) } }, async (req, reply) => {
    const p = [...req.scope.paths].sort((a, b) => a.length - b.length)[0];
    if (!p) throw new AppError('not_found', 404);
    const unitId = req.query.unitId ?? Number(p.split('/').filter(Boolean).pop());
    const date = req.query.date ?? today();
    const s = await complianceSummary(app.db, req.scope, unitId, date);
    const list = s.children.map((c) => ({ ...c, date: s.date }) as unknown as Row);
    return send(req, reply, complianceSheet, list, 'compliance', 'office_compliance', { unitId, date }, `${req.locale === 'en' ? 'compliance' : '达标情况'}-${s.unit.name}-${date}`);
  });

  r.get('/api/office/standards/export', { config: read, schema: { tags, querystring: z.object({ date: IsoDate.optional() }) } }, async (req, reply) => {
    const date = req.query.date ?? today();
    const list = await rows<Row>(app.db, sql`select s.organ_level as "organLevel", ${req.locale === 'en' ? sql`k.name_en` : sql`k.name_zh`} as "rankName", s.area_m2::float8 as "areaM2",
      s.washroom_m2::float8 as "washroomM2", s.source, to_char(s.effective_from, 'YYYY-MM-DD') as "effectiveFrom"
      from office_standard_on(${date}::date) s join ranks k on k.code = s.rank_code order by s.organ_level, s.rank_code`);
    return send(req, reply, standardSheet, list, 'standard', 'office_area_standard', { date }, `${req.locale === 'en' ? 'area-standard' : '办公室面积标准'}-${date}`);
  });

  r.get('/api/office/service-standards/export', { config: read, schema: { tags, querystring: z.object({ date: IsoDate.optional() }) } }, async (req, reply) => {
    const date = req.query.date ?? today();
    const list = await rows<Row>(app.db, sql`select l.level as "organLevel", s.min_m2::float8 as "minM2", s.max_m2::float8 as "maxM2", s.source, to_char(s.effective_from, 'YYYY-MM-DD') as "effectiveFrom"
      from unnest(array['central', 'provincial', 'prefectural', 'county', 'township']) with ordinality as l(level, n)
      left join lateral (select * from office_service_standards x where x.organ_level = l.level and x.effective_from <= ${date}::date order by x.effective_from desc limit 1) s on true
      order by l.n`);
    return send(req, reply, serviceSheet, list, 'service_standard', 'office_service_standard', { date }, `${req.locale === 'en' ? 'service-room-standard' : '服务用房标准'}-${date}`);
  });
}
