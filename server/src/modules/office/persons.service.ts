import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import type { DataScope } from '../../kernel/org/scope';
import { audit } from '../../kernel/audit/audit.service';
import { invalid, notFound } from '../../kernel/http/errors';
import { today } from '../../kernel/excel/reply';
import { one, rows, type Q } from './registry.service';

export async function listPersons(db: Q, scope: DataScope, f: { q?: string | undefined; page: number; pageSize: number; orgUnitId?: number | undefined }) {
  const conds = [scope.where(sql`p.org_unit_id`)];
  if (f.q) conds.push(sql`p.name like ${`%${f.q}%`}`);
  if (f.orgUnitId) conds.push(sql`g.path like (select path from org_units where id = ${f.orgUnitId}) || '%'`);
  const where = sql.join(conds, sql` and `);
  const items = await rows(db, sql`select p.id, p.org_unit_id as "orgUnitId", g.name as "orgUnitName", p.name, p.rank_code as "rankCode", p.status,
      to_char(p.left_on, 'YYYY-MM-DD') as "leftOn", s.area_m2::float8 as entitlement,
      coalesce((select string_agg(b.code || '-' || r.number || case when o.kind = 'extra' then '*' else '' end, ', ') from office_occupancies o
        join office_rooms r on r.id = o.room_id join office_buildings b on b.id = r.building_id where o.person_id = p.id and o.during @> current_date), '') as "roomNumbers"
    from office_persons p join org_units g on g.id = p.org_unit_id
    left join office_standard_on(current_date) s on s.organ_level = g.organ_level and s.rank_code = p.rank_code
    where ${where} order by g.path, p.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`);
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from office_persons p join org_units g on g.id = p.org_unit_id where ${where}`);
  return { items, total: total!.n, page: f.page, pageSize: f.pageSize };
}

/**
 * A person transferred or retired: every office they still hold gets a vacate task due after the
 * rule's months (1 for the main office, 2 for an extra one, from office_vacate_rules).
 */
export async function leavePerson(db: Db, scope: DataScope, who: AuditSubject, id: number, body: { status: 'transferred' | 'retired'; leftOn: string }): Promise<number> {
  const p = await one<{ orgUnitId: number; status: string }>(db, sql`select org_unit_id as "orgUnitId", status from office_persons where id = ${id}`);
  if (!p) throw notFound();
  await scope.assert(db, p.orgUnitId);
  if (p.status !== 'active') throw invalid('office_person_left');
  return db.transaction(async (tx) => {
    await tx.execute(sql`update office_persons set status = ${body.status}, left_on = ${body.leftOn}::date where id = ${id}`);
    const tasks = await tx.execute(sql`insert into office_vacate_tasks (occupancy_id, org_unit_id, due_on)
      select o.id, r.org_unit_id, (${body.leftOn}::date + make_interval(months => vr.months))::date
      from office_occupancies o join office_rooms r on r.id = o.room_id
      join lateral (select months from office_vacate_rules v where v.kind = o.kind and v.effective_from <= ${body.leftOn}::date order by v.effective_from desc limit 1) vr on true
      where o.person_id = ${id} and (upper_inf(o.during) or upper(o.during) > ${body.leftOn}::date)
      on conflict (occupancy_id) do nothing returning id`);
    await audit(tx, who, { action: 'office.person.leave', objectType: 'office_person', objectId: id, after: { ...body, vacateTasks: tasks.rows.length } });
    return tasks.rows.length;
  });
}

export async function listVacateTasks(db: Q, scope: DataScope, open: boolean) {
  return rows(db, sql`select t.id, p.name as "personName", r.number as "roomNumber", b.name as "buildingName", g.name as "orgUnitName", o.kind,
      to_char(t.due_on, 'YYYY-MM-DD') as "dueOn", to_char(t.done_on, 'YYYY-MM-DD') as "doneOn", (t.due_on - ${today()}::date)::int as "daysLeft", o.id as "occupancyId",
      case when t.done_on is not null then 'done' when t.approval_id is not null then 'closing' else 'open' end as status,
      to_char(t.vacated_on, 'YYYY-MM-DD') as "vacatedOn", t.note, t.approval_id as "approvalId"
    from office_vacate_tasks t join office_occupancies o on o.id = t.occupancy_id join office_persons p on p.id = o.person_id
    join office_rooms r on r.id = o.room_id join office_buildings b on b.id = r.building_id join org_units g on g.id = t.org_unit_id
    where ${scope.where(sql`t.org_unit_id`)} ${open ? sql`and t.done_on is null` : sql``} order by t.due_on limit 500`);
}
