import { sql } from 'drizzle-orm';
import { purgeIdleSessions } from '../auth/session';
import { notify } from '../notifications/notifications.service';
import { getSetting } from '../settings/settings.service';
import { warmMetricCache } from '../metrics/cache';
import { registerJob, registerSchedule } from './jobs.service';

/** Idle sessions are refused on read anyway; this keeps the table small. */
registerJob('kernel.sessions.purge', async ({ db }) => {
  const policy = await getSetting(db, 'password-policy');
  return { purged: await purgeIdleSessions(db, policy.idleTimeoutMinutes) };
});
registerSchedule({ name: 'kernel.sessions.purge', every: 'hour' });

const REMIND_AFTER_DAYS = 2;

/** Every morning: each approver hears how many requests have waited on them for over two days. */
registerJob('kernel.approvals.remind', async ({ db }) => {
  const r = await db.execute(sql`select ra.user_id, count(distinct ar.id)::int as n
    from approval_requests ar
    join org_units su on su.id = ar.step_unit_id
    join roles r on r.code = ar.step_role
    join role_assignments ra on ra.role_id = r.id
    join org_units s on s.id = ra.scope_unit_id
    where ar.status = 'pending' and ar.updated_at < now() - make_interval(days => ${REMIND_AFTER_DAYS}) and su.path like s.path || '%'
    group by ra.user_id`);
  const rows = r.rows as { user_id: number; n: number }[];
  for (const row of rows) await notify(db, [row.user_id], 'notify.approval.remind', { count: row.n, days: REMIND_AFTER_DAYS }, '/approvals');
  return { reminded: rows.length };
});
registerSchedule({ name: 'kernel.approvals.remind', every: 'day', at: '09:00' });

/** Embedded PGlite runs no autovacuum: keep planner statistics fresh (PostgreSQL does this itself). */
registerJob('kernel.db.analyze', async ({ db }) => {
  await db.execute(sql`analyze`);
  return { ok: true };
});
registerSchedule({ name: 'kernel.db.analyze', every: 'day', at: '03:00' });

/**
 * Fills the metric cache ahead of time (registerMetricWarmer, e.g. the province cockpit): the
 * first run after a start warms everything; later minutes only when a source table changed or
 * open-period values near their expiry, so a leader never opens a cold cockpit. Its own finished
 * runs are kept one day.
 */
registerJob('kernel.metrics.warm', async ({ db }) => {
  await db.execute(sql`delete from jobs where name = 'kernel.metrics.warm' and status = 'done' and finished_at < now() - interval '1 day'`);
  return warmMetricCache(db);
});
registerSchedule({ name: 'kernel.metrics.warm', every: 'minute' });
