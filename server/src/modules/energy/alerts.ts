import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notify } from '../../kernel/notifications/notifications.service';
import { progress } from './targets.service';

/**
 * Target alerts (预警): for last year's data, every holder of energy.review hears how many units in
 * their region are off pace or over their binding quota. Run daily by the job runner.
 */
export async function sendTargetAlerts(db: Db, year: number): Promise<number> {
  const roots = (await db.execute(sql`select path from org_units where parent_id is null and kind = 'region'`)).rows as { path: string }[];
  const paths = new Map((await db.execute(sql`select id, path from org_units`)).rows.map((r) => [(r as { id: number }).id, (r as { path: string }).path]));
  const alerts: { path: string; status: string }[] = [];
  for (const r of roots) {
    for (const p of await progress(db, r.path, year)) {
      if (p.status === 'off_pace' || p.status === 'over_quota') alerts.push({ path: paths.get(p.orgUnitId) ?? '', status: p.status });
    }
  }
  const holders = (await db.execute(sql`select distinct ra.user_id, s.path from role_assignments ra
    join role_permissions rp on rp.role_id = ra.role_id and rp.permission = 'energy.review'
    join org_units s on s.id = ra.scope_unit_id join users u on u.id = ra.user_id where u.active`)).rows as { user_id: number; path: string }[];
  let sent = 0;
  for (const h of holders) {
    const mine = alerts.filter((a) => a.path.startsWith(h.path));
    if (!mine.length) continue;
    await notify(db, [h.user_id], 'notify.energy.alerts', { year, count: mine.length, over: mine.filter((a) => a.status === 'over_quota').length }, '/energy/dashboard');
    sent++;
  }
  return sent;
}
