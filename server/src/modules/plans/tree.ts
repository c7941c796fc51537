import { sql } from 'drizzle-orm';
import type { PlanItem, Colour } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';
import { liveValues, yearRange, type LiveAsk } from './live';
import { colourOf, indicatorScore, planScore, rollup, taskScore, type RollupItem } from './rollup';

interface ItemRow {
  id: number; plan_id: number; parent_id: number | null; kind: PlanItem['kind']; code: string | null; title: string; sort: number; weight: number;
  unit: string | null; baseline_year: number | null; baseline_value: number | null; target_year: number | null; target_value: number | null;
  direction: string | null; binding: string | null; metric_key: string | null; owner_unit_id: number | null; owner_name: string | null;
  co_owner_unit_ids: number[]; deadline: string | null; org_unit_id: number; unit_path: string;
  last_value: number | null; last_status: 'green' | 'amber' | 'red' | null; upper: number[] | null;
}

export interface ScoredPlan { items: PlanItem[]; score: number | null; colour: Colour }

/**
 * Items of the plans with their latest measure, live values for bound indicators (for `year`,
 * on the plan's own org unit), and the weighted roll-up. One query for all plans.
 */
export async function scorePlans(db: Db | Tx, planIds: number[], year: number): Promise<Map<number, ScoredPlan>> {
  const out = new Map<number, ScoredPlan>();
  if (planIds.length === 0) return out;
  const ids = sql.join(planIds.map((id) => sql`${id}`), sql`, `);
  const r = await db.execute(sql`
    select i.id, i.plan_id, i.parent_id, i.kind, i.code, i.title, i.sort, i.weight::float8 as weight, i.unit,
      i.baseline_year, i.baseline_value::float8 as baseline_value, i.target_year, i.target_value::float8 as target_value,
      i.direction, i.binding, i.metric_key, i.owner_unit_id, ou.name as owner_name, i.co_owner_unit_ids, i.deadline::text as deadline, i.org_unit_id, iu.path as unit_path,
      lr.value::float8 as last_value, lr.status as last_status,
      (select array_agg(a.upper_item_id order by a.upper_item_id) from plan_alignments a where a.item_id = i.id) as upper
    from plan_items i
    join org_units iu on iu.id = i.org_unit_id
    left join org_units ou on ou.id = i.owner_unit_id
    left join lateral (select r.value, r.status from plan_progress_reports r join plan_report_periods p on p.id = r.period_id
      where r.item_id = i.id order by p.ends desc, r.id desc limit 1) lr on true
    where i.plan_id in (${ids})
    order by i.plan_id, i.sort, i.id`);
  const rows = r.rows as unknown as ItemRow[];
  const th = await db.execute(sql`select id, green_at::float8 as "greenAt", amber_at::float8 as "amberAt", start_year as "startYear", end_year as "endYear" from plan_plans where id in (${ids})`);
  const thresholds = new Map((th.rows as { id: number; greenAt: number; amberAt: number; startYear: number; endYear: number }[]).map((t) => [t.id, t]));
  // Every bound indicator's live value in one batch, one per (metric, unit, year): a plan's indicators often share them.
  const live = new Map<number, { value: number | null; available: boolean }>();
  const bound = rows.filter((i) => i.kind === 'indicator' && i.metric_key);
  const asks: LiveAsk[] = [];
  const askOf = new Map<string, number>();
  const slot = bound.map((i) => {
    // A finished plan is measured in its last year, a future one in its first.
    const p = thresholds.get(i.plan_id)!;
    const { from, to } = yearRange(Math.min(Math.max(year, p.startYear), p.endYear));
    const k = `${i.metric_key}|${i.org_unit_id}|${from}`;
    if (!askOf.has(k)) askOf.set(k, asks.push({ key: i.metric_key!, unitId: i.org_unit_id, from, to, path: i.unit_path }) - 1);
    return askOf.get(k)!;
  });
  const values = await liveValues(db, asks);
  bound.forEach((i, n) => live.set(i.id, values[slot[n]!]!));
  for (const planId of planIds) {
    const mine = rows.filter((i) => i.plan_id === planId);
    const t = thresholds.get(planId) ?? { greenAt: 0.9, amberAt: 0.6 };
    const actual = new Map<number, { value: number | null; source: PlanItem['actualSource'] }>();
    const ru: RollupItem[] = mine.map((i) => {
      let leaf: number | null = null;
      let leafColour: 'green' | 'amber' | 'red' | undefined;
      if (i.kind === 'indicator') {
        const l = live.get(i.id);
        const a = l?.available && l.value !== null ? { value: l.value, source: 'live' as const }
          : i.last_value !== null ? { value: i.last_value, source: 'report' as const }
          : { value: null, source: l && !l.available ? 'unavailable' as const : 'none' as const };
        actual.set(i.id, a);
        leaf = indicatorScore({ baselineValue: i.baseline_value, targetValue: i.target_value, direction: i.direction }, a.value);
      } else if (i.kind === 'task' && i.last_status) {
        leaf = taskScore(i.last_status, t);
        leafColour = i.last_status;
      }
      return { id: i.id, parentId: i.parent_id, weight: i.weight, leafScore: leaf, ...(leafColour ? { leafColour } : {}) };
    });
    const res = rollup(ru, t);
    const score = planScore(ru, res);
    out.set(planId, {
      score, colour: colourOf(score, t),
      items: mine.map((i) => {
        const x = res.get(i.id) ?? { score: null, colour: 'none' as const, share: 0 };
        const a = actual.get(i.id) ?? { value: null, source: 'none' as const };
        return {
          id: i.id, planId: i.plan_id, parentId: i.parent_id, kind: i.kind, code: i.code, title: i.title, sort: i.sort, weight: i.weight, share: x.share,
          unit: i.unit, baselineYear: i.baseline_year, baselineValue: i.baseline_value, targetYear: i.target_year, targetValue: i.target_value,
          direction: i.direction, binding: i.binding, metricKey: i.metric_key, ownerUnitId: i.owner_unit_id, ownerName: i.owner_name,
          coOwnerUnitIds: i.co_owner_unit_ids ?? [], deadline: i.deadline,
          actual: a.value, actualSource: a.source,
          liveStatus: !i.metric_key ? null : !live.get(i.id)?.available ? 'unavailable' as const : live.get(i.id)!.value === null ? 'no_data' as const : 'live' as const,
          score: x.score, colour: x.colour, upperItemIds: i.upper ?? [],
        };
      }),
    });
  }
  return out;
}
