import { sql } from 'drizzle-orm';
import { type Locale } from '@guanjia/contracts';
import { ROOM_SUB_TYPES, type RoomClass } from '@guanjia/contracts/office';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import { audit } from '../../kernel/audit/audit.service';
import { importFailed, parseImport, type RowError } from '../../kernel/excel/excel';
import { label, type SheetDef } from '../../kernel/excel/sheet';
import { translate } from '../../kernel/i18n/messages';
import type { DataScope } from '../../kernel/org/scope';
import { buildingSheet, ledgerSheet, occupantSheet, roomSheet, surveySheet, type Decimal } from './data.sheets';
import { anyOf, jsonRows, latestYearBuilt, rows } from './registry.service';

const colOf = <T>(def: SheetDef<T>, key: keyof T & string, locale: Locale) => label(def.columns.find((c) => c.key === key)!.header, locale);

/** Org units by USCC, division code or id, within the caller's scope. */
async function unitLookup(db: Db, scope: DataScope, codes: string[]) {
  const list = [...new Set(codes.filter(Boolean))];
  const found = list.length === 0 ? [] : await rows<{ id: number; path: string; uscc: string | null; kind: string }>(db, sql`select id, path, uscc, kind from org_units
    where uscc in ${anyOf(list.map((c) => c.toUpperCase()))} or id::text in ${anyOf(list)} or region_code in ${anyOf(list)}`);
  const map = new Map<string, { id: number; path: string; kind: string }>();
  for (const u of found) {
    if (!scope.coversPath(u.path)) continue;
    map.set(String(u.id), u);
    if (u.uscc) map.set(u.uscc, u);
  }
  return (code: string) => map.get(code.toUpperCase()) ?? map.get(code);
}

const areaOk = (v: Decimal | null, max: number) => v === null || (Number(v) > 0 && Number(v) <= max);

export async function importBuildings(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<number> {
  const { rows: input, errors } = await parseImport(buildingSheet, file, locale);
  const unit = await unitLookup(db, scope, input.map((r) => r.value.orgUnit));
  const taken = new Set((await rows<{ code: string }>(db, sql`select code from office_buildings where code in ${anyOf(input.map((r) => r.value.code))}`)).map((x) => x.code));
  const col = (k: keyof typeof input[number]['value'] & string) => colOf(buildingSheet, k, locale);
  for (const { row, value: v } of input) {
    if (!unit(v.orgUnit)) errors.push({ row, column: col('orgUnit'), message: translate(locale, 'org_unit_unknown', { code: v.orgUnit }) });
    if (taken.has(v.code)) errors.push({ row, column: col('code'), message: translate(locale, 'office_code_taken') });
    if (!areaOk(v.grossArea, 500000)) errors.push({ row, column: col('grossArea'), message: translate(locale, 'office_building_invalid') });
    if (!areaOk(v.certArea, 500000)) errors.push({ row, column: col('certArea'), message: translate(locale, 'office_building_invalid') });
    if (v.yearBuilt !== null && v.yearBuilt < 1900) errors.push({ row, column: col('yearBuilt'), message: translate(locale, 'office_building_invalid') });
    else if (v.yearBuilt !== null && v.yearBuilt > latestYearBuilt()) errors.push({ row, column: col('yearBuilt'), message: translate(locale, 'office_year_built', { max: latestYearBuilt() }) });
  }
  if (errors.length) throw importFailed(errors);
  await db.transaction(async (tx) => {
    for (const { value: v } of input) {
      await tx.execute(sql`insert into office_buildings (org_unit_id, code, name, address, title_cert_no, cert_area, owner, gross_area, year_built, structure, lat, lng)
        values (${unit(v.orgUnit)!.id}, ${v.code}, ${v.name}, ${v.address ?? ''}, ${v.titleCertNo ?? ''}, ${v.certArea}, ${v.owner ?? ''}, ${v.grossArea}, ${v.yearBuilt}, ${v.structure ?? 'frame'}, ${v.lat}, ${v.lng})`);
    }
    await audit(tx, who, { action: 'office.building.import', objectType: 'office_building', after: { count: input.length, codes: input.map((r) => r.value.code) } });
  });
  return input.length;
}

/** Rooms by building code; missing floors are created; every rule checked before anything is written. */
export async function importRooms(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale, from: string): Promise<number> {
  const { rows: input, errors } = await parseImport(roomSheet, file, locale);
  const col = (k: keyof typeof input[number]['value'] & string) => colOf(roomSheet, k, locale);
  const codes = [...new Set(input.map((r) => r.value.buildingCode))];
  const buildings = new Map((await rows<{ id: number; code: string; orgUnitId: number; path: string }>(db, sql`select b.id, b.code, b.org_unit_id as "orgUnitId", g.path
    from office_buildings b join org_units g on g.id = b.org_unit_id where b.code in ${anyOf(codes)}`)).filter((b) => scope.coversPath(b.path)).map((b) => [b.code, b]));
  const existing = new Set((await rows<{ k: string }>(db, sql`select b.code || '|' || r.number as k from office_rooms r join office_buildings b on b.id = r.building_id where b.code in ${anyOf(codes)}`)).map((x) => x.k));
  const unit = await unitLookup(db, scope, input.map((r) => r.value.orgUnit ?? ''));
  const seen = new Map<string, number>();
  for (const { row, value: v } of input) {
    const b = buildings.get(v.buildingCode);
    if (!b) errors.push({ row, column: col('buildingCode'), message: translate(locale, 'not_found') });
    const key = `${v.buildingCode}|${v.number}`;
    if (existing.has(key)) errors.push({ row, column: col('number'), message: translate(locale, 'office_room_number_taken') });
    else if (seen.has(key)) errors.push({ row, column: col('number'), message: translate(locale, 'cell_duplicate', { row: seen.get(key) }) });
    seen.set(key, row);
    if (v.floor === 0 || v.floor < -10 || v.floor > 200) errors.push({ row, column: col('floor'), message: translate(locale, 'validation') });
    if (!ROOM_SUB_TYPES[v.roomClass as RoomClass]?.includes(v.subType)) errors.push({ row, column: col('subType'), message: translate(locale, 'office_sub_type', { subType: v.subType }) });
    const u = Number(v.usableArea), g = Number(v.grossArea), w = Number(v.washroomArea ?? 0);
    if (!(u > 0 && u <= 3000)) errors.push({ row, column: col('usableArea'), message: translate(locale, 'office_area_invalid') });
    if (!(g >= u && g <= 5000)) errors.push({ row, column: col('grossArea'), message: translate(locale, 'office_area_invalid') });
    if (!(w >= 0 && w < u)) errors.push({ row, column: col('washroomArea'), message: translate(locale, 'office_area_invalid') });
    if (v.capacity !== null && (v.capacity < 1 || v.capacity > 200)) errors.push({ row, column: col('capacity'), message: translate(locale, 'office_area_invalid') });
    if (v.orgUnit && !unit(v.orgUnit)) errors.push({ row, column: col('orgUnit'), message: translate(locale, 'org_unit_unknown', { code: v.orgUnit }) });
  }
  if (errors.length) throw importFailed(errors);
  await db.transaction(async (tx) => {
    const ready = input.map(({ value: v }) => ({ v, b: buildings.get(v.buildingCode)!, org: v.orgUnit ? unit(v.orgUnit)!.id : buildings.get(v.buildingCode)!.orgUnitId }));
    const floors = [...new Set(ready.map((x) => `${x.b.id}|${x.v.floor}`))].map((s) => s.split('|').map(Number) as [number, number]);
    await tx.execute(sql`insert into office_floors (building_id, org_unit_id, level, name)
      select f.b, b.org_unit_id, f.l, f.l || '层' from ${jsonRows(floors.map(([b, l]) => ({ b, l })))} as f(b int, l int)
      join office_buildings b on b.id = f.b on conflict (building_id, level) do nothing`);
    for (let i = 0; i < ready.length; i += 2000) {
      const part = ready.slice(i, i + 2000);
      await tx.execute(sql`with n as (
          select * from ${jsonRows(part.map((x) => ({ b: x.b.id, l: x.v.floor, org: x.org, num: x.v.number, cls: x.v.roomClass, sub: x.v.subType, ua: x.v.usableArea, ga: x.v.grossArea, wa: x.v.washroomArea ?? '0', cap: x.v.capacity ?? 1, st: x.v.status ?? 'in_use' })))}
            as t(b int, l int, org int, num text, cls text, sub text, ua numeric, ga numeric, wa numeric, cap int, st text)),
        r as (insert into office_rooms (building_id, floor_id, org_unit_id, number, room_class, sub_type, usable_area, gross_area, washroom_area, capacity, status)
          select n.b, f.id, n.org, n.num, n.cls, n.sub, n.ua, n.ga, n.wa, n.cap, n.st from n join office_floors f on f.building_id = n.b and f.level = n.l
          returning id, org_unit_id, status)
        insert into office_room_uses (room_id, org_unit_id, status, during) select id, org_unit_id, status, daterange(${from}::date, null) from r`);
    }
    await audit(tx, who, { action: 'office.room.import', objectType: 'office_room', after: { count: input.length } });
  });
  return input.length;
}

/** People with their rank, and where they sit (optional): capacity checked per room, file and database together. */
export async function importOccupants(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale, today: string): Promise<number> {
  const { rows: input, errors } = await parseImport(occupantSheet, file, locale);
  const col = (k: keyof typeof input[number]['value'] & string) => colOf(occupantSheet, k, locale);
  const unit = await unitLookup(db, scope, input.map((r) => r.value.orgUnit));
  const rankRows = await rows<{ code: string; nameZh: string; nameEn: string }>(db, sql`select code, name_zh as "nameZh", name_en as "nameEn" from ranks`);
  const rankOf = (t: string) => rankRows.find((r) => r.code === t || r.nameZh === t || r.nameEn.toLowerCase() === t.toLowerCase())?.code;
  const keys = input.filter((r) => r.value.buildingCode && r.value.roomNumber).map((r) => `${r.value.buildingCode}|${r.value.roomNumber}`);
  const roomRows = await rows<{ k: string; id: number; cls: string; capacity: number; used: number; orgUnitId: number; path: string }>(db, sql`select b.code || '|' || r.number as k, r.id, r.room_class as cls, r.capacity,
      (select count(*)::int from office_occupancies o where o.room_id = r.id and o.during @> ${today}::date) as used, r.org_unit_id as "orgUnitId", g.path
    from office_rooms r join office_buildings b on b.id = r.building_id join org_units g on g.id = r.org_unit_id where b.code || '|' || r.number in ${anyOf(keys)}`);
  const roomBy = new Map(roomRows.filter((r) => scope.coversPath(r.path)).map((r) => [r.k, r]));
  const load = new Map<number, number>();
  for (const { row, value: v } of input) {
    if (!unit(v.orgUnit) || unit(v.orgUnit)!.kind === 'region') errors.push({ row, column: col('orgUnit'), message: translate(locale, 'org_unit_unknown', { code: v.orgUnit }) });
    if (!rankOf(v.rank)) errors.push({ row, column: col('rank'), message: translate(locale, 'office_rank_unknown', { rank: v.rank }) });
    if (!v.buildingCode && !v.roomNumber) continue;
    const room = roomBy.get(`${v.buildingCode}|${v.roomNumber}`);
    if (!room) { errors.push({ row, column: col('roomNumber'), message: translate(locale, 'not_found') }); continue; }
    if (room.cls !== 'office') { errors.push({ row, column: col('roomNumber'), message: translate(locale, 'office_not_office') }); continue; }
    const n = (load.get(room.id) ?? room.used) + 1;
    load.set(room.id, n);
    if (n > room.capacity) errors.push({ row, column: col('roomNumber'), message: translate(locale, 'office_capacity') });
  }
  if (errors.length) throw importFailed(errors);
  await db.transaction(async (tx) => {
    for (const { value: v } of input) {
      const organ = await rows<{ id: number }>(tx, sql`select a.id from org_units u join org_units a on u.path like a.path || '%' where u.id = ${unit(v.orgUnit)!.id} and a.kind = 'organ' order by length(a.path) desc limit 1`);
      const p = await rows<{ id: number }>(tx, sql`insert into office_persons (org_unit_id, department_id, name, rank_code) values (${organ[0]!.id}, ${organ[0]!.id === unit(v.orgUnit)!.id ? null : unit(v.orgUnit)!.id}, ${v.name}, ${rankOf(v.rank)!}) returning id`);
      const room = v.buildingCode && v.roomNumber ? roomBy.get(`${v.buildingCode}|${v.roomNumber}`) : undefined;
      if (room) await tx.execute(sql`insert into office_occupancies (room_id, person_id, org_unit_id, kind, during) values (${room.id}, ${p[0]!.id}, ${room.orgUnitId}, ${v.kind ?? 'main'}, daterange(${v.from ?? today}::date, null))`);
    }
    await audit(tx, who, { action: 'office.occupant.import', objectType: 'office_person', after: { count: input.length } });
  });
  return input.length;
}

/** A survey (清查) batch: stored as delivered, then reconciled against the records (账实). */
export async function importSurvey(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<{ batch: number; imported: number }> {
  const { rows: input, errors } = await parseImport(surveySheet, file, locale);
  const col = (k: keyof typeof input[number]['value'] & string) => colOf(surveySheet, k, locale);
  const codes = [...new Set(input.map((r) => r.value.buildingCode))];
  const buildings = new Map((await rows<{ code: string; orgUnitId: number; path: string }>(db, sql`select b.code, b.org_unit_id as "orgUnitId", g.path from office_buildings b join org_units g on g.id = b.org_unit_id where b.code in ${anyOf(codes)}`))
    .filter((b) => scope.coversPath(b.path)).map((b) => [b.code, b]));
  const seen = new Map<string, number>();
  for (const { row, value: v } of input) {
    if (!buildings.has(v.buildingCode)) errors.push({ row, column: col('buildingCode'), message: translate(locale, 'not_found') });
    const u = Number(v.usableArea);
    if (!(u > 0 && u <= 3000)) errors.push({ row, column: col('usableArea'), message: translate(locale, 'office_area_invalid') });
    const key = `${v.buildingCode}|${v.roomNumber}`;
    if (seen.has(key)) errors.push({ row, column: col('roomNumber'), message: translate(locale, 'cell_duplicate', { row: seen.get(key) }) });
    seen.set(key, row);
  }
  if (errors.length) throw importFailed(errors as RowError[]);
  return db.transaction(async (tx) => {
    const batch = (await rows<{ b: number }>(tx, sql`select coalesce(max(batch), 0) + 1 as b from office_survey_rows`))[0]!.b;
    for (let i = 0; i < input.length; i += 5000) {
      const part = input.slice(i, i + 5000).map((r) => r.value);
      await tx.execute(sql`insert into office_survey_rows (batch, org_unit_id, building_code, room_number, usable_area, room_class, occupants, surveyed_on)
        select ${batch}, t.org, t.code, t.num, t.ua, t.cls, t.occ, t.d
        from ${jsonRows(part.map((v) => ({ org: buildings.get(v.buildingCode)!.orgUnitId, code: v.buildingCode, num: v.roomNumber, ua: v.usableArea, cls: v.roomClass, occ: v.occupants ?? 0, d: v.surveyedOn })))}
          as t(org int, code text, num text, ua numeric, cls text, occ int, d date)`);
    }
    await audit(tx, who, { action: 'office.survey.import', objectType: 'office_survey', objectId: batch, after: { rows: input.length } });
    return { batch, imported: input.length };
  });
}

/**
 * 单位台账: an organ's declared rooms for a year. All or nothing; each (organ, year) in the file
 * replaces that organ's earlier declaration for the year. Buildings and rooms unknown to the master
 * ledger are not errors: they are differences the reconciliation lists.
 */
export async function importLedger(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<{ imported: number; snapshots: number }> {
  const { rows: input, errors } = await parseImport(ledgerSheet, file, locale);
  const col = (k: keyof typeof input[number]['value'] & string) => colOf(ledgerSheet, k, locale);
  const unit = await unitLookup(db, scope, input.map((r) => r.value.orgUnit));
  const seen = new Map<string, number>();
  for (const { row, value: v } of input) {
    const u = unit(v.orgUnit);
    if (!u || u.kind !== 'organ') errors.push({ row, column: col('orgUnit'), message: translate(locale, 'org_unit_unknown', { code: v.orgUnit }) });
    if (!(v.year >= 2000 && v.year <= 2100)) errors.push({ row, column: col('year'), message: translate(locale, 'office_ledger_year') });
    const a = Number(v.usableArea);
    if (!(a > 0 && a <= 3000)) errors.push({ row, column: col('usableArea'), message: translate(locale, 'office_area_invalid') });
    const key = `${u?.id ?? v.orgUnit}|${v.year}|${v.buildingCode}|${v.roomNumber}`;
    if (seen.has(key)) errors.push({ row, column: col('roomNumber'), message: translate(locale, 'cell_duplicate', { row: seen.get(key) }) });
    seen.set(key, row);
  }
  if (errors.length) throw importFailed(errors as RowError[]);
  const list = input.map(({ value: v }) => ({ org: unit(v.orgUnit)!.id, year: v.year, code: v.buildingCode, num: v.roomNumber, cls: v.roomClass, ua: v.usableArea }));
  const snapshots = [...new Map(list.map((x) => [`${x.org}|${x.year}`, { org: x.org, year: x.year }])).values()];
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from office_ledger_rows l using ${jsonRows(snapshots)} as s(org int, year int) where l.org_unit_id = s.org and l.year = s.year`);
    for (let i = 0; i < list.length; i += 5000) {
      await tx.execute(sql`insert into office_ledger_rows (org_unit_id, year, building_code, room_number, room_class, usable_area)
        select t.org, t.year, t.code, t.num, t.cls, t.ua from ${jsonRows(list.slice(i, i + 5000))} as t(org int, year int, code text, num text, cls text, ua numeric)`);
    }
    await audit(tx, who, { action: 'office.ledger.import', objectType: 'office_ledger', after: { rows: list.length, snapshots } });
    return { imported: list.length, snapshots: snapshots.length };
  });
}
