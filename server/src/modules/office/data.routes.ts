import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IsoDate } from '@guanjia/contracts';
import { RoomQuery } from '@guanjia/contracts/office';
import { audit } from '../../kernel/audit/audit.service';
import { buildExport, buildTemplate } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import type { SheetDef } from '../../kernel/excel/sheet';
import { readUpload } from '../../kernel/files/upload';
import { subjectOf } from '../../kernel/http/types';
import { buildingSheet, diffSheet, ledgerSheet, occupantSheet, roomSheet, surveySheet, type DiffRow } from './data.sheets';
import { importBuildings, importLedger, importOccupants, importRooms, importSurvey } from './data.import';
import { annualFigures, annualWorkbook } from './report';
import { anyOf, buildingScope, listRooms, rows, type Q } from './registry.service';

const tags = ['office'];
const TEMPLATES: Record<string, [SheetDef<never>, string, string]> = {
  buildings: [buildingSheet as SheetDef<never>, '建筑导入模板', 'buildings-template'],
  rooms: [roomSheet as SheetDef<never>, '房间导入模板', 'rooms-template'],
  occupants: [occupantSheet as SheetDef<never>, '人员导入模板', 'occupants-template'],
  survey: [surveySheet as SheetDef<never>, '清查导入模板', 'survey-template'],
  ledger: [ledgerSheet as SheetDef<never>, '单位台账导入模板', 'organ-ledger-template'],
};
const ReconQuery = z.object({ batch: z.coerce.number().int().positive().optional(), ledgerYear: z.coerce.number().int().min(2000).max(2100).optional() });

/**
 * 账实 / 账证 / 账账: every difference between the records and a survey batch, between buildings
 * and their title certificates, and — for a year — between each organ's declared sub-ledger
 * (单位台账) and the bureau's master ledger as it stood at the end of that year (or today, for
 * the current year): a room missing on either side, area, class or using organ differing.
 * Within the caller's scope (`where` filters `org_unit_id`).
 */
export async function reconciliation(db: Q, where: ReturnType<typeof sql>, batch: number | null, ledgerYear: number | null = null): Promise<DiffRow[]> {
  const survey = batch === null ? [] : await rows<DiffRow>(db, sql`
    with s as (select * from office_survey_rows s where s.batch = ${batch} and ${where}),
    rec as (select r.id, b.code, r.number, r.usable_area, r.room_class, r.org_unit_id from office_rooms r join office_buildings b on b.id = r.building_id
            where b.code in (select distinct building_code from s) and r.status <> 'disposed')
    select d.kind, g.name as "orgUnitName", d.code as "buildingCode", d.num as "roomNumber", d.recorded, d.surveyed from (
      select 'missing_in_records' as kind, s.building_code as code, s.room_number as num, null as recorded, s.usable_area::text as surveyed, s.org_unit_id as org
        from s left join rec on rec.code = s.building_code and rec.number = s.room_number where rec.id is null
      union all select 'missing_in_survey', rec.code, rec.number, rec.usable_area::text, null, rec.org_unit_id
        from rec left join s on rec.code = s.building_code and rec.number = s.room_number where s.id is null
      union all select 'area', s.building_code, s.room_number, rec.usable_area::text, s.usable_area::text, rec.org_unit_id
        from s join rec on rec.code = s.building_code and rec.number = s.room_number where rec.usable_area <> s.usable_area
      union all select 'class', s.building_code, s.room_number, rec.room_class, s.room_class, rec.org_unit_id
        from s join rec on rec.code = s.building_code and rec.number = s.room_number where rec.room_class <> s.room_class) d
    left join org_units g on g.id = d.org
    order by 3, 4, 1 limit 5000`);
  const certs = await rows<DiffRow>(db, sql`select 'certificate' as kind, g.name as "orgUnitName", b.code as "buildingCode", null as "roomNumber",
      b.gross_area::text || ' / ' || b.title_cert_no as recorded, coalesce(b.cert_area::text, '') as surveyed
    from (select * from office_buildings where ${where}) b join org_units g on g.id = b.org_unit_id where (b.cert_area is null or b.cert_area <> b.gross_area or b.title_cert_no = '') order by b.code limit 5000`);
  // The master ledger as it stood at the end of the year (today, for the current year).
  const day = ledgerYear === null ? '' : [`${ledgerYear}-12-31`, today()].sort()[0]!;
  const ledger = ledgerYear === null ? [] : await rows<DiffRow>(db, sql`
    with l as (select * from office_ledger_rows where year = ${ledgerYear} and ${where}),
    m as (select r.id, b.code, r.number, v.usable_area, v.room_class, u.org_unit_id
          from office_rooms r join office_buildings b on b.id = r.building_id
          join office_room_uses u on u.room_id = r.id and u.during @> ${day}::date and u.status <> 'disposed'
          join office_room_versions v on v.room_id = r.id and v.during @> ${day}::date
          where b.code in (select building_code from l) or u.org_unit_id in (select org_unit_id from l)),
    x as (
      select 'ledger_missing_in_master' as kind, l.building_code as code, l.room_number as num, null as recorded, l.usable_area::text as surveyed, l.org_unit_id as org
        from l left join m on m.code = l.building_code and m.number = l.room_number where m.id is null
      union all select 'ledger_missing_in_ledger', m.code, m.number, m.usable_area::text, null, m.org_unit_id
        from m where m.org_unit_id in (select org_unit_id from l)
          and not exists (select 1 from l where l.org_unit_id = m.org_unit_id and l.building_code = m.code and l.room_number = m.number)
      union all select 'ledger_organ', l.building_code, l.room_number, mg.name, lg.name, l.org_unit_id
        from l join m on m.code = l.building_code and m.number = l.room_number join org_units mg on mg.id = m.org_unit_id join org_units lg on lg.id = l.org_unit_id
        where m.org_unit_id <> l.org_unit_id
      union all select 'ledger_area', l.building_code, l.room_number, m.usable_area::text, l.usable_area::text, l.org_unit_id
        from l join m on m.code = l.building_code and m.number = l.room_number where m.org_unit_id = l.org_unit_id and m.usable_area <> l.usable_area
      union all select 'ledger_class', l.building_code, l.room_number, m.room_class, l.room_class, l.org_unit_id
        from l join m on m.code = l.building_code and m.number = l.room_number where m.org_unit_id = l.org_unit_id and m.room_class <> l.room_class)
    select x.kind, g.name as "orgUnitName", x.code as "buildingCode", x.num as "roomNumber", x.recorded, x.surveyed
    from x left join org_units g on g.id = x.org order by 2, 3, 4, 1 limit 5000`);
  return [...survey, ...certs, ...ledger];
}

/** Templates, all-or-nothing imports, exports, reconciliation and the annual report. */
export async function dataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = { permission: 'office.write' };

  r.get('/api/office/templates/:kind', { config: write, schema: { tags, params: z.object({ kind: z.enum(['buildings', 'rooms', 'occupants', 'survey', 'ledger']) }) } }, async (req, reply) => {
    const [def, zh, en] = TEMPLATES[req.params.kind]!;
    return sendXlsx(reply, await buildTemplate(def, req.locale), req.locale === 'en' ? en : zh);
  });

  r.post('/api/office/import/buildings', { config: write, schema: { tags } }, async (req) =>
    ({ imported: await importBuildings(app.db, req.scope, subjectOf(req), (await readUpload(req)).data, req.locale) }));
  r.post('/api/office/import/rooms', { config: write, schema: { tags } }, async (req) =>
    ({ imported: await importRooms(app.db, req.scope, subjectOf(req), (await readUpload(req)).data, req.locale, today()) }));
  r.post('/api/office/import/occupants', { config: write, schema: { tags } }, async (req) =>
    ({ imported: await importOccupants(app.db, req.scope, subjectOf(req), (await readUpload(req)).data, req.locale, today()) }));
  r.post('/api/office/import/survey', { config: write, schema: { tags } }, async (req) =>
    importSurvey(app.db, req.scope, subjectOf(req), (await readUpload(req)).data, req.locale));
  r.post('/api/office/import/ledger', { config: write, schema: { tags } }, async (req) =>
    importLedger(app.db, req.scope, subjectOf(req), (await readUpload(req)).data, req.locale));

  /** Declared organ sub-ledgers (单位台账) in scope: organ, year, rooms, when. */
  r.get('/api/office/ledgers', { config: { permission: 'office.read' }, schema: { tags } }, (req) =>
    rows(app.db, sql`select l.org_unit_id as "orgUnitId", g.name as "orgUnitName", l.year, count(*)::int as rows, max(l.declared_at)::text as "declaredAt"
      from office_ledger_rows l join org_units g on g.id = l.org_unit_id where ${req.scope.where(sql`l.org_unit_id`)} group by l.org_unit_id, g.name, l.year order by l.year desc, g.name`));

  r.get('/api/office/rooms/export', { config: { permission: 'office.read' }, schema: { tags, querystring: RoomQuery } }, async (req, reply) => {
    const list = await listRooms(app.db, req.scope, req.query, { all: true });
    const codes = await rows<{ id: number; code: string }>(app.db, sql`select id, code from office_buildings where id::text in ${anyOf([...new Set(list.items.map((x) => x.buildingId))])}`);
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    const data = await buildExport(roomSheet, list.items.map((x) => ({ ...x, buildingCode: codeOf.get(x.buildingId) ?? '', floor: x.floorLevel, orgUnit: String(x.orgUnitId) })), req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'office.room.export', objectType: 'office_room', after: { rows: list.items.length, filters: req.query } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'rooms' : '办公用房房间'}-${today()}`);
  });

  r.get('/api/office/buildings/export', { config: { permission: 'office.read' }, schema: { tags } }, async (req, reply) => {
    const list = await rows<Record<string, unknown>>(app.db, sql`select b.code, b.name, b.org_unit_id::text as "orgUnit", g.name as "orgUnitName", b.address, b.title_cert_no as "titleCertNo",
      b.cert_area::float8 as "certArea", b.owner, b.gross_area::float8 as "grossArea", b.year_built as "yearBuilt", b.structure, b.lat::float8 as lat, b.lng::float8 as lng
      from office_buildings b join org_units g on g.id = b.org_unit_id where ${buildingScope(req.scope)} order by b.code`);
    const data = await buildExport(buildingSheet, list as never[], req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'office.building.export', objectType: 'office_building', after: { rows: list.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'buildings' : '办公用房建筑'}-${today()}`);
  });

  r.get('/api/office/survey/batches', { config: { permission: 'office.read' }, schema: { tags } }, (req) =>
    rows(app.db, sql`select batch, count(*)::int as rows, to_char(max(surveyed_on), 'YYYY-MM-DD') as "surveyedOn" from office_survey_rows s where ${req.scope.where(sql`s.org_unit_id`)} group by batch order by batch desc`));

  r.get('/api/office/reconciliation', { config: { permission: 'office.read' }, schema: { tags, querystring: ReconQuery } }, (req) =>
    reconciliation(app.db, req.scope.where(sql`org_unit_id`), req.query.batch ?? null, req.query.ledgerYear ?? null));

  r.get('/api/office/reconciliation/export', { config: { permission: 'office.read' }, schema: { tags, querystring: ReconQuery } }, async (req, reply) => {
    const diffs = await reconciliation(app.db, req.scope.where(sql`org_unit_id`), req.query.batch ?? null, req.query.ledgerYear ?? null);
    const data = await buildExport(diffSheet, diffs, req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'office.reconciliation.export', objectType: 'office_reconciliation', after: { rows: diffs.length, ...req.query } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'reconciliation' : '办公用房对账差异'}-${today()}`);
  });

  r.get('/api/office/annual-report', { config: { permission: 'office.supervise' }, schema: { tags, querystring: z.object({ unitId: z.coerce.number().int().positive(), date: IsoDate.optional() }) } }, async (req, reply) => {
    const date = req.query.date ?? today();
    const units = await annualFigures(app.db, req.scope, req.query.unitId, date);
    const data = await annualWorkbook(units, req.locale, Number(date.slice(0, 4)));
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'office.report.annual', objectType: 'org_unit', objectId: req.query.unitId, after: { date } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'office-annual-report' : '办公用房年度统计'}-${date}`);
  });
}
