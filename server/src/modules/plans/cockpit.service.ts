import { sql } from 'drizzle-orm';
import type { Cockpit, CockpitAlert, CockpitMetric } from '@guanjia/contracts/plans';
import type { Db } from '../../db/client';
import { notFound } from '../../kernel/http/errors';
import { listMetrics } from '../../kernel/metrics/metrics';
import type { DataScope } from '../../kernel/org/scope';
import { readableUnits } from './access';
import { liveValue, yearRange } from './live';
import { ranking } from './evaluation.service';
import { suggestionCounts } from './suggestions.service';
import { scorePlans } from './tree';

/** Trend points: the last five years up to `year`. */
const TREND_YEARS = 5;

export async function metricsFor(db: Db, unitId: number, year: number): Promise<CockpitMetric[]> {
  return Promise.all(listMetrics().map(async (m) => {
    const trend = await Promise.all(Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i).map(async (y) => {
      const { from, to } = yearRange(y);
      return { label: String(y), value: (await liveValue(db, m.key, unitId, from, to)).value };
    }));
    return {
      key: m.key, module: m.key.split('.')[0]!, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit, better: m.better,
      value: trend[TREND_YEARS - 1]!.value, previous: trend[TREND_YEARS - 2]!.value, trend,
    };
  }));
}

/**
 * The leaders' cockpit for one unit: every registered metric (value, last year, trend), the
 * plans' weighted progress, alerts (red items, near deadlines, metrics going the wrong way), the
 * latest closed ranking and the suggestion counts.
 */
export async function cockpit(db: Db, scope: DataScope, unitId: number, year: number, locale: 'zh-CN' | 'en'): Promise<Cockpit> {
  const u = (await db.execute(sql`select id, name, path from org_units where id = ${unitId}`)).rows[0] as { id: number; name: string; path: string } | undefined;
  if (!u) throw notFound();
  const planRows = (await db.execute(sql`select p.id, p.name, o.name as "unitName" from plan_plans p join org_units o on o.id = p.org_unit_id
    where o.path like ${`${u.path}%`} and ${readableUnits(scope, sql`p.org_unit_id`)} and p.start_year <= ${year} and p.end_year >= ${year} - 1 order by o.path, p.id limit 30`)).rows as { id: number; name: string; unitName: string }[];
  const [metrics, scored, lastRound, suggestions] = await Promise.all([
    metricsFor(db, unitId, year),
    scorePlans(db, planRows.map((p) => p.id), year),
    db.execute(sql`select r.id from plan_eval_rounds r join org_units o on o.id = r.org_unit_id where r.status = 'closed' and ${u.path} like o.path || '%' order by r.year desc, r.id desc limit 1`),
    suggestionCounts(db, sql`d.org_unit_id in (select id from org_units where path like ${`${u.path}%`})`),
  ]);
  const alerts: CockpitAlert[] = [];
  const en = locale === 'en';
  const soon = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  const todayIso = new Date().toISOString().slice(0, 10);
  const plans = planRows.map((p) => {
    const s = scored.get(p.id)!;
    const counts: Record<string, number> = { green: 0, amber: 0, red: 0, none: 0 };
    for (const i of s.items) {
      if (i.kind !== 'indicator' && i.kind !== 'task') continue;
      counts[i.colour] = (counts[i.colour] ?? 0) + 1;
      if (i.colour === 'red') alerts.push({ kind: 'red_item', title: i.title, detail: p.name, link: `/plans?plan=${p.id}&item=${i.id}` });
      if (i.kind === 'task' && i.deadline && i.deadline >= todayIso && i.deadline <= soon && i.colour !== 'green')
        alerts.push({ kind: 'deadline', title: i.title, detail: `${en ? 'Due' : '到期'} ${i.deadline}`, link: `/plans?plan=${p.id}&item=${i.id}` });
      if (i.liveStatus === 'unavailable')
        alerts.push({ kind: 'unbound_metric', title: i.title, detail: i.metricKey ?? '', link: `/plans?plan=${p.id}&item=${i.id}` });
    }
    return { id: p.id, name: p.name, unitName: p.unitName, score: s.score, colour: s.colour, counts };
  });
  for (const m of metrics) {
    if (m.value === null || m.previous === null || m.value === m.previous) continue;
    const worse = m.better === 'higher' ? m.value < m.previous : m.value > m.previous;
    if (worse) alerts.push({ kind: 'metric_worse', title: en ? m.nameEn : m.nameZh, detail: `${m.previous} → ${m.value} ${m.unit}`, link: null });
  }
  const roundId = (lastRound.rows[0] as { id: number } | undefined)?.id;
  const rank = roundId ? (await ranking(db, roundId)).rows.map((r) => ({ unitName: r.unitName, total: r.total })) : [];
  const order = { deadline: 0, metric_worse: 1, red_item: 2, unbound_metric: 3 } as const;
  alerts.sort((a, b) => order[a.kind] - order[b.kind]);
  return { unitId, unitName: u.name, year, metrics, plans, alerts: alerts.slice(0, 50), ranking: rank, suggestions };
}
