import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { registerJob, registerSchedule } from '../../kernel/jobs/jobs.service';
import { notify } from '../../kernel/notifications/notifications.service';
import { today } from '../../kernel/excel/reply';
import { rows } from './registry.service';

/** Users holding organ_admin over a unit: they get the organ's reminders. */
const adminsOf = (unitId: number) => sql`select distinct ra.user_id from role_assignments ra join roles ro on ro.id = ra.role_id
  join org_units s on s.id = ra.scope_unit_id join users us on us.id = ra.user_id
  where ro.code = 'organ_admin' and us.active and (select path from org_units where id = ${unitId}) like s.path || '%'`;

/**
 * Daily reminders: rooms to vacate within 7 days or overdue, and rectification cases whose deadline
 * is within 7 days or past. Each task is reminded at most once a day.
 */
export async function sendOfficeReminders(db: Db): Promise<{ vacate: number; rectification: number }> {
  const day = today();
  return db.transaction(async (tx) => {
    const tasks = await rows<{ id: number; orgUnitId: number; person: string; room: string; due: string }>(tx, sql`
      update office_vacate_tasks t set reminded_on = ${day}::date
      from office_occupancies o, office_persons p, office_rooms r, office_buildings b
      where o.id = t.occupancy_id and p.id = o.person_id and r.id = o.room_id and b.id = r.building_id
        and t.done_on is null and t.due_on <= ${day}::date + 7 and (t.reminded_on is null or t.reminded_on < ${day}::date)
      returning t.id, t.org_unit_id as "orgUnitId", p.name as person, b.name || ' ' || r.number as room, to_char(t.due_on, 'YYYY-MM-DD') as due`);
    for (const t of tasks) {
      const users = await rows<{ user_id: number }>(tx, adminsOf(t.orgUnitId));
      await notify(tx, users.map((u) => u.user_id), 'notify.office.vacate', { person: t.person, room: t.room, due: t.due }, '/office/cases?tab=vacate');
    }
    const cases = await rows<{ orgUnitId: number; room: string; over: number; due: string }>(tx, sql`
      select c.org_unit_id as "orgUnitId", b.name || ' ' || r.number as room, c.over_area::float8 as "over", to_char(c.deadline, 'YYYY-MM-DD') as due
      from office_rectifications c join office_rooms r on r.id = c.room_id join office_buildings b on b.id = r.building_id
      where c.status = 'open' and c.deadline <= ${day}::date + 7`);
    for (const c of cases) {
      const users = await rows<{ user_id: number }>(tx, adminsOf(c.orgUnitId));
      await notify(tx, users.map((u) => u.user_id), 'notify.office.rectification', { room: c.room, over: c.over, due: c.due }, '/office/cases');
    }
    return { vacate: tasks.length, rectification: cases.length };
  });
}

registerJob('office.reminders', (ctx) => sendOfficeReminders(ctx.db));
registerSchedule({ name: 'office.reminders', every: 'day', at: '08:00' });
