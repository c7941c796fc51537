import type { Db, Tx } from '../../db/client';

/**
 * Live metrics (活指标): figures a module can compute for any org unit's subtree and period, so
 * plans and the cockpit read what the module already knows instead of having people type it in.
 * A module registers its metrics at import (next to its permissions); the kernel only lists and
 * computes them, it knows no domain.
 */
export interface MetricQuery {
  /** The org unit whose subtree is measured, and its path ('/1/5/'), for `path like` filters. */
  unitId: number;
  path: string;
  /** Inclusive ISO dates. */
  from: string;
  to: string;
}

export interface MetricDef {
  /** `<module>.<name>`, e.g. `office.compliance_rate`. */
  key: string;
  nameZh: string;
  nameEn: string;
  /** Display unit: '%', 'm²', 'kgce/人', 'g/餐'. */
  unit: string;
  /** Which way is better, for colouring progress. */
  better: 'higher' | 'lower';
  /** Null when the subtree has no data for the period (a missing measure, not a zero). */
  compute(db: Db | Tx, q: MetricQuery): Promise<number | null>;
  /**
   * Optional: whether a single month is a meaningful period for it (monthly readings: true; a
   * state at a date or yearly figures: false). Undeclared: a reader may probe a month.
   */
  monthly?: boolean;
  /**
   * Optional: the tables its value is computed from (names, or LIKE patterns such as
   * `energy\_%`), for the cache (`computeMetric`). Default: the module's own tables,
   * `<module>_…`. `org_units` always counts.
   */
  sources?: readonly string[];
  /** Optional: false when the value depends on more than its tables and period; it is then never cached. */
  cache?: boolean;
}

const registry = new Map<string, MetricDef>();

export function registerMetric(def: MetricDef): void {
  if (!/^[a-z]+\.[a-z0-9_]+$/.test(def.key)) throw new Error(`Metric key ${def.key} must be <module>.<name>`);
  if (registry.has(def.key)) throw new Error(`Metric ${def.key} registered twice`);
  registry.set(def.key, def);
}

export function listMetrics(): MetricDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function getMetric(key: string): MetricDef | undefined {
  return registry.get(key);
}
