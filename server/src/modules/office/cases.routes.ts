import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, IsoDate } from '@guanjia/contracts';
import { AllocationProposal, OfficeRequestInput, RectificationClose, RectificationOpen, VacateClose } from '@guanjia/contracts/office';
import { audit } from '../../kernel/audit/audit.service';
import { submitApproval } from '../../kernel/approvals/approvals.service';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { today } from '../../kernel/excel/reply';
import { guarded } from './db-errors';
import { getRoom, one, rows } from './registry.service';
import { listVacateTasks } from './persons.service';

const tags = ['office'];

export const RECT_COLUMNS = sql`c.id, c.room_id as "roomId", r.number as "roomNumber", b.name as "buildingName", c.org_unit_id as "orgUnitId", g.name as "orgUnitName",
  c.over_area::float8 as "overArea", to_char(c.opened_on, 'YYYY-MM-DD') as "openedOn", to_char(c.deadline, 'YYYY-MM-DD') as deadline, c.status, c.measures,
  c.approval_id as "approvalId", (c.status <> 'closed' and c.deadline < current_date) as overdue`;
export const RECT_FROM = sql`office_rectifications c join office_rooms r on r.id = c.room_id join office_buildings b on b.id = r.building_id join org_units g on g.id = c.org_unit_id`;

export const REQ_COLUMNS = sql`q.id, q.kind, q.org_unit_id as "orgUnitId", g.name as "orgUnitName", q.needed_area::float8 as "neededArea", q.headcount, q.room_id as "roomId",
  r.number as "roomNumber", q.method, q.reason, q.status, q.approval_id as "approvalId", q.certificate_no as "certificateNo",
  to_char(q.decided_on, 'YYYY-MM-DD') as "decidedOn", q.created_at::text as "createdAt", q.path,
  q.give_room_id as "giveRoomId", gr.number as "giveRoomNumber", q.estimated_cost_fen::float8 as "estimatedCostFen", q.plan_year as "planYear", q.works_status as "worksStatus",
  (select l.id from office_leases l where l.request_id = q.id) as "leaseId", (select p.id from office_projects p where p.request_id = q.id) as "projectId"`;
export const REQ_FROM = sql`office_requests q join org_units g on g.id = q.org_unit_id left join office_rooms r on r.id = q.room_id left join office_rooms gr on gr.id = q.give_room_id`;

/** Rectification (整改), vacate tracking (腾退), and allocation / repair / disposal requests. */
export async function casesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/office/rectifications', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ status: z.enum(['open', 'closing', 'closed']).optional() }) } }, (req) =>
    rows(app.db, sql`select ${RECT_COLUMNS} from ${RECT_FROM} where ${req.scope.where(sql`c.org_unit_id`)} ${req.query.status ? sql`and c.status = ${req.query.status}` : sql``} order by c.deadline, c.id limit 1000`));

  /** The bureau opens a case on an over-standard room (the engine's figure is recorded). */
  r.post('/api/office/rectifications', { config: { permission: 'office.supervise' }, schema: { tags, body: RectificationOpen } }, async (req) => {
    const room = await getRoom(app.db, req.scope, req.body.roomId);
    if (room.verdict !== 'over' || !room.overArea) throw invalid('office_not_over');
    if (req.body.deadline < today()) throw invalid('office_deadline_past', {}, 'body.deadline');
    return guarded(() => app.db.transaction(async (tx) => {
      const c = await one<{ id: number }>(tx, sql`insert into office_rectifications (room_id, org_unit_id, over_area, opened_on, deadline)
        values (${room.id}, ${room.orgUnitId}, ${room.overArea}, ${today()}::date, ${req.body.deadline}::date) returning id`);
      await audit(tx, subjectOf(req), { action: 'office.rectification.open', objectType: 'office_rectification', objectId: c!.id, after: { roomId: room.id, overArea: room.overArea, deadline: req.body.deadline } });
      return c!;
    }));
  });

  /** Opens a case on every over-standard office in scope that has none, one deadline for all. */
  r.post('/api/office/rectifications/sweep', { config: { permission: 'office.supervise' }, schema: { tags, body: z.object({ deadline: IsoDate }) } }, async (req) => {
    if (req.body.deadline < today()) throw invalid('office_deadline_past', {}, 'body.deadline');
    return app.db.transaction(async (tx) => {
      const res = await tx.execute(sql`insert into office_rectifications (room_id, org_unit_id, over_area, opened_on, deadline)
        select c.room_id, c.org_unit_id, c.over_area, ${today()}::date, ${req.body.deadline}::date from office_room_compliance(${today()}::date) c
        where c.verdict = 'over' and ${req.scope.where(sql`c.org_unit_id`)}
          and not exists (select 1 from office_rectifications x where x.room_id = c.room_id and x.status <> 'closed') returning id`);
      await audit(tx, subjectOf(req), { action: 'office.rectification.sweep', objectType: 'office_rectification', after: { opened: res.rows.length, deadline: req.body.deadline } });
      return { opened: res.rows.length };
    });
  });

  /** The organ reports its measures and asks to close the case: an approval, with evidence files attached to it. */
  r.post('/api/office/rectifications/:id/close', { config: { permission: 'office.write' }, schema: { tags, params: IdParam, body: RectificationClose } }, async (req) => {
    const c = await one<{ orgUnitId: number; status: string; roomNumber: string }>(app.db, sql`select c.org_unit_id as "orgUnitId", c.status, r.number as "roomNumber" from office_rectifications c join office_rooms r on r.id = c.room_id where c.id = ${req.params.id}`);
    if (!c) throw notFound();
    await req.scope.assert(app.db, c.orgUnitId);
    if (c.status !== 'open') throw conflict('office_rectification_state');
    const actor = actorOf(req);
    return app.db.transaction(async (tx) => {
      const approvalId = await submitApproval(tx, { ...subjectOf(req), userId: actor.userId, orgUnitId: actor.orgUnitId }, {
        workflow: 'office.rectification', objectId: req.params.id, title: `整改销号 ${c.roomNumber}`, payload: { measures: req.body.measures },
      });
      await tx.execute(sql`update office_rectifications set status = 'closing', measures = ${req.body.measures}, approval_id = ${approvalId} where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.rectification.close_request', objectType: 'office_rectification', objectId: req.params.id, after: { approvalId, measures: req.body.measures } });
      return { approvalId };
    });
  });

  r.get('/api/office/vacate', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ open: z.enum(['true', 'false']).default('true') }) } }, (req) =>
    listVacateTasks(app.db, req.scope, req.query.open === 'true'));

  /** The organ reports a room vacated (with a note; evidence files attach to the approval): the bureau approves. */
  r.post('/api/office/vacate/:id/close', { config: { permission: 'office.write' }, schema: { tags, params: IdParam, body: VacateClose } }, async (req) => {
    const t = await one<{ orgUnitId: number; doneOn: string | null; approvalId: number | null; since: string; personName: string; roomNumber: string }>(app.db, sql`
      select t.org_unit_id as "orgUnitId", t.done_on as "doneOn", t.approval_id as "approvalId", to_char(lower(o.during), 'YYYY-MM-DD') as since, p.name as "personName", r.number as "roomNumber"
      from office_vacate_tasks t join office_occupancies o on o.id = t.occupancy_id join office_persons p on p.id = o.person_id join office_rooms r on r.id = o.room_id where t.id = ${req.params.id}`);
    if (!t) throw notFound();
    await req.scope.assert(app.db, t.orgUnitId);
    if (t.doneOn !== null || t.approvalId !== null) throw conflict('office_vacate_state');
    if (req.body.vacatedOn > today() || req.body.vacatedOn <= t.since) throw invalid('office_vacate_date', {}, 'body.vacatedOn');
    const actor = actorOf(req);
    return app.db.transaction(async (tx) => {
      const approvalId = await submitApproval(tx, { ...subjectOf(req), userId: actor.userId, orgUnitId: actor.orgUnitId }, {
        workflow: 'office.vacate', objectId: req.params.id, title: `腾退 ${t.personName} ${t.roomNumber}`, payload: { vacatedOn: req.body.vacatedOn, note: req.body.note },
      });
      await tx.execute(sql`update office_vacate_tasks set approval_id = ${approvalId}, vacated_on = ${req.body.vacatedOn}::date, note = ${req.body.note} where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.vacate.close_request', objectType: 'office_vacate_task', objectId: req.params.id, after: { approvalId, ...req.body } });
      return { approvalId };
    });
  });

  r.get('/api/office/requests', { config: { permission: 'office.read' }, schema: { tags, querystring: z.object({ kind: z.enum(['allocation', 'repair', 'disposal']).optional() }) } }, (req) =>
    rows(app.db, sql`select ${REQ_COLUMNS} from ${REQ_FROM} where ${req.scope.where(sql`q.org_unit_id`)} ${req.query.kind ? sql`and q.kind = ${req.query.kind}` : sql``} order by q.id desc limit 500`));

  r.get('/api/office/requests/:id', { config: { permission: 'office.read' }, schema: { tags, params: IdParam } }, async (req) => {
    const q = await one<{ orgUnitId: number }>(app.db, sql`select ${REQ_COLUMNS}, b.name as "buildingName", b.address, r.usable_area::float8 as "roomArea"
      from ${REQ_FROM} left join office_buildings b on b.id = r.building_id where q.id = ${req.params.id}`);
    if (!q) throw notFound();
    await req.scope.assert(app.db, q.orgUnitId);
    return q;
  });

  r.post('/api/office/requests', { config: { permission: 'office.request' }, schema: { tags, body: OfficeRequestInput } }, async (req) => {
    const b = req.body;
    await req.scope.assert(app.db, b.orgUnitId);
    const okMethod = b.kind === 'repair' ? ['routine', 'major'].includes(b.method ?? '') : b.kind === 'disposal' ? !['routine', 'major', ''].includes(b.method ?? '') : true;
    if (!okMethod || (b.kind !== 'allocation' && !b.roomId) || (b.kind === 'allocation' && (!b.neededArea || !b.headcount))) throw invalid('office_request_fields');
    // A major repair (大修) enters the bureau's works plan with its estimated cost (the form asks for it; a
    // request without one is listed as not yet estimated).
    const repair = b.kind === 'repair';
    if (b.roomId) await getRoom(app.db, req.scope, b.roomId);
    const actor = actorOf(req);
    return guarded(() => app.db.transaction(async (tx) => {
      const q = await one<{ id: number }>(tx, sql`insert into office_requests (kind, org_unit_id, needed_area, headcount, room_id, method, reason, estimated_cost_fen, plan_year)
        values (${b.kind}, ${b.orgUnitId}, ${b.neededArea}, ${b.headcount}, ${b.roomId}, ${b.method}, ${b.reason}, ${repair ? b.estimatedCostFen : null},
          ${repair && b.method === 'major' ? (b.planYear ?? Number(today().slice(0, 4))) : null}) returning id`);
      const unit = await one<{ name: string }>(tx, sql`select name from org_units where id = ${b.orgUnitId}`);
      const approvalId = await submitApproval(tx, { ...subjectOf(req), userId: actor.userId, orgUnitId: actor.orgUnitId }, {
        workflow: `office.${b.kind}`, objectId: q!.id, title: `${unit!.name} ${b.reason.slice(0, 40)}`, payload: b,
      });
      await tx.execute(sql`update office_requests set approval_id = ${approvalId} where id = ${q!.id}`);
      await audit(tx, subjectOf(req), { action: `office.request.${b.kind}`, objectType: 'office_request', objectId: q!.id, after: { ...b, approvalId } });
      return { id: q!.id, approvalId };
    }));
  });

  /**
   * What the reviewer is shown, in the rules' order: 调剂 — vacant offices that fit (same region
   * first, then closest in area); 置换 — when none fits, offices of other organs in use but with
   * nobody in them, organs furthest over their entitlement first; then 租用 (lease), then 建设
   * (build). `recommended` is the first path that has something to offer.
   */
  r.get('/api/office/requests/:id/suggestions', { config: { permission: 'office.supervise' }, schema: { tags, params: IdParam } }, async (req) => {
    const q = await one<{ orgUnitId: number; neededArea: number }>(app.db, sql`select org_unit_id as "orgUnitId", needed_area::float8 as "neededArea" from office_requests where id = ${req.params.id} and kind = 'allocation'`);
    if (!q) throw notFound();
    await req.scope.assert(app.db, q.orgUnitId);
    const near = sql`(select count(*) from org_units x where a.path like x.path || '%' and g.path like x.path || '%')`;
    const reassign = await rows(app.db, sql`with a as (select path from org_units where id = ${q.orgUnitId})
      select r.id, r.number, b.name as "buildingName", b.address, f.level as "floorLevel", r.usable_area::float8 as "usableArea", g.name as "keeper"
      from office_rooms r join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id join org_units g on g.id = r.org_unit_id, a
      where r.status = 'vacant' and r.room_class = 'office' and r.usable_area >= ${q.neededArea} * 0.8 and ${req.scope.where(sql`r.org_unit_id`)}
      order by ${near} desc, abs(r.usable_area - ${q.neededArea}), r.id limit 20`);
    const swap = await rows(app.db, sql`with a as (select path from org_units where id = ${q.orgUnitId}),
      c as (select * from office_room_compliance(${today()}::date)),
      surplus as (select org_unit_id, sum(over_area) as over, sum(usable_area) filter (where verdict = 'unoccupied') as idle from c group by org_unit_id)
      select r.id, r.number, b.name as "buildingName", b.address, f.level as "floorLevel", r.usable_area::float8 as "usableArea", g.name as "keeper",
        coalesce(s.over, 0)::float8 as "keeperOverArea", coalesce(s.idle, 0)::float8 as "keeperIdleArea"
      from c join office_rooms r on r.id = c.room_id join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id
        join org_units g on g.id = r.org_unit_id join surplus s on s.org_unit_id = r.org_unit_id, a
      where c.verdict = 'unoccupied' and r.org_unit_id <> ${q.orgUnitId} and r.usable_area >= ${q.neededArea} * 0.8 and ${req.scope.where(sql`r.org_unit_id`)}
      order by ${near} desc, coalesce(s.over, 0) + coalesce(s.idle, 0) desc, abs(r.usable_area - ${q.neededArea}), r.id limit 20`);
    // 两房互换: the organ's own offices in use with nobody in them, to give in return for a swap room.
    const give = await rows(app.db, sql`select r.id, r.number, b.name as "buildingName", r.usable_area::float8 as "usableArea"
      from office_room_compliance(${today()}::date, (select path from org_units where id = ${q.orgUnitId})) c join office_rooms r on r.id = c.room_id
      join office_buildings b on b.id = r.building_id where c.verdict = 'unoccupied' and r.org_unit_id = ${q.orgUnitId} order by r.usable_area desc, r.id limit 20`);
    const recommended = reassign.length > 0 ? 'reassign' : swap.length > 0 ? 'swap' : 'lease';
    return { recommended, reassign, swap, give };
  });

  /**
   * The reviewer's choice before approving: a vacant room (reassign), an under-used office of
   * another organ (swap), or lease / build (no room; the approval records the path).
   */
  r.post('/api/office/requests/:id/propose', { config: { permission: 'office.supervise' }, schema: { tags, params: IdParam, body: AllocationProposal } }, async (req) => {
    const q = await one<{ orgUnitId: number; status: string }>(app.db, sql`select org_unit_id as "orgUnitId", status from office_requests where id = ${req.params.id} and kind = 'allocation'`);
    if (!q) throw notFound();
    await req.scope.assert(app.db, q.orgUnitId);
    if (q.status !== 'pending') throw conflict('approval_not_pending');
    const { path } = req.body;
    const withRoom = path === 'reassign' || path === 'swap' || path === 'exchange';
    if (withRoom !== (req.body.roomId !== null) || (path === 'exchange') !== (req.body.giveRoomId !== null)) throw invalid('office_path_room', {}, 'body.roomId');
    if (withRoom) {
      const room = await getRoom(app.db, req.scope, req.body.roomId!);
      if (path === 'reassign' && room.status !== 'vacant') throw invalid('office_room_not_vacant');
      if (path === 'swap' && (room.verdict !== 'unoccupied' || room.orgUnitId === q.orgUnitId)) throw invalid('office_room_not_swappable');
      if (path === 'exchange') {
        const give = await getRoom(app.db, req.scope, req.body.giveRoomId!);
        if (room.verdict !== 'unoccupied' || room.orgUnitId === q.orgUnitId || give.verdict !== 'unoccupied' || give.orgUnitId !== q.orgUnitId) throw invalid('office_exchange_room');
      }
    }
    await guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`update office_requests set room_id = ${req.body.roomId}, give_room_id = ${req.body.giveRoomId}, path = ${path} where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.request.propose', objectType: 'office_request', objectId: req.params.id, after: req.body });
    }));
    return { ok: true as const };
  });
}
