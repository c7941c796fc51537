import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '@guanjia/contracts';
import { notFound } from '../../kernel/http/errors';
import { one } from './registry.service';
import { RECT_COLUMNS, RECT_FROM } from './cases.routes';

const tags = ['office'];
const read = { permission: 'office.read' };

/**
 * One rectification case and one vacate task, as the approver of their closing sees them inside the
 * request in /approvals (web: office ApprovalView). 404 outside the caller's scope.
 */
export async function caseObjectRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/office/rectifications/:id', { config: read, schema: { tags, params: IdParam } }, async (req) => {
    const c = await one<{ orgUnitId: number }>(app.db, sql`select ${RECT_COLUMNS}, r.usable_area::float8 as "usableArea" from ${RECT_FROM} where c.id = ${req.params.id}`);
    if (!c) throw notFound();
    await req.scope.assert(app.db, c.orgUnitId);
    return c;
  });

  r.get('/api/office/vacate/:id', { config: read, schema: { tags, params: IdParam } }, async (req) => {
    const t = await one<{ orgUnitId: number }>(app.db, sql`select t.id, t.org_unit_id as "orgUnitId", p.name as "personName", r.number as "roomNumber", b.name as "buildingName",
        g.name as "orgUnitName", o.kind, to_char(lower(o.during), 'YYYY-MM-DD') as since, to_char(t.due_on, 'YYYY-MM-DD') as "dueOn",
        to_char(t.vacated_on, 'YYYY-MM-DD') as "vacatedOn", to_char(t.done_on, 'YYYY-MM-DD') as "doneOn", t.note, t.approval_id as "approvalId"
      from office_vacate_tasks t join office_occupancies o on o.id = t.occupancy_id join office_persons p on p.id = o.person_id
      join office_rooms r on r.id = o.room_id join office_buildings b on b.id = r.building_id join org_units g on g.id = t.org_unit_id
      where t.id = ${req.params.id}`);
    if (!t) throw notFound();
    await req.scope.assert(app.db, t.orgUnitId);
    return t;
  });
}
