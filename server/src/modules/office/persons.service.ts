import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import type { DataScope } from '../../kernel/org/scope';
import { audit } from '../../kernel/audit/audit.service';
import { invalid, notFound } from '../../kernel/http/errors';
import { today } from '../../kernel/excel/reply';
import type { OrganPeriod, Transfer } from '@guanjia/contracts/office';
import { one, organOf, rows, type Q } from './registry.service';
import { guarded } from './db-errors';

/**
 * People of the organs in scope; on a past day (`date`), the people who belonged to them that day
 * (office_person_organs) with the rank held then, and the rooms they sat in that day.
 */
export async function listPersons(db: Q, scope: DataScope, f: { q?: string | undefined; page: number; pageSize: number; orgUnitId?: number | undefined; date?: string | undefined }) {
  const d = f.date ?? today();
  const conds = [scope.where(sql`po.org_unit_id`)];
  if (f.date) conds.push(sql`(p.status = 'active' or p.left_on > ${d}::date)`);
  if (f.q) conds.push(sql`p.name like ${`%${f.q}%`}`);
  if (f.orgUnitId) conds.push(sql`g.path like (select path from org_units where id = ${f.orgUnitId}) || '%'`);
  const where = sql.join(conds, sql` and `);
  const from = sql`office_persons p join office_person_organs po on po.person_id = p.id and po.during @> ${d}::date join org_units g on g.id = po.org_unit_id`;
  const items = await rows(db, sql`select p.id, po.org_unit_id as "orgUnitId", g.name as "orgUnitName", p.name, coalesce(pr.rank_code, p.rank_code) as "rankCode", p.status,
      to_char(p.left_on, 'YYYY-MM-DD') as "leftOn", s.area_m2::float8 as entitlement,
      coalesce((select string_agg(b.code || '-' || r.number || case when o.kind = 'extra' then '*' else '' end, ', ') from office_occupancies o
        join office_rooms r on r.id = o.room_id join office_buildings b on b.id = r.building_id where o.person_id = p.id and o.during @> ${d}::date), '') as "roomNumbers"
    from ${from}
    left join office_person_ranks pr on pr.person_id = p.id and pr.during @> ${d}::date
    left join office_standard_on(${d}::date) s on s.organ_level = g.organ_level and s.rank_code = pr.rank_code
    where ${where} order by g.path, p.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`);
  const total = await one<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${where}`);
  return { items, total: total!.n, page: f.page, pageSize: f.pageSize };
}

export const organPeriods = (db: Q, personId: number) => rows<OrganPeriod>(db, sql`select po.id, po.org_unit_id as "orgUnitId", g.name as "orgUnitName", dep.name as "departmentName",
    to_char(lower(po.during), 'YYYY-MM-DD') as "from", to_char(upper(po.during) - 1, 'YYYY-MM-DD') as "to"
  from office_person_organs po join org_units g on g.id = po.org_unit_id left join org_units dep on dep.id = po.department_id
  where po.person_id = ${personId} order by lower(po.during) nulls first`);

/**
 * 调动 from a day on: the open organ period ends the day before and the new one starts (the same
 * day again rewrites it; a day before the current period's start overlaps recorded history and the
 * exclusion constraint refuses it). Offices the person holds after that day in rooms the new organ
 * does not use get a vacate task (1 month for a main office, 2 for an extra one).
 */
export async function transferPerson(db: Db, scope: DataScope, who: AuditSubject, id: number, body: Transfer): Promise<void> {
  const p = await one<{ orgUnitId: number; departmentId: number | null; status: string }>(db, sql`select org_unit_id as "orgUnitId", department_id as "departmentId", status from office_persons where id = ${id}`);
  if (!p) throw notFound();
  await scope.assert(db, p.orgUnitId);
  await scope.assert(db, body.orgUnitId);
  if (p.status !== 'active') throw invalid('office_person_left');
  if (body.from > today()) throw invalid('office_transfer_future', {}, 'body.from');
  const organ = await organOf(db, body.orgUnitId);
  if (!organ) throw invalid('office_transfer_same', {}, 'body.orgUnitId');
  const departmentId = organ.id === body.orgUnitId ? null : body.orgUnitId;
  const current = await one<{ orgUnitId: number; departmentId: number | null }>(db, sql`select org_unit_id as "orgUnitId", department_id as "departmentId" from office_person_organs where person_id = ${id} and upper_inf(during)`);
  if (current && current.orgUnitId === organ.id && current.departmentId === departmentId) throw invalid('office_transfer_same', {}, 'body.orgUnitId');
  const before = await organPeriods(db, id);
  await guarded(() => db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('office.organ_dated', 'on', true)`);
    const same = await tx.execute(sql`update office_person_organs set org_unit_id = ${organ.id}, department_id = ${departmentId}
      where person_id = ${id} and upper_inf(during) and lower(during) = ${body.from}::date returning id`);
    if (same.rows.length === 0) {
      await tx.execute(sql`update office_person_organs set during = daterange(lower(during), ${body.from}::date)
        where person_id = ${id} and upper_inf(during) and (lower_inf(during) or lower(during) < ${body.from}::date)`);
      await tx.execute(sql`insert into office_person_organs (person_id, org_unit_id, department_id, during) values (${id}, ${organ.id}, ${departmentId}, daterange(${body.from}::date, null))`);
    }
    // The person row carries the organ held today.
    await tx.execute(sql`update office_persons p set org_unit_id = po.org_unit_id, department_id = po.department_id from office_person_organs po
      where p.id = ${id} and po.person_id = p.id and po.during @> ${today()}::date`);
    const tasks = await tx.execute(sql`insert into office_vacate_tasks (occupancy_id, org_unit_id, due_on)
      select o.id, r.org_unit_id, (${body.from}::date + make_interval(months => vr.months))::date
      from office_occupancies o join office_rooms r on r.id = o.room_id join org_units ru on ru.id = r.org_unit_id
      join lateral (select months from office_vacate_rules v where v.kind = o.kind and v.effective_from <= ${body.from}::date order by v.effective_from desc limit 1) vr on true
      where o.person_id = ${id} and (upper_inf(o.during) or upper(o.during) > ${body.from}::date)
        and ru.path not like (select path from org_units where id = ${organ.id}) || '%'
      on conflict (occupancy_id) do nothing returning id`);
    await audit(tx, who, { action: 'office.person.transfer', objectType: 'office_person', objectId: id, before: { orgUnitId: p.orgUnitId, periods: before }, after: { ...body, organId: organ.id, vacateTasks: tasks.rows.length } });
  }));
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
