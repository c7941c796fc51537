import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, IsoDate, Ok, PageQuery } from '@guanjia/contracts';
import { AssignInput, BuildingEvent, RankChange, RankPeriod, Building, BuildingInput, BuildingUpdate, EndOccupancy, FloorInput, FloorUpdate, OrganPeriod, Transfer, PersonInput, PersonLeave, Room, RoomInput, RoomQuery, RoomUpdate, RoomUseChange } from '@guanjia/contracts/office';
import { audit } from '../../kernel/audit/audit.service';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { subjectOf } from '../../kernel/http/types';
import { today } from '../../kernel/excel/reply';
import { officeBuildings, officeFloorVersions, officeFloors, officeOccupancies, officePersons, officeRooms } from './office.schema';
import { guarded } from './db-errors';
import { assertSubType, assertYearBuilt, buildingValues, changeUse, getBuilding, getRoom, listBuildings, listRooms, one, organOf, roomDetail, rows, roomValues } from './registry.service';
import { buildingTimeline } from './timeline.service';
import { leavePerson, listPersons, organPeriods, transferPerson } from './persons.service';

const tags = ['office'];
const read = { permission: 'office.read' };
const write = { permission: 'office.write' };

/** A building version's attributes (office_building_versions v, its keeping organ g). */
const VERSION_COLUMNS = sql`v.title_cert_no as "titleCertNo", v.cert_area::float8 as "certArea", v.owner, v.gross_area::float8 as "grossArea", v.structure,
  v.name, v.address, v.year_built as "yearBuilt", v.org_unit_id as "orgUnitId", g.name as "orgUnitName"`;

/** Buildings → floors → rooms, occupants and persons: the registry (台账) of one organ or region. */
export async function registryRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/office/buildings', { config: read, schema: { tags, querystring: PageQuery } }, (req) =>
    listBuildings(app.db, req.scope, req.query.q, req.query.page, req.query.pageSize));

  r.get('/api/office/buildings/:id', { config: read, schema: { tags, params: IdParam, querystring: z.object({ date: IsoDate.optional() }) } }, async (req) => {
    const current = await getBuilding(app.db, req.scope, req.params.id);
    // As of a day: the recorded attributes then (office_building_versions), and every version.
    const asOf = req.query.date ? await one(app.db, sql`select ${VERSION_COLUMNS}
      from office_building_versions v join org_units g on g.id = v.org_unit_id where v.building_id = ${req.params.id} and v.during @> ${req.query.date}::date`) : undefined;
    const b = { ...current, ...(asOf ?? {}) };
    const history = await rows(app.db, sql`select ${VERSION_COLUMNS},
        to_char(lower(v.during), 'YYYY-MM-DD') as "from", to_char(upper(v.during) - 1, 'YYYY-MM-DD') as "to"
      from office_building_versions v join org_units g on g.id = v.org_unit_id where v.building_id = ${req.params.id} order by lower(v.during) nulls first`);
    // Floors as of the day (office_floor_versions: a floor recorded later is not there yet), each with
    // the rooms the room list shows that day (recorded then, office_room_versions; in scope by the organ then).
    const floors = req.query.date
      ? await rows(app.db, sql`select f.id, f.building_id as "buildingId", fv.level, fv.name,
          (select count(*)::int from office_rooms r join office_room_versions v on v.room_id = r.id and v.during @> ${req.query.date}::date
            left join office_room_uses u on u.room_id = r.id and u.during @> ${req.query.date}::date
            where r.floor_id = f.id and ${req.scope.where(sql`coalesce(u.org_unit_id, r.org_unit_id)`)}) as rooms
          from office_floors f join office_floor_versions fv on fv.floor_id = f.id and fv.during @> ${req.query.date}::date
          where f.building_id = ${req.params.id} order by fv.level desc`)
      : await rows(app.db, sql`select f.id, f.building_id as "buildingId", f.level, f.name,
          (select count(*)::int from office_rooms r where r.floor_id = f.id and ${req.scope.where(sql`r.org_unit_id`)}) as rooms
          from office_floors f where f.building_id = ${req.params.id} order by f.level desc`);
    return { ...b, floorList: floors, history };
  });

  r.get('/api/office/buildings/:id/history', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(BuildingEvent) } } }, async (req) => {
    await getBuilding(app.db, req.scope, req.params.id);
    return buildingTimeline(app.db, req.scope, req.params.id);
  });

  r.post('/api/office/buildings', { config: write, schema: { tags, body: BuildingInput, response: { 200: Building } } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    assertYearBuilt(req.body.yearBuilt);
    const id = await guarded(() => app.db.transaction(async (tx) => {
      const [b] = await tx.insert(officeBuildings).values(buildingValues(req.body)).returning();
      await audit(tx, subjectOf(req), { action: 'office.building.create', objectType: 'office_building', objectId: b!.id, after: b });
      return b!.id;
    }));
    return getBuilding(app.db, req.scope, id) as Promise<Building>;
  });

  /** Every attribute (name, address, year and keeping organ included) changes from `from` (default today, never after it): earlier days keep the old ones. */
  r.patch('/api/office/buildings/:id', { config: write, schema: { tags, params: IdParam, body: BuildingUpdate, response: { 200: Building } } }, async (req) => {
    const before = await getBuilding(app.db, req.scope, req.params.id);
    await req.scope.assert(app.db, before.orgUnitId);
    await req.scope.assert(app.db, req.body.orgUnitId);
    const { from, ...input } = req.body;
    if (from && from > today()) throw invalid('office_building_from', {}, 'body.from');
    assertYearBuilt(input.yearBuilt);
    await guarded(() => app.db.transaction(async (tx) => {
      if (from) await tx.execute(sql`select set_config('office.valid_from', ${from}, true)`);
      const [after] = await tx.update(officeBuildings).set(buildingValues(input)).where(eq(officeBuildings.id, req.params.id)).returning();
      await audit(tx, subjectOf(req), { action: 'office.building.update', objectType: 'office_building', objectId: req.params.id, before, after: { ...after, from: from ?? today() } });
    }));
    return getBuilding(app.db, req.scope, req.params.id) as Promise<Building>;
  });

  r.post('/api/office/floors', { config: write, schema: { tags, body: FloorInput } }, async (req) => {
    const b = await getBuilding(app.db, req.scope, req.body.buildingId);
    await req.scope.assert(app.db, b.orgUnitId);
    return guarded(() => app.db.transaction(async (tx) => {
      // A floor given a first day (a new storey, a new building) has no record before it.
      if (req.body.from) {
        if (req.body.from > today()) throw invalid('office_floor_overlap', {}, 'body.from');
        await tx.execute(sql`select set_config('office.valid_from', ${req.body.from}, true)`);
      }
      const [f] = await tx.insert(officeFloors).values({ buildingId: req.body.buildingId, level: req.body.level, name: req.body.name, orgUnitId: b.orgUnitId }).returning();
      await audit(tx, subjectOf(req), { action: 'office.floor.create', objectType: 'office_floor', objectId: f!.id, after: { ...f, from: req.body.from ?? null } });
      return f!;
    }));
  });

  /** A floor renamed (or renumbered) from a day on: earlier days keep the old name (office_floor_versions). */
  r.patch('/api/office/floors/:id', { config: write, schema: { tags, params: IdParam, body: FloorUpdate } }, async (req) => {
    const [f] = await app.db.select().from(officeFloors).where(eq(officeFloors.id, req.params.id));
    if (!f) throw notFound();
    await req.scope.assert(app.db, f.orgUnitId);
    if (req.body.from > today()) throw invalid('office_floor_overlap', {}, 'body.from');
    return guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('office.valid_from', ${req.body.from}, true)`);
      const [after] = await tx.update(officeFloors).set({ name: req.body.name, ...(req.body.level !== undefined ? { level: req.body.level } : {}) }).where(eq(officeFloors.id, req.params.id)).returning();
      await audit(tx, subjectOf(req), { action: 'office.floor.update', objectType: 'office_floor', objectId: f.id, before: f, after: { ...after, from: req.body.from } });
      return after!;
    }));
  });

  /**
   * A floor entered by mistake is removed with its dated names, as if never entered. A floor that
   * ever had a room stays: the rooms' history (and any past day's view) needs it.
   */
  r.delete('/api/office/floors/:id', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const [f] = await app.db.select().from(officeFloors).where(eq(officeFloors.id, req.params.id));
    if (!f) throw notFound();
    await req.scope.assert(app.db, f.orgUnitId);
    return guarded(() => app.db.transaction(async (tx) => {
      // The row lock waits for a room being added on this floor (its foreign key holds a share lock) to commit first.
      await tx.execute(sql`select 1 from office_floors where id = ${f.id} for update`);
      const used = await tx.execute(sql`select 1 from office_rooms where floor_id = ${f.id} limit 1`);
      if (used.rows.length > 0) throw conflict('office_floor_has_rooms');
      await tx.delete(officeFloorVersions).where(eq(officeFloorVersions.floorId, f.id));
      await tx.delete(officeFloors).where(eq(officeFloors.id, f.id));
      await audit(tx, subjectOf(req), { action: 'office.floor.delete', objectType: 'office_floor', objectId: f.id, before: f });
      return { ok: true as const };
    }));
  });

  r.get('/api/office/rooms', { config: read, schema: { tags, querystring: RoomQuery } }, (req) => listRooms(app.db, req.scope, req.query));

  r.get('/api/office/rooms/:id', { config: read, schema: { tags, params: IdParam, querystring: z.object({ date: IsoDate.optional() }) } }, (req) =>
    roomDetail(app.db, req.scope, req.params.id, req.query.date));

  r.post('/api/office/rooms', { config: write, schema: { tags, body: RoomInput, response: { 200: Room } } }, async (req) => {
    const b = req.body;
    await req.scope.assert(app.db, b.orgUnitId);
    assertSubType(b.roomClass, b.subType);
    if (b.grossArea < b.usableArea || b.washroomArea >= b.usableArea) throw invalid('office_area_invalid');
    const from = b.from ?? today();
    // A room is not on its floor before the floor was recorded (a past day would list it on no floor).
    if (await one(app.db, sql`select 1 as x from office_floors f where f.id = ${b.floorId}
      and not exists (select 1 from office_floor_versions fv where fv.floor_id = f.id and fv.during @> ${from}::date)`)) throw invalid('office_room_before_floor', {}, 'body.from');
    const id = await guarded(() => app.db.transaction(async (tx) => {
      // The room exists from its first day: its attributes (office_room_versions) start with its use, a past day before it does not list it.
      await tx.execute(sql`select set_config('office.valid_from', ${from}, true)`);
      const [room] = await tx.insert(officeRooms).values(roomValues(b)).returning();
      await changeUse(tx, room!.id, { status: b.status, orgUnitId: b.orgUnitId, departmentId: b.departmentId, from });
      await audit(tx, subjectOf(req), { action: 'office.room.create', objectType: 'office_room', objectId: room!.id, after: { ...room, from } });
      return room!.id;
    }));
    return getRoom(app.db, req.scope, id);
  });

  r.patch('/api/office/rooms/:id', { config: write, schema: { tags, params: IdParam, body: RoomUpdate, response: { 200: Room } } }, async (req) => {
    const before = await getRoom(app.db, req.scope, req.params.id);
    const next = { ...before, ...req.body };
    assertSubType(next.roomClass, next.subType);
    const set = {
      ...(req.body.number !== undefined ? { number: req.body.number } : {}),
      ...(req.body.roomClass !== undefined ? { roomClass: req.body.roomClass } : {}),
      ...(req.body.subType !== undefined ? { subType: req.body.subType } : {}),
      ...(req.body.usableArea !== undefined ? { usableArea: String(req.body.usableArea) } : {}),
      ...(req.body.grossArea !== undefined ? { grossArea: String(req.body.grossArea) } : {}),
      ...(req.body.washroomArea !== undefined ? { washroomArea: String(req.body.washroomArea) } : {}),
      ...(req.body.capacity !== undefined ? { capacity: req.body.capacity } : {}),
    };
    await guarded(() => app.db.transaction(async (tx) => {
      const [after] = await tx.update(officeRooms).set({ ...set, updatedAt: new Date() }).where(eq(officeRooms.id, req.params.id)).returning();
      await audit(tx, subjectOf(req), { action: 'office.room.update', objectType: 'office_room', objectId: req.params.id, before, after });
    }));
    return getRoom(app.db, req.scope, req.params.id);
  });

  r.post('/api/office/rooms/:id/use', { config: write, schema: { tags, params: IdParam, body: RoomUseChange, response: { 200: Room } } }, async (req) => {
    const before = await getRoom(app.db, req.scope, req.params.id);
    await req.scope.assert(app.db, req.body.orgUnitId);
    await guarded(() => app.db.transaction(async (tx) => {
      await changeUse(tx, req.params.id, req.body);
      await audit(tx, subjectOf(req), { action: 'office.room.use', objectType: 'office_room', objectId: req.params.id, before: { status: before.status, orgUnitId: before.orgUnitId }, after: req.body });
    }));
    return getRoom(app.db, req.scope, req.params.id);
  });

  r.post('/api/office/rooms/:id/occupants', { config: write, schema: { tags, params: IdParam, body: AssignInput } }, async (req) => {
    const room = await getRoom(app.db, req.scope, req.params.id);
    const [p] = await app.db.select().from(officePersons).where(eq(officePersons.id, req.body.personId));
    if (!p) throw notFound();
    await req.scope.assert(app.db, p.orgUnitId);
    if (p.status !== 'active') throw invalid('office_person_left');
    const to = req.body.to;
    return guarded(() => app.db.transaction(async (tx) => {
      const [o] = await tx.insert(officeOccupancies).values({
        roomId: room.id, personId: p.id, orgUnitId: room.orgUnitId, kind: req.body.kind,
        during: sql`daterange(${req.body.from}::date, ${to === null ? null : sql`${to}::date + 1`})` as unknown as string,
      }).returning({ id: officeOccupancies.id });
      await audit(tx, subjectOf(req), { action: 'office.occupant.assign', objectType: 'office_room', objectId: room.id, after: { ...req.body, name: p.name } });
      return { occupancyId: o!.id };
    }));
  });

  r.post('/api/office/occupancies/:id/end', { config: write, schema: { tags, params: IdParam, body: EndOccupancy, response: { 200: Ok } } }, async (req) => {
    const o = await one<{ roomId: number; orgUnitId: number }>(app.db, sql`select o.room_id as "roomId", r.org_unit_id as "orgUnitId" from office_occupancies o join office_rooms r on r.id = o.room_id where o.id = ${req.params.id}`);
    if (!o) throw notFound();
    await req.scope.assert(app.db, o.orgUnitId);
    // A room to vacate (腾退) is closed through the bureau's approval, not here.
    if (await one(app.db, sql`select 1 from office_vacate_tasks where occupancy_id = ${req.params.id} and done_on is null`)) throw conflict('office_vacate_needs_approval');
    await guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`update office_occupancies set during = daterange(lower(during), ${req.body.to}::date + 1) where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.occupant.end', objectType: 'office_room', objectId: o.roomId, after: { occupancyId: req.params.id, to: req.body.to } });
    }));
    return { ok: true as const };
  });

  r.get('/api/office/persons', { config: read, schema: { tags, querystring: PageQuery.extend({ orgUnitId: z.coerce.number().int().positive().optional(), date: IsoDate.optional() }) } }, (req) =>
    listPersons(app.db, req.scope, req.query));

  r.post('/api/office/persons', { config: write, schema: { tags, body: PersonInput } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    const organ = await organOf(app.db, req.body.orgUnitId);
    if (!organ) throw invalid('office_rank_unknown', { rank: req.body.rankCode });
    const rank = await one(app.db, sql`select 1 from ranks where code = ${req.body.rankCode}`);
    if (!rank) throw invalid('office_rank_unknown', { rank: req.body.rankCode }, 'body.rankCode');
    return app.db.transaction(async (tx) => {
      const [p] = await tx.insert(officePersons).values({ orgUnitId: organ.id, departmentId: req.body.departmentId ?? (organ.id === req.body.orgUnitId ? null : req.body.orgUnitId), name: req.body.name, rankCode: req.body.rankCode }).returning();
      await audit(tx, subjectOf(req), { action: 'office.person.create', objectType: 'office_person', objectId: p!.id, after: p });
      return p!;
    });
  });

  r.get('/api/office/persons/:id/ranks', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(RankPeriod) } } }, async (req) => {
    const p = await one<{ orgUnitId: number }>(app.db, sql`select org_unit_id as "orgUnitId" from office_persons where id = ${req.params.id}`);
    if (!p) throw notFound();
    await req.scope.assert(app.db, p.orgUnitId);
    return rankPeriods(app.db, req.params.id);
  });

  /**
   * 职级变动 on a day: the open period ends the day before and the new rank holds from that day
   * (the same day again rewrites it). A day before the current period's start would overlap
   * recorded history: the database refuses it (exclusion constraint), nothing changes.
   */
  r.post('/api/office/persons/:id/ranks', { config: write, schema: { tags, params: IdParam, body: RankChange, response: { 200: z.array(RankPeriod) } } }, async (req) => {
    const p = await one<{ orgUnitId: number; rankCode: string }>(app.db, sql`select org_unit_id as "orgUnitId", rank_code as "rankCode" from office_persons where id = ${req.params.id}`);
    if (!p) throw notFound();
    await req.scope.assert(app.db, p.orgUnitId);
    if (!(await one(app.db, sql`select 1 as x from ranks where code = ${req.body.rankCode}`))) throw invalid('office_rank_unknown', { rank: req.body.rankCode }, 'body.rankCode');
    if (req.body.from > today()) throw invalid('office_rank_future', {}, 'body.from');
    const before = await rankPeriods(app.db, req.params.id);
    await guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('office.rank_dated', 'on', true)`);
      const id = req.params.id;
      const same = await tx.execute(sql`update office_person_ranks set rank_code = ${req.body.rankCode} where person_id = ${id} and upper_inf(during) and lower(during) = ${req.body.from}::date returning id`);
      if (same.rows.length === 0) {
        await tx.execute(sql`update office_person_ranks set during = daterange(lower(during), ${req.body.from}::date)
          where person_id = ${id} and upper_inf(during) and (lower_inf(during) or lower(during) < ${req.body.from}::date)`);
        await tx.execute(sql`insert into office_person_ranks (person_id, rank_code, during) values (${id}, ${req.body.rankCode}, daterange(${req.body.from}::date, null))`);
      }
      // The person row carries the rank held today.
      await tx.execute(sql`update office_persons p set rank_code = r.rank_code from office_person_ranks r
        where p.id = ${id} and r.person_id = p.id and r.during @> ${today()}::date`);
      await audit(tx, subjectOf(req), { action: 'office.person.rank', objectType: 'office_person', objectId: id, before: { rankCode: p.rankCode, periods: before }, after: req.body });
    }));
    return rankPeriods(app.db, req.params.id);
  });

  r.get('/api/office/persons/:id/organs', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(OrganPeriod) } } }, async (req) => {
    const p = await one<{ orgUnitId: number }>(app.db, sql`select org_unit_id as "orgUnitId" from office_persons where id = ${req.params.id}`);
    if (!p) throw notFound();
    await req.scope.assert(app.db, p.orgUnitId);
    return organPeriods(app.db, req.params.id);
  });

  /**
   * 调动 on a day: the person belongs to the new organ from that day (entitlement, headcount and
   * scope follow it); offices held in rooms the new organ does not use get a vacate task.
   */
  r.post('/api/office/persons/:id/transfer', { config: write, schema: { tags, params: IdParam, body: Transfer, response: { 200: z.array(OrganPeriod) } } }, async (req) => {
    await transferPerson(app.db, req.scope, subjectOf(req), req.params.id, req.body);
    return organPeriods(app.db, req.params.id);
  });

  r.post('/api/office/persons/:id/leave', { config: write, schema: { tags, params: IdParam, body: PersonLeave, response: { 200: Ok } } }, async (req) => {
    await leavePerson(app.db, req.scope, subjectOf(req), req.params.id, req.body);
    return { ok: true as const };
  });
}

const rankPeriods = (db: FastifyInstance['db'], personId: number) => rows<RankPeriod>(db, sql`select id, rank_code as "rankCode",
    to_char(lower(during), 'YYYY-MM-DD') as "from", to_char(upper(during) - 1, 'YYYY-MM-DD') as "to"
  from office_person_ranks where person_id = ${personId} order by lower(during) nulls first`);
