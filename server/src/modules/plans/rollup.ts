/**
 * Status roll-up (进度汇总): colours are set at the lowest level (a task's reported colour, an
 * indicator's share of the way from baseline to target) and rolled up as a weighted mean with the
 * published weights. Items with no measure are left out of both sums, so they do not drag a
 * roll-up down; a parent whose children have no measure has none itself.
 */
export type Colour = 'green' | 'amber' | 'red' | 'none';

export interface RollupItem {
  id: number;
  parentId: number | null;
  weight: number;
  /** The leaf's own measure in [0, 1], or null when nothing is measured yet. */
  leafScore: number | null;
  /** A colour reported at the lowest level (a task's status) is shown as reported. */
  leafColour?: Colour;
}

export interface RollupResult { score: number | null; colour: Colour; share: number }

/** A task's reported colour as a measure: green 1, red 0, amber midway between the plan's two thresholds. */
export function taskScore(status: 'green' | 'amber' | 'red', t: { greenAt: number; amberAt: number }): number {
  return status === 'green' ? 1 : status === 'red' ? 0 : (t.greenAt + t.amberAt) / 2;
}

/** Share of the way from baseline to target (direction-aware through the sign), clamped to [0, 1]. */
export function indicatorScore(i: { baselineValue: number | null; targetValue: number | null; direction: string | null }, actual: number | null): number | null {
  if (actual === null || i.targetValue === null) return null;
  const target = i.targetValue;
  let s: number;
  if (i.baselineValue !== null && i.baselineValue !== target) s = (actual - i.baselineValue) / (target - i.baselineValue);
  else if (i.direction === 'down') s = actual <= target ? 1 : actual === 0 ? 0 : target / actual;
  else s = target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  return Math.min(1, Math.max(0, s));
}

export function colourOf(score: number | null, t: { greenAt: number; amberAt: number }): Colour {
  if (score === null) return 'none';
  return score >= t.greenAt ? 'green' : score >= t.amberAt ? 'amber' : 'red';
}

export function rollup(items: RollupItem[], thresholds: { greenAt: number; amberAt: number }): Map<number, RollupResult> {
  const children = new Map<number | null, RollupItem[]>();
  for (const it of items) children.set(it.parentId, [...(children.get(it.parentId) ?? []), it]);
  const out = new Map<number, RollupResult>();
  const visit = (it: RollupItem, share: number): number | null => {
    const kids = children.get(it.id) ?? [];
    let score: number | null;
    if (kids.length === 0) score = it.leafScore;
    else {
      const total = kids.reduce((s, k) => s + k.weight, 0);
      let num = 0, den = 0;
      for (const k of kids) {
        const ks = visit(k, total > 0 ? k.weight / total : 0);
        if (ks !== null) { num += ks * k.weight; den += k.weight; }
      }
      score = den > 0 ? num / den : null;
    }
    out.set(it.id, { score, colour: kids.length === 0 && it.leafColour ? it.leafColour : colourOf(score, thresholds), share });
    return score;
  };
  const roots = children.get(null) ?? [];
  const total = roots.reduce((s, k) => s + k.weight, 0);
  for (const r of roots) visit(r, total > 0 ? r.weight / total : 0);
  return out;
}

/** The plan's own score: the roots rolled up the same way. */
export function planScore(items: RollupItem[], res: Map<number, RollupResult>): number | null {
  let num = 0, den = 0;
  for (const it of items) {
    if (it.parentId !== null) continue;
    const s = res.get(it.id)?.score ?? null;
    if (s !== null) { num += s * it.weight; den += it.weight; }
  }
  return den > 0 ? num / den : null;
}
