import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '@guanjia/contracts';
import { Lease, LeaseInput, Project, ProjectCompletion, ProjectInput, ProjectProgress, WorksItem, WorksStatusChange } from '@guanjia/contracts/office';
import { audit } from '../../kernel/audit/audit.service';
import { invalid, notFound } from '../../kernel/http/errors';
import { subjectOf } from '../../kernel/http/types';
import { buildExport } from '../../kernel/excel/excel';
import { sendXlsx, today } from '../../kernel/excel/reply';
import { defineSheet } from '../../kernel/excel/sheet';
import type { DataScope } from '../../kernel/org/scope';
import { guarded } from './db-errors';
import { assertSubType, changeUse, one, rows } from './registry.service';
import { officeBuildings, officeFloors, officeRooms } from './office.schema';

const tags = ['office'];
const read = { permission: 'office.read' };
const supervise = { permission: 'office.supervise' };

export const LEASE_COLUMNS = sql`l.id, l.request_id as "requestId", l.org_unit_id as "orgUnitId", g.name as "orgUnitName", l.lessor, l.address, l.area::float8 as area,
  to_char(l.start_on, 'YYYY-MM-DD') as "startOn", to_char(l.end_on, 'YYYY-MM-DD') as "endOn", l.annual_rent_fen::float8 as "annualRentFen",
  case when l.start_on > (now() at time zone 'Asia/Shanghai')::date then 'upcoming' when l.end_on < (now() at time zone 'Asia/Shanghai')::date then 'ended' else 'active' end as status`;
export const PROJECT_COLUMNS = sql`p.id, p.request_id as "requestId", p.org_unit_id as "orgUnitId", g.name as "orgUnitName", p.name, p.area::float8 as area, p.budget_fen::float8 as "budgetFen",
  p.status, to_char(p.started_on, 'YYYY-MM-DD') as "startedOn", to_char(p.completed_on, 'YYYY-MM-DD') as "completedOn",
  p.building_id as "buildingId", (select name from office_buildings where id = p.building_id) as "buildingName",
  (select count(*)::int from office_rooms where building_id = p.building_id) as rooms`;
const WORKS_COLUMNS = sql`q.id, g.name as "orgUnitName", b.name as "buildingName", r.number as "roomNumber", q.reason, q.estimated_cost_fen::float8 as "estimatedCostFen",
  q.plan_year as "planYear", q.works_status as status, to_char(q.decided_on, 'YYYY-MM-DD') as "decidedOn"`;
const WORKS_FROM = sql`office_requests q join org_units g on g.id = q.org_unit_id join office_rooms r on r.id = q.room_id join office_buildings b on b.id = r.building_id`;

const STATUS = [
  { value: 'planned', zh: '计划', en: 'Planned' },
  { value: 'in_progress', zh: '施工中', en: 'In progress' },
  { value: 'completed', zh: '已完工', en: 'Completed' },
];
type WorksRow = Omit<WorksItem, 'estimatedCostFen'> & { estimatedCost: number | null };
const worksSheet = defineSheet<WorksRow>({
  name: { zh: '大修工程计划', en: 'Major repair works plan' },
  columns: [
    { key: 'planYear', header: { zh: '计划年度', en: 'Year' }, type: 'int' },
    { key: 'orgUnitName', header: { zh: '使用单位', en: 'Organ' }, type: 'text', width: 30 },
    { key: 'buildingName', header: { zh: '建筑', en: 'Building' }, type: 'text', width: 24 },
    { key: 'roomNumber', header: { zh: '房间号', en: 'Room no.' }, type: 'text' },
    { key: 'reason', header: { zh: '维修内容', en: 'Works' }, type: 'text', width: 40 },
    { key: 'estimatedCost', header: { zh: '估算费用(元)', en: 'Estimated cost (yuan)' }, type: 'decimal', width: 16 },
    { key: 'status', header: { zh: '状态', en: 'Status' }, type: 'enum', options: STATUS },
    { key: 'decidedOn', header: { zh: '批准日期', en: 'Approved on' }, type: 'date' },
  ],
});

/**
 * What follows an allocation or repair decision: the lease signed (租用), the construction project
 * tracked to completion (建设), and the bureau's works plan of approved major repairs (大修).
 */
export async function followUpRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** An approved request decided with the given path, in the caller's scope. */
  const decided = async (req: { scope: DataScope }, id: number, path: 'lease' | 'build') => {
    const q = await one<{ orgUnitId: number; status: string; path: string | null }>(app.db, sql`select org_unit_id as "orgUnitId", status, path from office_requests where id = ${id} and kind = 'allocation'`);
    if (!q) throw notFound();
    await req.scope.assert(app.db, q.orgUnitId);
    if (q.status !== 'approved' || q.path !== path) throw invalid('office_follow_up_path');
    return q;
  };

  r.get('/api/office/leases', { config: read, schema: { tags, response: { 200: z.array(Lease) } } }, (req) =>
    rows<Lease>(app.db, sql`select ${LEASE_COLUMNS} from office_leases l join org_units g on g.id = l.org_unit_id where ${req.scope.where(sql`l.org_unit_id`)} order by l.end_on, l.id limit 500`));

  r.post('/api/office/requests/:id/lease', { config: supervise, schema: { tags, params: IdParam, body: LeaseInput, response: { 200: Lease } } }, async (req) => {
    const q = await decided(req, req.params.id, 'lease');
    if (req.body.endOn <= req.body.startOn) throw invalid('office_lease_invalid', {}, 'body.endOn');
    return guarded(() => app.db.transaction(async (tx) => {
      const b = req.body;
      const l = await one<{ id: number }>(tx, sql`insert into office_leases (request_id, org_unit_id, lessor, address, area, start_on, end_on, annual_rent_fen)
        values (${req.params.id}, ${q.orgUnitId}, ${b.lessor}, ${b.address}, ${b.area}, ${b.startOn}::date, ${b.endOn}::date, ${b.annualRentFen}) returning id`);
      await audit(tx, subjectOf(req), { action: 'office.lease.create', objectType: 'office_lease', objectId: l!.id, after: { requestId: req.params.id, ...b } });
      return (await one<Lease>(tx, sql`select ${LEASE_COLUMNS} from office_leases l join org_units g on g.id = l.org_unit_id where l.id = ${l!.id}`))!;
    }));
  });

  r.get('/api/office/projects', { config: read, schema: { tags, response: { 200: z.array(Project) } } }, (req) =>
    rows<Project>(app.db, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where ${req.scope.where(sql`p.org_unit_id`)} order by p.id desc limit 500`));

  r.post('/api/office/requests/:id/project', { config: supervise, schema: { tags, params: IdParam, body: ProjectInput, response: { 200: Project } } }, async (req) => {
    const q = await decided(req, req.params.id, 'build');
    return guarded(() => app.db.transaction(async (tx) => {
      const b = req.body;
      const p = await one<{ id: number }>(tx, sql`insert into office_projects (request_id, org_unit_id, name, area, budget_fen)
        values (${req.params.id}, ${q.orgUnitId}, ${b.name}, ${b.area}, ${b.budgetFen}) returning id`);
      await audit(tx, subjectOf(req), { action: 'office.project.create', objectType: 'office_project', objectId: p!.id, after: { requestId: req.params.id, ...b } });
      return (await one<Project>(tx, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where p.id = ${p!.id}`))!;
    }));
  });

  /** Progress of a project: planned → under construction (start date) → completed (completion date, not before the start). */
  r.patch('/api/office/projects/:id', { config: supervise, schema: { tags, params: IdParam, body: ProjectProgress, response: { 200: Project } } }, async (req) => {
    const before = await one<Project>(app.db, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where p.id = ${req.params.id}`);
    if (!before) throw notFound();
    await req.scope.assert(app.db, before.orgUnitId);
    const b = req.body;
    if ((b.startedOn && b.startedOn > today()) || (b.completedOn && b.completedOn > today())) throw invalid('office_project_dates');
    return guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`update office_projects set status = ${b.status}, started_on = ${b.status === 'planned' ? null : b.startedOn}::date,
        completed_on = ${b.status === 'completed' ? b.completedOn : null}::date where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.project.progress', objectType: 'office_project', objectId: req.params.id, before, after: b });
      return (await one<Project>(tx, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where p.id = ${req.params.id}`))!;
    }));
  });

  /**
   * 竣工入账: the project is completed on a day and its building, floors and rooms enter the registry
   * from that day (none of them exists on an earlier day), used by the project's organ, all in one
   * transaction with one audit entry; any bad row (area, sub-type, duplicate number, unknown floor)
   * saves nothing.
   */
  r.post('/api/office/projects/:id/complete', { config: supervise, schema: { tags, params: IdParam, body: ProjectCompletion, response: { 200: Project } } }, async (req) => {
    const before = await one<Project>(app.db, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where p.id = ${req.params.id}`);
    if (!before) throw notFound();
    await req.scope.assert(app.db, before.orgUnitId);
    if (before.buildingId !== null) throw invalid('office_project_completed');
    const b = req.body;
    if (b.completedOn > today() || (before.startedOn !== null && b.completedOn < before.startedOn)) throw invalid('office_project_dates', {}, 'body.completedOn');
    const levels = new Set(b.floors.map((f) => f.level));
    if (levels.size !== b.floors.length) throw invalid('office_floor_taken');
    b.rooms.forEach((r, i) => {
      if (!levels.has(r.floorLevel)) throw invalid('office_project_registry', {}, `body.rooms.${i}.floorLevel`);
      assertSubType(r.roomClass, r.subType);
      if (r.grossArea < r.usableArea || r.washroomArea >= r.usableArea) throw invalid('office_area_invalid', {}, `body.rooms.${i}`);
    });
    return guarded(() => app.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('office.valid_from', ${b.completedOn}, true)`);
      const [building] = await tx.insert(officeBuildings).values({
        orgUnitId: before.orgUnitId, code: b.building.code, name: b.building.name, address: b.building.address, titleCertNo: b.building.titleCertNo,
        certArea: b.building.certArea === null ? null : String(b.building.certArea), owner: b.building.owner, grossArea: String(b.building.grossArea),
        yearBuilt: Number(b.completedOn.slice(0, 4)), structure: b.building.structure, lat: b.building.lat === null ? null : String(b.building.lat), lng: b.building.lng === null ? null : String(b.building.lng),
      }).returning({ id: officeBuildings.id });
      const floors = await tx.insert(officeFloors).values(b.floors.map((f) => ({ buildingId: building!.id, orgUnitId: before.orgUnitId, level: f.level, name: f.name }))).returning({ id: officeFloors.id, level: officeFloors.level });
      const floorOf = new Map(floors.map((f) => [f.level, f.id]));
      const rooms = await tx.insert(officeRooms).values(b.rooms.map((r) => ({
        buildingId: building!.id, floorId: floorOf.get(r.floorLevel)!, orgUnitId: before.orgUnitId, number: r.number, roomClass: r.roomClass, subType: r.subType,
        usableArea: String(r.usableArea), grossArea: String(r.grossArea), washroomArea: String(r.washroomArea), capacity: r.capacity, status: r.status,
      }))).returning({ id: officeRooms.id });
      for (const [i, room] of rooms.entries()) await changeUse(tx, room.id, { status: b.rooms[i]!.status, orgUnitId: before.orgUnitId, departmentId: null, from: b.completedOn });
      await tx.execute(sql`update office_projects set status = 'completed', started_on = coalesce(started_on, ${b.completedOn}::date), completed_on = ${b.completedOn}::date,
        building_id = ${building!.id} where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.building.create', objectType: 'office_building', objectId: building!.id, after: { ...b.building, from: b.completedOn, projectId: req.params.id } });
      await audit(tx, subjectOf(req), { action: 'office.project.complete', objectType: 'office_project', objectId: req.params.id, before,
        after: { completedOn: b.completedOn, from: b.completedOn, buildingId: building!.id, code: b.building.code, floors: floors.length, rooms: rooms.length } });
      return (await one<Project>(tx, sql`select ${PROJECT_COLUMNS} from office_projects p join org_units g on g.id = p.org_unit_id where p.id = ${req.params.id}`))!;
    }));
  });

  const worksQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
  const works = (scope: DataScope, year: number) =>
    rows<WorksItem>(app.db, sql`select ${WORKS_COLUMNS} from ${WORKS_FROM} where q.kind = 'repair' and q.method = 'major' and q.status = 'approved'
      and q.plan_year = ${year} and ${scope.where(sql`q.org_unit_id`)} order by g.path, q.id`);

  /** The bureau's works plan of a year: every approved major repair in scope, its estimated cost and status. */
  r.get('/api/office/works-plan', { config: read, schema: { tags, querystring: worksQuery } }, async (req) => {
    const items = await works(req.scope, req.query.year);
    return { year: req.query.year, items, totalFen: items.reduce((a, x) => a + (x.estimatedCostFen ?? 0), 0) };
  });

  r.get('/api/office/works-plan/export', { config: read, schema: { tags, querystring: worksQuery } }, async (req, reply) => {
    const items = await works(req.scope, req.query.year);
    const data = await buildExport(worksSheet, items.map((x) => ({ ...x, estimatedCost: x.estimatedCostFen === null ? null : x.estimatedCostFen / 100 })), req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'office.works.export', objectType: 'office_request', after: { year: req.query.year, rows: items.length } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'works-plan' : '大修工程计划'}-${req.query.year}`);
  });

  r.patch('/api/office/works-plan/:id', { config: supervise, schema: { tags, params: IdParam, body: WorksStatusChange } }, async (req) => {
    const q = await one<{ orgUnitId: number; worksStatus: string | null }>(app.db, sql`select org_unit_id as "orgUnitId", works_status as "worksStatus" from office_requests where id = ${req.params.id}`);
    if (!q) throw notFound();
    await req.scope.assert(app.db, q.orgUnitId);
    if (q.worksStatus === null) throw invalid('office_works_state');
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`update office_requests set works_status = ${req.body.status} where id = ${req.params.id}`);
      await audit(tx, subjectOf(req), { action: 'office.works.status', objectType: 'office_request', objectId: req.params.id, before: { status: q.worksStatus }, after: req.body });
    });
    return { ok: true as const };
  });
}
