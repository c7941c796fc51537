import { registerMetric, type MetricQuery } from '../../kernel/metrics/metrics';
import type { Db, Tx } from '../../db/client';
import { compute, indicatorsOf } from './indicators';

type Field = 'perCapita' | 'perArea' | 'co2PerArea' | 'co2PerCapita' | 'totalTce' | 'waterPerCapita';

async function value(db: Db | Tx, q: MetricQuery, field: Field): Promise<number | null> {
  const c = await compute(db, { path: q.path, from: q.from.slice(0, 7), to: q.to.slice(0, 7), method: 'calorific', group: 'total' });
  const s = c.groups.get('total');
  if (!s || (s.kgce === 0 && s.waterM3 === 0)) return null;
  // CO₂ per person: the same sums as the published per-area figure, over the headcount.
  if (field === 'co2PerCapita') return s.co2Kg === null || !s.headcount ? null : Math.round((s.co2Kg / s.headcount) * 10_000) / 10_000;
  return indicatorsOf(s, '')[field];
}

/** Headline figures for plans and the cockpit, for any unit's subtree and period. */
export function registerEnergyMetrics(): void {
  const defs: [string, string, string, string, Field][] = [
    ['energy.per_capita', '人均综合能耗', 'Energy per capita', 'kgce/人', 'perCapita'],
    ['energy.per_area', '单位建筑面积能耗', 'Energy per floor area', 'kgce/m²', 'perArea'],
    ['energy.co2_per_area', '单位建筑面积碳排放', 'CO₂ per floor area', 'kgCO₂/m²', 'co2PerArea'],
    ['energy.co2_per_capita', '人均碳排放', 'CO₂ per capita', 'kgCO₂/人', 'co2PerCapita'],
    ['energy.total_tce', '综合能耗', 'Total energy', 'tce', 'totalTce'],
    ['energy.water_per_capita', '人均用水量', 'Water per capita', 'm³/人', 'waterPerCapita'],
  ];
  for (const [key, nameZh, nameEn, unit, field] of defs) registerMetric({ key, nameZh, nameEn, unit, better: 'lower', monthly: true, compute: (db, q) => value(db, q, field) });
}
