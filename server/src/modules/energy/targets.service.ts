import { eq, sql } from 'drizzle-orm';
import type { Progress, Target } from '@guanjia/contracts/energy';
import type { Db, Tx } from '../../db/client';
import { invalid, notFound } from '../../kernel/http/errors';
import { energyTargetDefaults, energyTargets } from './energy.schema';
import { addSums, compute, valueOf, yearValue, type Sums } from './indicators';

/**
 * Targets (目标) against the 2020 baseline, cascaded level by level. For an intensity indicator
 * the children's allowed totals must not exceed the parent's: Σ baselineᵢ·(1 − rᵢ) ≤ Σ baselineᵢ·(1 − r),
 * i.e. the baseline-weighted mean of the children's reductions is at least the parent's.
 * Progress is measured against the straight line from the baseline year to the target year.
 */
type Indicator = Target['indicator'];

export async function listTargets(db: Db | Tx, path: string): Promise<Target[]> {
  const r = await db.execute(sql`select t.*, u.name as unit_name from energy_targets t join org_units u on u.id = t.org_unit_id
    where u.path like ${`${path}%`} order by u.path, t.indicator, t.tier`);
  return (r.rows as Record<string, unknown>[]).map(toTarget);
}

function toTarget(x: Record<string, unknown>): Target {
  return {
    id: Number(x.id), orgUnitId: Number(x.org_unit_id), unitName: String(x.unit_name), indicator: x.indicator as Indicator, tier: x.tier as Target['tier'],
    baselineYear: Number(x.baseline_year), targetYear: Number(x.target_year), reductionPct: Number(x.reduction_pct),
    parentTargetId: x.parent_target_id === null ? null : Number(x.parent_target_id), source: String(x.source),
  };
}

export async function getTarget(db: Db | Tx, id: number): Promise<Target> {
  const r = await db.execute(sql`select t.*, u.name as unit_name from energy_targets t join org_units u on u.id = t.org_unit_id where t.id = ${id}`);
  const row = r.rows[0] as Record<string, unknown> | undefined;
  if (!row) throw notFound();
  return toTarget(row);
}

/** Sets (or replaces) a unit's target; without a percentage, the stored national default applies. */
export async function setTarget(tx: Tx, input: { orgUnitId: number; indicator: Indicator; tier: Target['tier']; reductionPct?: number | undefined; source?: string | undefined }, userId: number | null, parentTargetId: number | null = null) {
  let pct = input.reductionPct;
  let source = input.source;
  let baselineYear = 2020;
  let targetYear = 2025;
  const [d] = await tx.select().from(energyTargetDefaults).where(eq(energyTargetDefaults.indicator, input.indicator));
  if (d) {
    baselineYear = d.baselineYear;
    targetYear = d.targetYear;
  }
  if (pct === undefined) {
    if (!d) throw invalid('validation', {}, 'body.reductionPct');
    pct = Number(d.reductionPct);
    source ??= d.source;
  }
  const values = { orgUnitId: input.orgUnitId, indicator: input.indicator, tier: input.tier, baselineYear, targetYear, reductionPct: String(pct), parentTargetId, source: source ?? '', updatedBy: userId, updatedAt: new Date() };
  const [row] = await tx.insert(energyTargets).values(values)
    .onConflictDoUpdate({ target: [energyTargets.orgUnitId, energyTargets.indicator, energyTargets.tier, energyTargets.targetYear], set: values })
    .returning();
  return row!;
}

/** Reporting units one level below: child regions holding institutions, and institutions whose nearest region this is. */
export async function cascadeChildren(db: Db | Tx, unitId: number): Promise<{ id: number; name: string; path: string }[]> {
  const r = await db.execute(sql`
    with p as (select id, path from org_units where id = ${unitId})
    select c.id, c.name, c.path from org_units c, p where c.parent_id = p.id and c.kind = 'region'
      and exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where i.active and u.path like c.path || '%')
    union all
    select u.id, u.name, u.path from energy_institutions i join org_units u on u.id = i.org_unit_id, p
    where i.active and u.path like p.path || '%' and u.id <> p.id
      and (select a.id from org_units a where u.path like a.path || '%' and a.kind = 'region' and a.id <> u.id order by length(a.path) desc limit 1) = p.id
    order by 3`);
  return r.rows as { id: number; name: string; path: string }[];
}

/**
 * Cascades a target to the units one level below, evenly (each the parent's reduction) or by hand
 * (every child given, the baseline-weighted sum checked). Returns the children's targets.
 */
export async function cascade(tx: Tx, parent: Target, mode: 'even' | 'manual', manual: { orgUnitId: number; reductionPct: number }[] | undefined, userId: number | null) {
  const children = await cascadeChildren(tx, parent.orgUnitId);
  if (!children.length) throw invalid('energy_cascade_no_children');
  let pcts: Map<number, number>;
  if (mode === 'even') pcts = new Map(children.map((c) => [c.id, parent.reductionPct]));
  else {
    pcts = new Map((manual ?? []).map((m) => [m.orgUnitId, m.reductionPct]));
    const missing = children.filter((c) => !pcts.has(c.id));
    const extra = [...pcts.keys()].filter((id) => !children.some((c) => c.id === id));
    if (missing.length || extra.length) throw invalid('energy_cascade_children', { units: missing.map((c) => c.name).join('、') }, 'body.children');
    let base = 0;
    let allowed = 0;
    for (const c of children) {
      const b = (await yearValue(tx, c.path, parent.baselineYear, parent.indicator)).numerator;
      base += b;
      allowed += b * (1 - pcts.get(c.id)! / 100);
    }
    const parentAllowed = base * (1 - parent.reductionPct / 100);
    if (base > 0 && allowed > parentAllowed + 1e-6) {
      const weighted = Math.round((1 - allowed / base) * 10000) / 100;
      throw invalid('energy_cascade_short', { weighted, required: parent.reductionPct }, 'body.children');
    }
  }
  const out = [];
  for (const c of children) out.push(await setTarget(tx, { orgUnitId: c.id, indicator: parent.indicator, tier: parent.tier, reductionPct: pcts.get(c.id)!, source: `分解自 #${parent.id}` }, userId, parent.id));
  return out;
}

/**
 * Progress of each target in a subtree for a year: the straight-line path value baseline·(1 − r·(y−b)/(t−b)).
 * over_quota: above the binding tier's path; off_pace: above this tier's path.
 */
export async function progress(db: Db | Tx, path: string, year: number, onlyUnits?: number[]): Promise<Progress[]> {
  const targets = (await listTargets(db, path)).filter((t) => !onlyUnits || onlyUnits.includes(t.orgUnitId));
  const paths = new Map((await db.execute(sql`select id, path from org_units where path like ${`${path}%`}`)).rows.map((r) => [(r as { id: number }).id, (r as { path: string }).path]));
  // Two set-based computations per year (per institution), summed up per target unit.
  const perYear = new Map<number, { path: string; sums: Sums }[]>();
  const sumsFor = async (y: number) => {
    if (!perYear.has(y)) {
      const c = await compute(db, { path, from: `${y}-01`, to: `${y}-12`, method: 'calorific', group: 'institution' });
      perYear.set(y, [...c.groups.values()].map((g) => ({ path: paths.get(Number(g.key)) ?? '', sums: g })));
    }
    return perYear.get(y)!;
  };
  const value = async (unitId: number, y: number, ind: Indicator) => {
    const unitPath = paths.get(unitId)!;
    const parts = (await sumsFor(y)).filter((x) => x.path.startsWith(unitPath)).map((x) => x.sums);
    return valueOf(addSums(parts), ind).value;
  };
  const out: Progress[] = [];
  for (const t of targets) {
    const baseline = await value(t.orgUnitId, t.baselineYear, t.indicator);
    const current = await value(t.orgUnitId, year, t.indicator);
    const share = Math.min(1, Math.max(0, (year - t.baselineYear) / (t.targetYear - t.baselineYear)));
    const expectedPct = Math.round(t.reductionPct * share * 100) / 100;
    const pathOf = (pct: number) => (baseline === null ? null : baseline * (1 - (pct * share) / 100));
    const pathValue = pathOf(t.reductionPct);
    const binding = targets.find((o) => o.orgUnitId === t.orgUnitId && o.indicator === t.indicator && o.tier === 'binding');
    const bindingPath = binding ? pathOf(binding.reductionPct) : null;
    let status: Progress['status'] = 'no_data';
    if (baseline !== null && current !== null && pathValue !== null) {
      status = bindingPath !== null && current > bindingPath + 1e-9 ? 'over_quota' : current > pathValue + 1e-9 ? 'off_pace' : 'on_track';
    }
    out.push({
      targetId: t.id, orgUnitId: t.orgUnitId, unitName: t.unitName, indicator: t.indicator, tier: t.tier, reductionPct: t.reductionPct,
      baseline, current, year, expectedPct,
      actualPct: baseline && current !== null ? Math.round((1 - current / baseline) * 10000) / 100 : null,
      pathValue: pathValue === null ? null : Math.round(pathValue * 10000) / 10000, status,
    });
  }
  return out;
}
