import { sql } from 'drizzle-orm';
import type { BuildingEvent } from '@guanjia/contracts/office';
import { rows, type Q } from './registry.service';
import type { DataScope } from '../../kernel/org/scope';

type Change = { field: string; from: string | number | null; to: string | number | null };
type Version = Record<string, string | number | null> & { from: string | null; to: string | null };

/** The fields that differ between two consecutive versions. */
function diff(prev: Version | undefined, next: Version, fields: string[]): Change[] {
  if (!prev) return fields.filter((f) => next[f] !== null && next[f] !== '').map((f) => ({ field: f, from: null, to: next[f] ?? null }));
  return fields.filter((f) => prev[f] !== next[f]).map((f) => ({ field: f, from: prev[f] ?? null, to: next[f] ?? null }));
}

/**
 * A building's dated changes, newest first: its recorded attributes (office_building_versions: name, address, year, keeping organ, certificate …), floors
 * added or renamed (office_floor_versions), rooms added, changed (office_room_versions) and their uses
 * (status and using organ, office_room_uses: handed over, vacant, under repair, disposed …). Each
 * event names who recorded it and when, from the audit trail where an entry of that object and day exists.
 * Rooms are those the caller's scope sees (today's or the day's using organ).
 */
export async function buildingTimeline(db: Q, scope: DataScope, buildingId: number): Promise<BuildingEvent[]> {
  const events: (BuildingEvent & { objectType: string; objectId: number })[] = [];
  const b = await rows<Version>(db, sql`select v.name, v.address, v.year_built as "yearBuilt", g.name as keeper, v.title_cert_no as "titleCertNo", v.cert_area::float8 as "certArea",
      v.owner, v.gross_area::float8 as "grossArea", v.structure, to_char(lower(v.during), 'YYYY-MM-DD') as "from", to_char(upper(v.during) - 1, 'YYYY-MM-DD') as "to"
    from office_building_versions v left join org_units g on g.id = v.org_unit_id where v.building_id = ${buildingId} order by lower(v.during) nulls first`);
  b.forEach((v, i) => {
    if (v.from === null) return;
    events.push({ day: v.from, kind: i === 0 ? 'building_added' : 'building_changed', subject: '', changes: diff(b[i - 1], v, ['name', 'address', 'yearBuilt', 'keeper', 'titleCertNo', 'certArea', 'owner', 'grossArea', 'structure']), objectType: 'office_building', objectId: buildingId, by: null, at: null });
  });
  const floors = await rows<Version & { floorId: number }>(db, sql`select v.floor_id as "floorId", v.level, v.name,
      to_char(lower(v.during), 'YYYY-MM-DD') as "from", to_char(upper(v.during) - 1, 'YYYY-MM-DD') as "to"
    from office_floor_versions v join office_floors f on f.id = v.floor_id where f.building_id = ${buildingId} order by v.floor_id, lower(v.during) nulls first`);
  floors.forEach((v, i) => {
    const prev = floors[i - 1]?.floorId === v.floorId ? floors[i - 1] : undefined;
    if (v.from === null) return;
    events.push({ day: v.from, kind: prev ? 'floor_changed' : 'floor_added', subject: String(v.name), changes: diff(prev, v, ['level', 'name']), objectType: 'office_floor', objectId: v.floorId, by: null, at: null });
  });
  const visible = sql`r.building_id = ${buildingId} and (${scope.where(sql`r.org_unit_id`)} or exists (select 1 from office_room_uses x where x.room_id = r.id and ${scope.where(sql`x.org_unit_id`)}))`;
  const versions = await rows<Version & { roomId: number; number: string }>(db, sql`select v.room_id as "roomId", r.number, v.room_class as "roomClass", v.sub_type as "subType",
      v.usable_area::float8 as "usableArea", v.gross_area::float8 as "grossArea", v.washroom_area::float8 as "washroomArea", v.capacity,
      to_char(lower(v.during), 'YYYY-MM-DD') as "from", to_char(upper(v.during) - 1, 'YYYY-MM-DD') as "to"
    from office_room_versions v join office_rooms r on r.id = v.room_id where ${visible} order by v.room_id, lower(v.during) nulls first`);
  versions.forEach((v, i) => {
    const prev = versions[i - 1]?.roomId === v.roomId ? versions[i - 1] : undefined;
    if (v.from === null || !prev) return;
    events.push({ day: v.from, kind: 'room_changed', subject: v.number, changes: diff(prev, v, ['roomClass', 'subType', 'usableArea', 'grossArea', 'washroomArea', 'capacity']), objectType: 'office_room', objectId: v.roomId, by: null, at: null });
  });
  const uses = await rows<Version & { roomId: number; number: string }>(db, sql`select u.room_id as "roomId", r.number, u.status, g.name as organ,
      to_char(lower(u.during), 'YYYY-MM-DD') as "from", to_char(upper(u.during) - 1, 'YYYY-MM-DD') as "to"
    from office_room_uses u join office_rooms r on r.id = u.room_id join org_units g on g.id = u.org_unit_id where ${visible} order by u.room_id, lower(u.during) nulls first`);
  uses.forEach((v, i) => {
    const prev = uses[i - 1]?.roomId === v.roomId ? uses[i - 1] : undefined;
    if (v.from === null) return;
    events.push({ day: v.from, kind: prev ? (v.status === 'disposed' ? 'room_disposed' : 'room_use') : 'room_added', subject: v.number, changes: diff(prev, v, ['status', 'organ']), objectType: 'office_room', objectId: v.roomId, by: null, at: null });
  });
  // Who recorded each change, and when: the audit entry on the object dated that day (its `from`) or written that day.
  if (events.length > 0) {
    const keys = [...new Set(events.map((e) => `${e.objectType}:${e.objectId}`))];
    const audits = await rows<{ key: string; day: string; username: string | null; at: string }>(db, sql`select a.object_type || ':' || a.object_id as key,
        coalesce(a.after->>'from', to_char((a.at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')) as day, a.username, to_char(a.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
      from audit_log a where a.result = 'ok' and (a.object_type, a.object_id) in (${sql.join(keys.map((k) => { const [t, i] = k.split(':'); return sql`(${t}, ${i})`; }), sql`, `)}) and a.action like 'office.%' order by a.id`);
    const byKey = new Map<string, { username: string | null; at: string }>();
    for (const a of audits) byKey.set(`${a.key}@${a.day}`, a);
    for (const e of events) {
      const a = byKey.get(`${e.objectType}:${e.objectId}@${e.day}`);
      if (a) { e.by = a.username; e.at = a.at; }
    }
  }
  const order = ['building_added', 'floor_added', 'room_added', 'building_changed', 'floor_changed', 'room_changed', 'room_use', 'room_disposed'];
  return events
    .sort((x, y) => (y.day ?? '').localeCompare(x.day ?? '') || order.indexOf(x.kind) - order.indexOf(y.kind) || x.subject.localeCompare(y.subject, 'zh'))
    .map(({ objectType: _t, objectId: _i, ...e }) => e);
}
