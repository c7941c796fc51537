import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { DataScope } from '../../kernel/org/scope';
import { notFound } from '../../kernel/http/errors';
import { one, rows, type Q } from './registry.service';

/** The figures of the annual statistics report (年度统计), per organ and summed up the region tree. */
export const FIGURES = ['organs', 'buildings', 'rooms', 'usableArea', 'officeArea', 'serviceArea', 'plantArea', 'ancillaryArea', 'vacantArea', 'persons', 'offices', 'compliant', 'over', 'overArea'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;
const HEAD: Record<(typeof FIGURES)[number], [string, string]> = {
  organs: ['单位数', 'Organs'], buildings: ['建筑数', 'Buildings'], rooms: ['房间数', 'Rooms'], usableArea: ['使用面积', 'Usable area'], officeArea: ['办公室面积', 'Office area'],
  serviceArea: ['服务用房面积', 'Service area'], plantArea: ['设备用房面积', 'Plant area'], ancillaryArea: ['附属用房面积', 'Ancillary area'], vacantArea: ['空置面积', 'Vacant area'],
  persons: ['在编人数', 'Persons'], offices: ['在用办公室', 'Offices in use'], compliant: ['达标间数', 'Compliant'], over: ['超标间数', 'Over'], overArea: ['超标面积', 'Over area'],
};

export interface ReportUnit { id: number; parentId: number | null; name: string; kind: string; level: string | null; path: string; own: Figures; total: Figures }

/** Per organ figures on a day (one statement each part), then summed into every region above. */
export async function annualFigures(db: Q, scope: DataScope, unitId: number, date: string): Promise<ReportUnit[]> {
  await scope.assert(db, unitId);
  const root = await one<{ path: string }>(db, sql`select path from org_units where id = ${unitId}`);
  if (!root) throw notFound();
  const organs = await rows<Figures & { id: number }>(db, sql`
    with g as (select id, path from org_units where kind = 'organ' and path like ${`${root.path}%`}),
    r as (select u.org_unit_id, count(*)::int as rooms, sum(v.usable_area) as ua,
            sum(v.usable_area) filter (where v.room_class = 'office') as oa, sum(v.usable_area) filter (where v.room_class = 'service') as sa,
            sum(v.usable_area) filter (where v.room_class = 'plant') as pa, sum(v.usable_area) filter (where v.room_class = 'ancillary') as aa,
            sum(v.usable_area) filter (where u.status = 'vacant') as va
          from office_rooms r join office_room_uses u on u.room_id = r.id and u.during @> ${date}::date and u.status <> 'disposed'
            join office_room_versions v on v.room_id = r.id and v.during @> ${date}::date group by u.org_unit_id),
    c as (select org_unit_id, count(*) filter (where verdict <> 'unoccupied')::int as offices, count(*) filter (where verdict = 'compliant')::int as compliant,
            count(*) filter (where verdict = 'over')::int as over, sum(over_area) as oa from office_room_compliance(${date}::date, ${root.path}) group by org_unit_id)
    select g.id, 1 as organs, (select count(*)::int from office_buildings b where b.org_unit_id = g.id) as buildings, coalesce(r.rooms, 0) as rooms,
      coalesce(r.ua, 0)::float8 as "usableArea", coalesce(r.oa, 0)::float8 as "officeArea", coalesce(r.sa, 0)::float8 as "serviceArea", coalesce(r.pa, 0)::float8 as "plantArea",
      coalesce(r.aa, 0)::float8 as "ancillaryArea", coalesce(r.va, 0)::float8 as "vacantArea",
      (select count(*)::int from office_persons p where p.org_unit_id = g.id and p.status = 'active') as persons,
      coalesce(c.offices, 0) as offices, coalesce(c.compliant, 0) as compliant, coalesce(c.over, 0) as "over", coalesce(c.oa, 0)::float8 as "overArea"
    from g left join r on r.org_unit_id = g.id left join c on c.org_unit_id = g.id`);
  const units = await rows<{ id: number; parentId: number | null; name: string; kind: string; level: string | null; path: string }>(db, sql`select id, parent_id as "parentId", name, kind,
    coalesce(region_level, organ_level) as level, path from org_units where path like ${`${root.path}%`} and kind in ('region', 'organ') order by path`);
  const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;
  const byId = new Map(units.map((u) => [u.id, { ...u, own: zero(), total: zero() }]));
  for (const o of organs) {
    const u = byId.get(o.id);
    if (!u) continue;
    for (const f of FIGURES) u.own[f] = o[f];
  }
  // Sum every organ into itself and each region above it (paths are prefixes).
  for (const u of byId.values()) {
    if (u.kind !== 'organ') continue;
    for (const a of byId.values()) if (u.path.startsWith(a.path)) for (const f of FIGURES) a.total[f] = round(a.total[f] + u.own[f]);
  }
  return [...byId.values()];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One workbook: province / prefectures / counties / organs, each row's totals the sum of the rows below. */
export async function annualWorkbook(units: ReportUnit[], locale: Locale, year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const head = (ws: ExcelJS.Worksheet, first: [string, string][]) => {
    ws.addRow([...first.map((f) => (locale === 'en' ? f[1] : f[0])), ...FIGURES.map((f) => (locale === 'en' ? HEAD[f][1] : HEAD[f][0]))]).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((c) => (c.width = 16));
  };
  const sheets: [string, string, (u: ReportUnit) => boolean, [string, string][]][] = [
    ['全省汇总', 'Province', (u) => u.kind === 'region' && u.level === 'province', [['地区', 'Region']]],
    ['市(地)汇总', 'Prefectures', (u) => u.kind === 'region' && u.level === 'prefecture', [['上级', 'Parent'], ['地区', 'Region']]],
    ['县(区)汇总', 'Counties', (u) => u.kind === 'region' && u.level === 'county', [['上级', 'Parent'], ['地区', 'Region']]],
    ['单位明细', 'Organs', (u) => u.kind === 'organ', [['上级', 'Parent'], ['单位', 'Organ']]],
  ];
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  for (const [zh, en, pick, first] of sheets) {
    const ws = wb.addWorksheet(locale === 'en' ? `${en} ${year}` : `${year}${zh}`);
    head(ws, first);
    for (const u of units.filter(pick)) {
      const names = first.length === 1 ? [u.name] : [u.parentId ? nameOf.get(u.parentId) ?? '' : '', u.name];
      ws.addRow([...names, ...FIGURES.map((f) => (u.kind === 'organ' ? u.own[f] : u.total[f]))]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
