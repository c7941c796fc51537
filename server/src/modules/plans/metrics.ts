import { sql } from 'drizzle-orm';
import { registerMetric } from '../../kernel/metrics/metrics';

/**
 * The plans module's own headline figure for the cockpit and other modules: the share of plan
 * tasks in the subtree whose latest status report (in a period ending by `to`) is green.
 */
registerMetric({
  key: 'plans.task_on_track_rate',
  nameZh: '规划任务按期推进率', nameEn: 'Plan tasks on track', unit: '%', better: 'higher',
  // Reports come per yearly period: a single month says nothing more. The tables are `plan_…`, not `plans_…`.
  monthly: false,
  sources: ['plan_items', 'plan_progress_reports', 'plan_report_periods'],
  async compute(db, q) {
    const r = await db.execute(sql`
      select round(100.0 * count(*) filter (where lr.status = 'green') / nullif(count(*), 0), 1)::float8 as v
      from plan_items i join org_units u on u.id = i.org_unit_id
      join lateral (select r.status from plan_progress_reports r join plan_report_periods p on p.id = r.period_id
        where r.item_id = i.id and r.status is not null and p.ends <= ${q.to}::date and p.ends >= ${q.from}::date - 366
        order by p.ends desc, r.id desc limit 1) lr on true
      where i.kind = 'task' and u.path like ${`${q.path}%`}`);
    return (r.rows[0] as { v: number | null }).v;
  },
});
