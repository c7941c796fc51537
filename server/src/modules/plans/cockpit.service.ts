import { sql } from 'drizzle-orm';
import type { Cockpit, CockpitAlert, CockpitMetric, CockpitMonthly } from '@guanjia/contracts/plans';
import type { Db } from '../../db/client';
import { today } from '../../kernel/excel/reply';
import { notFound } from '../../kernel/http/errors';
import { registerMetricWarmer } from '../../kernel/metrics/cache';
import { getMetric, listMetrics } from '../../kernel/metrics/metrics';
import type { DataScope } from '../../kernel/org/scope';
import { readableUnits } from './access';
import { liveValue, liveValues, yearRange, type LiveAsk } from './live';
import { ranking } from './evaluation.service';
import { suggestionCounts } from './suggestions.service';
import { scorePlans } from './tree';

/** Trend points: the last five years up to `year`. */
const TREND_YEARS = 5;
/** How far back the cockpit looks for a metric's latest year with data. */
const FALLBACK_YEARS = 10;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** The same calendar day a year earlier (29 Feb → 28 Feb). */
const yearEarlier = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay(y - 1, m)))}`;
};

export interface CockpitPeriod { from: string; to: string; lastFrom: string; lastTo: string; months: number }

/** The cockpit's period: a past year in full; the current year up to today (Shanghai), compared with the same days a year earlier. */
export function cockpitPeriod(year: number, todayIso: string): CockpitPeriod {
  const current = Number(todayIso.slice(0, 4)) === year;
  const to = current ? todayIso : `${year}-12-31`;
  return { from: `${year}-01-01`, to, lastFrom: `${year - 1}-01-01`, lastTo: yearEarlier(to), months: current ? Number(todayIso.slice(5, 7)) : 12 };
}

const monthRange = (y: number, mo: number) => [`${y}-${pad(mo)}-01`, `${y}-${pad(mo)}-${pad(lastDay(y, mo))}`] as const;

/**
 * Every registered metric over the period and the same period a year earlier, and five yearly
 * points. One probe — the period's last month — tells whether a metric that has not declared it
 * answers for single months (its monthly trend is then fetched on demand, `monthlyFor`, to keep the
 * cockpit itself cheap). All values in two batches through the cache: the period's, then the
 * fallback years of the metrics without data.
 */
export async function metricsFor(db: Db, unitId: number, year: number, todayIso: string = today()): Promise<CockpitMetric[]> {
  const p = cockpitPeriod(year, todayIso);
  const path = ((await db.execute(sql`select path from org_units where id = ${unitId}`)).rows[0] as { path: string } | undefined)?.path;
  if (!path) return [];
  const current = p.to !== `${year}-12-31`;
  const metrics = listMetrics();
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  // Per metric: the trend years (the last one is the period), the same days a year earlier (current year), the month probe (undeclared).
  const asks: LiveAsk[] = [];
  const plan = metrics.map((m) => {
    const trend = years.map((y) => asks.push({ key: m.key, unitId, path, ...(y === year ? { from: p.from, to: p.to } : yearRange(y)) }) - 1);
    const last = current ? asks.push({ key: m.key, unitId, path, from: p.lastFrom, to: p.lastTo }) - 1 : undefined;
    const probe = m.monthly === undefined ? asks.push({ key: m.key, unitId, path, ...(([from, to]) => ({ from, to }))(monthRange(year, p.months)) }) - 1 : undefined;
    return { trend, last, probe };
  });
  const got = (await liveValues(db, asks)).map((x) => x.value);
  const out = metrics.map((m, n) => {
    const x = plan[n]!;
    const trend = years.map((y, i) => ({ label: String(y), value: got[x.trend[i]!]! }));
    const value = trend[TREND_YEARS - 1]!.value;
    // A past year compares with the whole year before (already a trend point); the current year with the same days a year earlier.
    const previous = x.last === undefined ? trend[TREND_YEARS - 2]!.value : got[x.last]!;
    const monthly = m.monthly !== undefined ? m.monthly : got[x.probe!] !== null;
    return { key: m.key, module: m.key.split('.')[0]!, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit, better: m.better, value, previous, trend, monthly, dataYear: null as number | null };
  });
  // No data for the period (e.g. energy in January before any month is reported): the latest year with data, labelled.
  const empty = out.filter((o) => o.value === null);
  if (empty.length === 0) return out;
  const back = Array.from({ length: FALLBACK_YEARS }, (_, i) => year - 1 - i); // the years looked at, and one more for the comparison
  const known = (o: CockpitMetric, y: number) => (y !== year ? o.trend.find((t) => Number(t.label) === y) : undefined);
  const fallbackAsks: LiveAsk[] = [];
  const idx = empty.map((o) => back.map((y) => (known(o, y) ? -1 : fallbackAsks.push({ key: o.key, unitId, path, ...yearRange(y) }) - 1)));
  const fb = (await liveValues(db, fallbackAsks)).map((x) => x.value);
  empty.forEach((o, n) => {
    const values = back.map((y, i) => (idx[n]![i]! < 0 ? known(o, y)!.value : fb[idx[n]![i]!]!));
    const i = values.slice(0, FALLBACK_YEARS - 1).findIndex((v) => v !== null);
    if (i < 0) return;
    Object.assign(o, { value: values[i]!, previous: values[i + 1]!, dataYear: back[i]! });
  });
  return out;
}

/** One metric month by month over the period, each month with the same month a year earlier. */
export async function monthlyFor(db: Db, key: string, unitId: number, year: number, todayIso: string = today()): Promise<CockpitMonthly> {
  const m = getMetric(key);
  if (!m) throw notFound();
  const p = cockpitPeriod(year, todayIso);
  const path = ((await db.execute(sql`select path from org_units where id = ${unitId}`)).rows[0] as { path: string } | undefined)?.path;
  if (!path) throw notFound();
  const v = (y: number, mo: number) => liveValue(db, key, unitId, ...monthRange(y, mo), path).then((x) => x.value);
  const points = await Promise.all(Array.from({ length: p.months }, (_, i) => i + 1).map(async (mo) => ({ label: `${year}-${pad(mo)}`, value: await v(year, mo), lastYear: await v(year - 1, mo) })));
  return { key, unit: m.unit, better: m.better, points };
}

/**
 * The leaders' cockpit for one unit: every registered metric (value, last year, trend), the
 * plans' weighted progress, alerts (red items, near deadlines, metrics going the wrong way), the
 * latest closed ranking and the suggestion counts.
 */
export async function cockpit(db: Db, scope: DataScope, unitId: number, year: number, locale: 'zh-CN' | 'en', todayIso: string = today()): Promise<Cockpit> {
  const u = (await db.execute(sql`select id, name, path from org_units where id = ${unitId}`)).rows[0] as { id: number; name: string; path: string } | undefined;
  if (!u) throw notFound();
  const planRows = (await db.execute(sql`select p.id, p.name, o.name as "unitName" from plan_plans p join org_units o on o.id = p.org_unit_id
    where o.path like ${`${u.path}%`} and ${readableUnits(scope, sql`p.org_unit_id`)} and p.start_year <= ${year} and p.end_year >= ${year} - 1 order by o.path, p.id limit 30`)).rows as { id: number; name: string; unitName: string }[];
  const [metrics, scored, lastRound, suggestions] = await Promise.all([
    metricsFor(db, unitId, year, todayIso),
    scorePlans(db, planRows.map((p) => p.id), year),
    db.execute(sql`select r.id from plan_eval_rounds r join org_units o on o.id = r.org_unit_id where r.status = 'closed' and ${u.path} like o.path || '%' order by r.year desc, r.id desc limit 1`),
    suggestionCounts(db, sql`d.org_unit_id in (select id from org_units where path like ${`${u.path}%`})`),
  ]);
  const alerts: CockpitAlert[] = [];
  const en = locale === 'en';
  const soon = new Date(Date.parse(`${todayIso}T00:00:00Z`) + 30 * 86400_000).toISOString().slice(0, 10);
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
  // Got worse than the same period a year earlier (同比变差).
  const period = cockpitPeriod(year, todayIso);
  const spanOf = (m: CockpitMetric) => (m.dataYear === null ? span : en ? `${m.dataYear}` : `${m.dataYear}年`);
  const span = period.months === 12 ? (en ? 'Full year' : '全年') : (en ? `Jan–${MONTHS_EN[period.months - 1]}` : period.months === 1 ? '1月' : `1–${period.months}月`);
  for (const m of metrics) {
    if (m.value === null || m.previous === null || m.value === m.previous) continue;
    const worse = m.better === 'higher' ? m.value < m.previous : m.value > m.previous;
    if (worse) alerts.push({ kind: 'metric_worse', title: en ? m.nameEn : m.nameZh, detail: `${spanOf(m)}${en ? ' vs a year earlier: ' : '同比:'}${m.previous} → ${m.value} ${m.unit}`, link: null });
  }
  const roundId = (lastRound.rows[0] as { id: number } | undefined)?.id;
  const rank = roundId ? (await ranking(db, roundId)).rows.map((r) => ({ unitName: r.unitName, total: r.total })) : [];
  const order = { deadline: 0, metric_worse: 1, red_item: 2, unbound_metric: 3 } as const;
  alerts.sort((a, b) => order[a.kind] - order[b.kind]);
  const { months: _m, ...periodOut } = period;
  return { unitId, unitName: u.name, year, period: periodOut, metrics, plans, alerts: alerts.slice(0, 50), ranking: rank, suggestions };
}

/**
 * Filled ahead of time by the kernel's warm job (after a start, after writes, before open periods
 * expire): the cockpit of every top unit (the province) for the current year with its first monthly
 * panel, every plan's roll-up for the current year (the plan list and trees), and the open rounds'
 * rankings.
 */
registerMetricWarmer('plans.cockpit', async (db) => {
  const year = Number(today().slice(0, 4));
  const roots = (await db.execute(sql`select id from org_units where parent_id is null order by id`)).rows as { id: number }[];
  for (const r of roots) {
    const metrics = await metricsFor(db, r.id, year);
    // The monthly panel opens on the first metric that answers for months.
    const first = metrics.find((m) => m.monthly);
    if (first) await monthlyFor(db, first.key, r.id, year);
  }
  const ids = ((await db.execute(sql`select id from plan_plans order by id`)).rows as { id: number }[]).map((r) => r.id);
  await scorePlans(db, ids, year);
  // Open rounds' rankings read the subjects' live values.
  for (const r of (await db.execute(sql`select id from plan_eval_rounds where status = 'open' order by id`)).rows as { id: number }[]) await ranking(db, r.id);
});
