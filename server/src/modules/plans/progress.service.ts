import { sql } from 'drizzle-orm';
import type { ReportCreate, TimelineEntry } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';
import { invalid, notFound } from '../../kernel/http/errors';
import { registerFileOwner } from '../../kernel/files/files.service';
import { registerJob, registerSchedule } from '../../kernel/jobs/jobs.service';
import { notify } from '../../kernel/notifications/notifications.service';
import { scopeOf } from '../../kernel/auth/actor';
import { progressReports } from './plans.schema';
import { constraintOf } from './plans.service';

/** Stores one report; a closed period is refused here with its name, and by a trigger underneath. */
export async function insertReport(tx: Tx, item: { id: number; kind: string; orgUnitId: number; planId: number }, b: ReportCreate, userId: number) {
  const p = (await tx.execute(sql`select label, closed, plan_id from plan_report_periods where id = ${b.periodId}`)).rows[0] as { label: string; closed: boolean; plan_id: number } | undefined;
  if (!p || p.plan_id !== item.planId) throw notFound();
  if (p.closed) throw invalid('plan_period_closed', { period: p.label }, 'body.periodId');
  if ((item.kind === 'indicator' && b.value == null) || (item.kind === 'task' && !b.status) || !['indicator', 'task'].includes(item.kind)) throw invalid('plan_report_measure', {}, 'body');
  try {
    const [row] = await tx.insert(progressReports).values({
      itemId: item.id, periodId: b.periodId, orgUnitId: item.orgUnitId, value: item.kind === 'indicator' ? b.value! : null,
      status: item.kind === 'task' ? b.status! : null, note: b.note ?? '', reportedBy: userId,
    }).returning();
    return row!;
  } catch (e) {
    if (constraintOf(e) === 'plan_report_period_closed') throw invalid('plan_period_closed', { period: p.label }, 'body.periodId');
    throw e;
  }
}

/** Reports (with their evidence count), milestones and the deadline of one item, newest first. */
export async function timeline(db: Db, itemId: number): Promise<TimelineEntry[]> {
  const r = await db.execute(sql`
    select r.created_at as at, 'report' as kind, coalesce(nullif(r.note, ''), '') as title, r.value::float8 as value, r.status, u.display_name as by,
      p.label as "periodLabel", r.id as "reportId",
      (select count(*)::int from files f where f.object_type = 'plan_report' and f.object_id = r.id::text) as files
    from plan_progress_reports r join plan_report_periods p on p.id = r.period_id left join users u on u.id = r.reported_by
    where r.item_id = ${itemId}
    union all
    select (coalesce(m.done_on, m.due))::timestamptz, 'milestone', m.title, null, case when m.done_on is null then null else 'done' end, null, null, null, 0
    from plan_milestones m where m.item_id = ${itemId}
    union all
    select i.deadline::timestamptz, 'deadline', i.title, null, null, null, null, null, 0 from plan_items i where i.id = ${itemId} and i.deadline is not null
    order by 1 desc`);
  return (r.rows as (Omit<TimelineEntry, 'at'> & { at: Date | string })[]).map((x) => ({ ...x, at: new Date(x.at).toISOString() }));
}

/** Evidence files (佐证材料) attach to a report; readable and writable like the report's plan. */
registerFileOwner('plan_report', {
  async readable(db, actor, objectId) {
    const r = await db.execute(sql`select r.org_unit_id as id, u.path from plan_progress_reports r join org_units u on u.id = r.org_unit_id where r.id = ${Number(objectId) || 0}`);
    const row = r.rows[0] as { id: number; path: string } | undefined;
    return row && scopeOf(actor, 'plans.read').coversPath(row.path) ? row.id : undefined;
  },
  async writable(db, actor, objectId) {
    const r = await db.execute(sql`select r.org_unit_id as id, u.path from plan_progress_reports r join org_units u on u.id = r.org_unit_id where r.id = ${Number(objectId) || 0}`);
    const row = r.rows[0] as { id: number; path: string } | undefined;
    return row && scopeOf(actor, 'plans.report').coversPath(row.path) ? row.id : undefined;
  },
});

/**
 * Reminders (到期提醒): daily, tasks whose deadline or open milestone falls within the next
 * `days` days notify the users of the owner department (and of its units below).
 */
export async function sendReminders(db: Db, days = 7, today?: string): Promise<number> {
  const d0 = today ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const due = (await db.execute(sql`
    select i.id, i.plan_id, i.title, i.deadline::text as due, null as milestone, i.owner_unit_id as unit from plan_items i
      where i.kind = 'task' and i.deadline between ${d0}::date and ${d0}::date + ${days}::int
    union all
    select i.id, i.plan_id, i.title, m.due::text, m.title, i.owner_unit_id from plan_milestones m join plan_items i on i.id = m.item_id
      where m.done_on is null and m.due between ${d0}::date and ${d0}::date + ${days}::int`)).rows as { id: number; plan_id: number; title: string; due: string; milestone: string | null; unit: number }[];
  let sent = 0;
  for (const t of due) {
    const users = (await db.execute(sql`select us.id from users us join org_units o on o.id = us.org_unit_id
      where us.active and o.path like (select path from org_units where id = ${t.unit}) || '%'`)).rows as { id: number }[];
    if (users.length === 0) continue;
    await notify(db, users.map((u) => u.id), t.milestone ? 'notify.plans.milestone' : 'notify.plans.deadline',
      t.milestone ? { title: t.title, milestone: t.milestone, due: t.due } : { title: t.title, deadline: t.due }, `/plans?plan=${t.plan_id}&item=${t.id}`);
    sent += users.length;
  }
  return sent;
}

registerJob('plans.reminders', async (ctx) => ({ sent: await sendReminders(ctx.db, Number(ctx.payload.days ?? 7), ctx.payload.today as string | undefined) }));
registerSchedule({ name: 'plans.reminders', every: 'day', at: '08:00', payload: { days: 7 } });
