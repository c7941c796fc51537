import { sql, type SQL } from 'drizzle-orm';
import { ROOM_SUB_TYPES, type BuildingInput, type Room, type RoomInput, type RoomQuery } from '@guanjia/contracts/office';
import type { Db, Tx } from '../../db/client';
import type { DataScope } from '../../kernel/org/scope';
import { invalid, notFound } from '../../kernel/http/errors';
import { today } from '../../kernel/excel/reply';

export type Q = Db | Tx;
export const rows = async <T>(db: Q, q: SQL): Promise<T[]> => (await db.execute(q)).rows as T[];
/** A list as one JSON parameter (`x in ${anyOf(list)}`): no array parameters, no parameter-count limit. */
export const anyOf = (list: (string | number)[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(list.map(String))}::jsonb))`;
/** Rows as one JSON parameter, for bulk inserts: `from ${jsonRows(rows)} as t(a int, b text)`. */
export const jsonRows = (list: object[]) => sql`jsonb_to_recordset(${JSON.stringify(list)}::jsonb)`;
export const one = async <T>(db: Q, q: SQL): Promise<T | undefined> => (await rows<T>(db, q))[0];

/** The sub-type must belong to the class (办公室 / 服务用房 / 设备用房 / 附属用房). */
export function assertSubType(roomClass: keyof typeof ROOM_SUB_TYPES, subType: string): void {
  if (!ROOM_SUB_TYPES[roomClass].includes(subType)) throw invalid('office_sub_type', { subType }, 'body.subType');
}

export const BUILDING_COLUMNS = sql`b.id, b.org_unit_id as "orgUnitId", g.name as "orgUnitName", b.code, b.name, b.address, b.title_cert_no as "titleCertNo",
  b.cert_area::float8 as "certArea", b.owner, b.gross_area::float8 as "grossArea", b.year_built as "yearBuilt", b.structure,
  b.lat::float8 as lat, b.lng::float8 as lng,
  (select count(*)::int from office_floors f where f.building_id = b.id) as floors,
  (select count(*)::int from office_rooms r where r.building_id = b.id) as rooms`;

/** Buildings the caller may see: kept by a unit in scope, or holding a room used by one. */
export function buildingScope(scope: DataScope): SQL {
  return sql`(${scope.where(sql`b.org_unit_id`)} or exists (select 1 from office_rooms r where r.building_id = b.id and ${scope.where(sql`r.org_unit_id`)}))`;
}

export async function listBuildings(db: Q, scope: DataScope, q: string | undefined, page: number, pageSize: number) {
  const search = q ? sql`and (b.name like ${`%${q}%`} or b.code like ${`%${q}%`} or b.address like ${`%${q}%`})` : sql``;
  const where = sql`${buildingScope(scope)} ${search}`;
  const items = await rows(db, sql`select ${BUILDING_COLUMNS} from office_buildings b join org_units g on g.id = b.org_unit_id where ${where} order by b.code limit ${pageSize} offset ${(page - 1) * pageSize}`);
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from office_buildings b where ${where}`);
  return { items, total: total!.n, page, pageSize };
}

export async function getBuilding(db: Q, scope: DataScope, id: number) {
  const b = await one<{ orgUnitId: number }>(db, sql`select ${BUILDING_COLUMNS} from office_buildings b join org_units g on g.id = b.org_unit_id where b.id = ${id} and ${buildingScope(scope)}`);
  if (!b) throw notFound();
  return b;
}

/** The latest year a building may give as built: next year (one under construction), Shanghai's calendar. */
export const latestYearBuilt = () => Number(today().slice(0, 4)) + 1;

/** 建成年份 after next year is a typing error (2090): refused with the latest year accepted. */
export function assertYearBuilt(year: number | null): void {
  if (year !== null && year > latestYearBuilt()) throw invalid('office_year_built', { max: latestYearBuilt() }, 'body.yearBuilt');
}

export const buildingValues = (b: BuildingInput) => ({
  orgUnitId: b.orgUnitId, code: b.code, name: b.name, address: b.address, titleCertNo: b.titleCertNo, certArea: b.certArea === null ? null : String(b.certArea),
  owner: b.owner, grossArea: String(b.grossArea), yearBuilt: b.yearBuilt, structure: b.structure, lat: b.lat === null ? null : String(b.lat), lng: b.lng === null ? null : String(b.lng),
});

/**
 * Room columns as of a day: the room's attributes then (`office_room_versions`), its status and
 * using organ then (`office_room_uses`), and the entitlement engine's verdict for that day. The
 * data scope and organ filters of a list follow the organ using the room on that day.
 */
export const ROOM_COLUMNS = sql`r.id, r.building_id as "buildingId", coalesce(bv.name, b.name) as "buildingName", r.floor_id as "floorId", f.level as "floorLevel",
  coalesce(u.org_unit_id, r.org_unit_id) as "orgUnitId", coalesce(gu.name, g.name) as "orgUnitName", r.department_id as "departmentId", r.number, v.room_class as "roomClass", v.sub_type as "subType",
  v.usable_area::float8 as "usableArea", v.gross_area::float8 as "grossArea", v.washroom_area::float8 as "washroomArea", v.capacity, coalesce(u.status, r.status) as status,
  coalesce(c.occupants, 0) as occupants, c.allowed::float8 as entitlement, c.over_area::float8 as "overArea", c.verdict`;

export function roomFrom(date: string, path = '/'): SQL {
  return sql`office_rooms r join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id join org_units g on g.id = r.org_unit_id
    left join office_building_versions bv on bv.building_id = b.id and bv.during @> ${date}::date
    join office_room_versions v on v.room_id = r.id and v.during @> ${date}::date
    left join office_room_uses u on u.room_id = r.id and u.during @> ${date}::date left join org_units gu on gu.id = u.org_unit_id
    left join office_room_compliance(${date}::date, ${path}) c on c.room_id = r.id`;
}

export async function listRooms(db: Q, scope: DataScope, f: RoomQuery, opts: { all?: boolean } = {}) {
  const date = f.date ?? today();
  // The organ that used the room on that day (a past day shows, and scopes by, the organ of then).
  const conds: SQL[] = [scope.where(sql`coalesce(u.org_unit_id, r.org_unit_id)`)];
  if (f.q) conds.push(sql`(r.number like ${`%${f.q}%`} or b.name like ${`%${f.q}%`} or coalesce(gu.name, g.name) like ${`%${f.q}%`})`);
  if (f.buildingId) conds.push(sql`r.building_id = ${f.buildingId}`);
  if (f.floorId) conds.push(sql`r.floor_id = ${f.floorId}`);
  // The subtree's rooms on that day: used then by one of its organs, or (no use recorded that day)
  // kept by one today. Written as a set of room ids so one organ's page reads its own rooms only.
  if (f.orgUnitId) conds.push(sql`r.id = any(array(
    select u2.room_id from office_room_uses u2 join org_units g2 on g2.id = u2.org_unit_id
      where u2.during @> ${date}::date and g2.path like (select path from org_units where id = ${f.orgUnitId}) || '%'
    union all
    select r2.id from office_rooms r2 join org_units g3 on g3.id = r2.org_unit_id
      where g3.path like (select path from org_units where id = ${f.orgUnitId}) || '%'
        and not exists (select 1 from office_room_uses u3 where u3.room_id = r2.id and u3.during @> ${date}::date)))`);
  if (f.status) conds.push(sql`coalesce(u.status, r.status) = ${f.status}`);
  if (f.roomClass) conds.push(sql`v.room_class = ${f.roomClass}`);
  if (f.verdict) conds.push(sql`c.verdict = ${f.verdict}`);
  const where = sql.join(conds, sql` and `);
  // Narrow the engine to the filtered organ's subtree when there is one (one organ's page stays cheap).
  const path = f.orgUnitId ? (await one<{ path: string }>(db, sql`select path from org_units where id = ${f.orgUnitId}`))?.path ?? '/' : '/';
  const limit = opts.all ? sql`` : sql`limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`;
  const items = await rows<Room>(db, sql`select ${ROOM_COLUMNS} from ${roomFrom(date, path)} where ${where} order by b.code, f.level, r.number ${limit}`);
  const total = opts.all ? { n: items.length } : await one<{ n: number }>(db, sql`select count(*)::int as n from ${roomFrom(date, path)} where ${where}`);
  return { items, total: total!.n, page: f.page, pageSize: f.pageSize };
}

export async function getRoom(db: Q, scope: DataScope, id: number, date = today()) {
  // Visible to the organ using it today and, on a past day, to the organ that used it then.
  const r = await one<Room>(db, sql`select ${ROOM_COLUMNS} from ${roomFrom(date)} where r.id = ${id} and (${scope.where(sql`r.org_unit_id`)} or ${scope.where(sql`u.org_unit_id`)})`);
  if (!r) throw notFound();
  return r;
}

export async function roomDetail(db: Q, scope: DataScope, id: number, date = today()) {
  const room = await getRoom(db, scope, id, date);
  // Each occupant with the rank held on that day (职级 over time) and its entitlement then.
  const occupants = await rows(db, sql`select o.id as "occupancyId", p.id as "personId", p.name, coalesce(pr.rank_code, p.rank_code) as "rankCode", o.kind,
      to_char(lower(o.during), 'YYYY-MM-DD') as "from", to_char(upper(o.during) - 1, 'YYYY-MM-DD') as "to",
      (s.area_m2 + 0)::float8 as entitlement, ou.name as "organName"
    from office_occupancies o join office_persons p on p.id = o.person_id
    left join office_person_organs po on po.person_id = p.id and po.during @> ${date}::date
    join org_units ou on ou.id = coalesce(po.org_unit_id, p.org_unit_id)
    left join office_person_ranks pr on pr.person_id = p.id and pr.during @> ${date}::date
    left join office_standard_on(${date}::date) s on s.organ_level = ou.organ_level and s.rank_code = pr.rank_code
    where o.room_id = ${id} and (o.during @> ${date}::date or lower(o.during) > ${date}::date) order by lower(o.during), p.name`);
  const uses = await rows(db, sql`select u.status, g.name as "orgUnitName", to_char(lower(u.during), 'YYYY-MM-DD') as "from", to_char(upper(u.during) - 1, 'YYYY-MM-DD') as "to"
    from office_room_uses u join org_units g on g.id = u.org_unit_id where u.room_id = ${id} order by lower(u.during) desc`);
  return { room, occupants, uses };
}

export function roomValues(r: RoomInput) {
  return {
    buildingId: r.buildingId, floorId: r.floorId, orgUnitId: r.orgUnitId, departmentId: r.departmentId, number: r.number, roomClass: r.roomClass, subType: r.subType,
    usableArea: String(r.usableArea), grossArea: String(r.grossArea), washroomArea: String(r.washroomArea), capacity: r.capacity, status: r.status,
  };
}

/**
 * A new use of a room from a day on: the open period ends the day before, the new one starts
 * (the exclusion constraint refuses anything that would overlap a recorded period).
 */
export async function changeUse(tx: Tx, roomId: number, u: { status: string; orgUnitId: number; departmentId: number | null; from: string }): Promise<void> {
  const same = await tx.execute(sql`update office_room_uses set status = ${u.status}, org_unit_id = ${u.orgUnitId}, department_id = ${u.departmentId}
    where room_id = ${roomId} and upper_inf(during) and lower(during) = ${u.from}::date returning id`);
  if (same.rows.length > 0) return;
  await tx.execute(sql`update office_room_uses set during = daterange(lower(during), ${u.from}::date)
    where room_id = ${roomId} and upper_inf(during) and lower(during) < ${u.from}::date`);
  await tx.execute(sql`insert into office_room_uses (room_id, org_unit_id, department_id, status, during)
    values (${roomId}, ${u.orgUnitId}, ${u.departmentId}, ${u.status}, daterange(${u.from}::date, null))`);
}

/** The organ a unit belongs to (itself if an organ), for persons and room users. */
export async function organOf(db: Q, unitId: number): Promise<{ id: number; organLevel: string | null } | undefined> {
  return one(db, sql`select a.id, a.organ_level as "organLevel" from org_units u join org_units a on u.path like a.path || '%'
    where u.id = ${unitId} and a.kind = 'organ' order by length(a.path) desc limit 1`);
}
