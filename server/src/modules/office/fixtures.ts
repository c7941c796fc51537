import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** Test fixtures written straight to the database (the rules still hold: constraints and triggers run). */
export async function organByLevel(db: Db, level: string, nameLike = '%'): Promise<number> {
  const r = await db.execute(sql`select id from org_units where kind = 'organ' and organ_level = ${level} and name like ${nameLike} order by id limit 1`);
  return (r.rows[0] as { id: number }).id;
}

let seq = 0;
/** A building with one floor under an organ; returns their ids. */
export async function building(db: Db, organId: number): Promise<{ buildingId: number; floorId: number }> {
  const code = `T-${Date.now() % 1e7}-${++seq}`;
  const b = await db.execute(sql`insert into office_buildings (org_unit_id, code, name, gross_area) values (${organId}, ${code}, ${`测试楼${seq}`}, 5000) returning id`);
  const buildingId = (b.rows[0] as { id: number }).id;
  const f = await db.execute(sql`insert into office_floors (building_id, org_unit_id, level, name) values (${buildingId}, ${organId}, 1, '1层') returning id`);
  return { buildingId, floorId: (f.rows[0] as { id: number }).id };
}

/** An office in use by the organ with the given people (rank codes) sitting in it since 2024-01-01. */
export async function office(db: Db, at: { buildingId: number; floorId: number }, organId: number, area: number, people: { rank: string; organId?: number; kind?: 'main' | 'extra' }[], washroom = 0): Promise<number> {
  const r = await db.execute(sql`insert into office_rooms (building_id, floor_id, org_unit_id, number, room_class, sub_type, usable_area, gross_area, washroom_area, capacity)
    values (${at.buildingId}, ${at.floorId}, ${organId}, ${`R${++seq}`}, 'office', 'office', ${area}, ${area + 10}, ${washroom}, 10) returning id`);
  const roomId = (r.rows[0] as { id: number }).id;
  await db.execute(sql`insert into office_room_uses (room_id, org_unit_id, status, during) values (${roomId}, ${organId}, 'in_use', daterange('2024-01-01', null))`);
  for (const p of people) {
    const pr = await db.execute(sql`insert into office_persons (org_unit_id, name, rank_code) values (${p.organId ?? organId}, ${`测试${seq}`}, ${p.rank}) returning id`);
    await db.execute(sql`insert into office_occupancies (room_id, person_id, org_unit_id, kind, during)
      values (${roomId}, ${(pr.rows[0] as { id: number }).id}, ${organId}, ${p.kind ?? 'main'}, daterange('2024-01-01', null))`);
  }
  return roomId;
}

export async function verdictOf(db: Db, roomId: number): Promise<{ verdict: string; overArea: number | null; allowed: number | null; hasExtra: boolean }> {
  const r = await db.execute(sql`select verdict, over_area::float8 as "overArea", allowed::float8 as allowed, has_extra as "hasExtra" from office_room_compliance(current_date,
    (select g.path from office_rooms r join org_units g on g.id = r.org_unit_id where r.id = ${roomId})) where room_id = ${roomId}`);
  return r.rows[0] as never;
}
