import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../kernel/http/errors';

/**
 * Indicators (综合能耗, 人均, 单位面积, 人均用水, 单位面积碳排放) for any subtree and period, in SQL over
 * the monthly summary `energy_monthly`. Factors apply at query time (the latest version whose
 * year ≤ the data's year; for CO₂ the province's own, else its grid's, else the national one), so a
 * new or corrected factor changes every affected figure immediately, and a late month only adds
 * its rows to the summary. Each method reads only its own coefficients (equal-value 等价值 versions are
 * data, seeded for primary fuels; electricity's is added by the bureau per year): a type without one
 * for a year with data is `energy_factor_missing`, never a silent calorific stand-in. Every energy
 * type with data needs a CO₂ factor, else the group's CO₂ is empty and the type is listed as missing.
 */
export type Method = 'calorific' | 'equal_value';
export type Grouping = 'total' | 'child' | 'category' | 'institution' | 'month';

export interface Sums {
  key: string;
  institutions: number;
  headcount: number | null;
  floorArea: number | null;
  kgce: number;
  kgceWithoutHeating: number;
  waterM3: number;
  co2Kg: number | null;
  costFen: number;
}

export interface FactorUse { id: number; kind: string; energyType: string; year: number; region: string; value: number; source: string }

export interface Computed { groups: Map<string, Sums>; factors: FactorUse[]; missingCo2: { kind: string; energyType: string; year: number }[]; byType: { energyType: string; quantity: number; kgce: number; costFen: number }[] }

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The province (root region) of a path and its electricity grid, for CO₂ factors. */
export async function provinceOf(db: Db | Tx, path: string): Promise<{ code: string; grid: string }> {
  const rootPath = `/${path.split('/')[1]}/`;
  const r = await db.execute(sql`select u.region_code, g.grid from org_units u left join energy_grid_regions g on g.province_code = u.region_code where u.path = ${rootPath}`);
  const row = r.rows[0] as { region_code: string | null; grid: string | null } | undefined;
  return { code: row?.region_code ?? '', grid: row?.grid ?? 'national' };
}

export const monthStart = (ym: string) => `${ym}-01`;
export function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The summed quantities (per key, type, heating flag and year) and denominators (per key) of a
 * subtree. Totals, children, categories and months read the region roll-ups (`energy_node_*`: the
 * subtree's own node, or each child's, plus the unit itself or a child that is itself an active
 * institution); per-institution listings read the per-institution summaries.
 */
function sources(q: { path: string; from: string; to: string; group: Grouping; perMonth?: boolean }, unitId: number, end: string): { data: SQL; denominators: SQL } {
  const yFrom = Number(q.from.slice(0, 4));
  const yTo = Number(q.to.slice(0, 4));
  const from = monthStart(q.from);
  const to = monthStart(q.to);
  // The whole calendar years inside the period read the yearly summaries (12× fewer rows); only the
  // months of a partial first or last year read the monthly ones. A month grouping reads months.
  const yA = q.from.endsWith('-01') ? yFrom : yFrom + 1;
  const yB = q.to.endsWith('-12') ? yTo : yTo - 1;
  const years = q.group !== 'month' && !q.perMonth && yA <= yB ? { from: yA, to: yB } : null;
  const monthsNeeded = !years || years.from > yFrom || years.to < yTo;
  const monthIn = (col: SQL) => years
    ? sql`${col} between ${from}::date and ${to}::date and (${col} < make_date(${years.from}, 1, 1) or ${col} >= make_date(${years.to + 1}, 1, 1))`
    : sql`${col} between ${from}::date and ${to}::date`;
  const unionAll = (parts: (SQL | false)[]) => sql.join(parts.filter((x): x is SQL => x !== false), sql` union all `);
  if (q.group === 'institution') {
    const inst = sql`select i.org_unit_id, i.org_unit_id::text as g, i.category from energy_institutions i join org_units u on u.id = i.org_unit_id
      where u.path like ${`${q.path}%`} and i.active`;
    const src = unionAll([
      !!years && sql`select org_unit_id, year as y, make_date(year, 1, 1) as month, energy_type, for_heating, quantity, cost_fen from energy_yearly where year between ${years.from} and ${years.to}`,
      monthsNeeded && sql`select org_unit_id, extract(year from month)::int as y, month, energy_type, for_heating, quantity, cost_fen from energy_monthly where ${monthIn(sql`month`)}`,
    ]);
    const instKey = q.perMonth ? sql`inst.g || '|' || to_char(m.month, 'YYYY-MM')` : sql`inst.g`;
    return {
      data: sql`with inst as (${inst}) select ${instKey} as k, m.energy_type, m.for_heating, m.y::int as y, sum(m.quantity) as q, sum(m.cost_fen) as c
        from (${src}) m join inst on inst.org_unit_id = m.org_unit_id group by 1, 2, 3, 4`,
      denominators: sql`with inst as (${inst}) select inst.g as k, count(*)::int as n, sum(x.headcount)::float8 as hc, sum(x.floor_area)::float8 as fa
        from inst left join lateral (select d.headcount, d.floor_area from energy_denominators d where d.org_unit_id = inst.org_unit_id and d.effective_from <= ${end}::date
          order by d.effective_from desc limit 1) x on true group by 1`,
    };
  }
  // nk: the roll-up nodes read and the key each stands for; sk: units whose own figures count (when an active institution).
  const nk = q.group === 'child' ? sql`select id as node_id, id::text as k from org_units where parent_id = ${unitId}` : sql`select ${unitId}::int as node_id, 'total'::text as k`;
  const sk = q.group === 'child'
    ? sql`select id as org_unit_id, id::text as k from org_units where parent_id = ${unitId} union all select ${unitId}::int, ${String(unitId)}::text`
    : sql`select ${unitId}::int as org_unit_id, 'total'::text as k`;
  const nodeBase = q.group === 'category' ? sql`n.category` : q.group === 'month' ? sql`to_char(n.month, 'YYYY-MM')` : sql`nk.k`;
  const selfBase = q.group === 'category' ? sql`i.category` : q.group === 'month' ? sql`to_char(m.month, 'YYYY-MM')` : sql`sk.k`;
  // Per month of each key ('<key>|YYYY-MM'), for the heating-season split of every row of a breakdown.
  const nodeKey = q.perMonth ? sql`${nodeBase} || '|' || to_char(n.month, 'YYYY-MM')` : nodeBase;
  const selfKey = q.perMonth ? sql`${selfBase} || '|' || to_char(m.month, 'YYYY-MM')` : selfBase;
  const data = unionAll([
    !!years && sql`select ${nodeBase} as k, n.energy_type, n.for_heating, n.year::int as y, n.quantity as q, n.cost_fen as c
        from energy_node_yearly n join nk on nk.node_id = n.node_id where n.year between ${years.from} and ${years.to}`,
    !!years && sql`select ${selfBase}, m.energy_type, m.for_heating, m.year::int, m.quantity, m.cost_fen
        from energy_yearly m join sk on sk.org_unit_id = m.org_unit_id join energy_institutions i on i.org_unit_id = m.org_unit_id and i.active
        where m.year between ${years.from} and ${years.to}`,
    monthsNeeded && sql`select ${nodeKey} as k, n.energy_type, n.for_heating, extract(year from n.month)::int as y, n.quantity as q, n.cost_fen as c
        from energy_node_monthly n join nk on nk.node_id = n.node_id where ${monthIn(sql`n.month`)}`,
    monthsNeeded && sql`select ${selfKey}, m.energy_type, m.for_heating, extract(year from m.month)::int, m.quantity, m.cost_fen
        from energy_monthly m join sk on sk.org_unit_id = m.org_unit_id join energy_institutions i on i.org_unit_id = m.org_unit_id and i.active
        where ${monthIn(sql`m.month`)}`,
  ]);
  const denNodeKey = q.group === 'category' ? sql`d.category` : sql`nk.k`;
  const denSelfKey = q.group === 'category' ? sql`i.category` : sql`sk.k`;
  return {
    data: sql`with nk as (${nk}), sk as (${sk})
      select k, energy_type, for_heating, y, sum(q) as q, sum(c) as c from (${data}) x group by 1, 2, 3, 4 having sum(q) <> 0 or sum(c) <> 0`,
    denominators: sql`with nk as (${nk}), sk as (${sk})
      select k, sum(n)::int as n, sum(hc)::float8 as hc, sum(fa)::float8 as fa from (
        select ${denNodeKey} as k, d.institutions as n, d.headcount as hc, d.floor_area as fa
          from energy_node_denominators d join nk on nk.node_id = d.node_id where d.effective_from <= ${end}::date
        union all
        select ${denSelfKey}, 1, x.headcount, x.floor_area from sk join energy_institutions i on i.org_unit_id = sk.org_unit_id and i.active
          left join lateral (select d.headcount, d.floor_area from energy_denominators d where d.org_unit_id = sk.org_unit_id and d.effective_from <= ${end}::date
            order by d.effective_from desc limit 1) x on true
      ) z group by 1 having sum(n) > 0`,
  };
}

/** Sums per group; throws `energy_factor_missing` when a standard-coal coefficient is missing for a year with data. */
export async function compute(db: Db | Tx, q: { path: string; from: string; to: string; method: Method; group: Grouping; perMonth?: boolean }): Promise<Computed> {
  const prov = await provinceOf(db, q.path);
  const end = monthEnd(q.to);
  const unitId = Number(q.path.split('/').filter(Boolean).pop());
  const src = sources(q, unitId, end);
  const r = await db.execute(sql`
    with s as (${src.data}), f as (
      select s.*, t.is_energy,
        (select row(f.id, f.value)::text from energy_factors f where f.kind = 'coal' and f.energy_type = s.energy_type and f.year <= s.y
           and f.method = ${q.method} order by f.year desc limit 1) as coal,
        (select row(f.id, f.value)::text from energy_factors f where f.kind = 'co2' and f.energy_type = s.energy_type and f.year <= s.y
           and f.region in ('national', ${prov.grid}, ${prov.code})
           order by case f.region when ${prov.code} then 0 when ${prov.grid} then 1 else 2 end, f.year desc limit 1) as co2
      from s join energy_types t on t.code = s.energy_type
    )
    select k, energy_type, for_heating, y, q::float8 as q, c::float8 as c, is_energy, coal, co2 from f`);
  const rows = r.rows as { k: string; energy_type: string; for_heating: boolean; y: number; q: number; c: number; is_energy: boolean; coal: string | null; co2: string | null }[];

  const parseFactor = (s: string | null): { id: number; value: number } | null => {
    if (!s) return null;
    const [id, value] = s.replace(/[()]/g, '').split(',');
    return { id: Number(id), value: Number(value) };
  };
  const groups = new Map<string, Sums>();
  const used = new Set<number>();
  const missingCo2 = new Map<string, { kind: string; energyType: string; year: number }>();
  const byType = new Map<string, { energyType: string; quantity: number; kgce: number; costFen: number }>();
  const co2Broken = new Set<string>();
  for (const row of rows) {
    const s = groups.get(row.k) ?? { key: row.k, institutions: 0, headcount: null, floorArea: null, kgce: 0, kgceWithoutHeating: 0, waterM3: 0, co2Kg: 0, costFen: 0 };
    groups.set(row.k, s);
    const t = byType.get(row.energy_type) ?? { energyType: row.energy_type, quantity: 0, kgce: 0, costFen: 0 };
    byType.set(row.energy_type, t);
    t.quantity += row.q;
    t.costFen += row.c;
    s.costFen += row.c;
    if (row.energy_type === 'water') s.waterM3 += row.q;
    if (!row.is_energy || row.q === 0) continue;
    const coal = parseFactor(row.coal);
    if (!coal) throw new AppError('energy_factor_missing', 400, { type: `@energy_type.${row.energy_type}`, year: row.y, kind: q.method });
    used.add(coal.id);
    const kgce = row.q * coal.value;
    s.kgce += kgce;
    t.kgce += kgce;
    if (!row.for_heating) s.kgceWithoutHeating += kgce;
    const co2 = parseFactor(row.co2);
    if (!co2) {
      missingCo2.set(`${row.energy_type}/${row.y}`, { kind: 'co2', energyType: row.energy_type, year: row.y });
      co2Broken.add(row.k);
      continue;
    }
    used.add(co2.id);
    s.co2Kg = (s.co2Kg ?? 0) + row.q * co2.value;
  }
  for (const k of co2Broken) groups.get(k)!.co2Kg = null;

  if (q.group !== 'month' && !q.perMonth) {
    const d = await db.execute(src.denominators);
    for (const row of d.rows as { k: string; n: number; hc: number | null; fa: number | null }[]) {
      const s = groups.get(row.k) ?? { key: row.k, institutions: 0, headcount: null, floorArea: null, kgce: 0, kgceWithoutHeating: 0, waterM3: 0, co2Kg: 0, costFen: 0 };
      groups.set(row.k, s);
      s.institutions = row.n;
      s.headcount = numOrNull(row.hc) || null;
      s.floorArea = numOrNull(row.fa) || null;
    }
  }
  let factors: FactorUse[] = [];
  if (used.size) {
    const fr = await db.execute(sql`select id, kind, energy_type, year, region, value::float8 as value, source from energy_factors where id in (${sql.join([...used].map((id) => sql`${id}`), sql`, `)}) order by kind, energy_type, year`);
    factors = (fr.rows as { id: number; kind: string; energy_type: string; year: number; region: string; value: number; source: string }[])
      .map((f) => ({ id: f.id, kind: f.kind, energyType: f.energy_type, year: f.year, region: f.region, value: num(f.value), source: f.source }));
  }
  return { groups, factors, missingCo2: [...missingCo2.values()], byType: [...byType.values()] };
}

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b));

/** The published indicators of one group's sums. */
export function indicatorsOf(s: Sums, name: string) {
  return {
    key: s.key,
    name,
    institutions: s.institutions,
    headcount: s.headcount,
    floorArea: s.floorArea,
    totalTce: round(s.kgce / 1000),
    totalTceWithoutHeating: round(s.kgceWithoutHeating / 1000),
    perCapita: ratio(s.kgce, s.headcount),
    perArea: ratio(s.kgce, s.floorArea),
    perCapitaWithoutHeating: ratio(s.kgceWithoutHeating, s.headcount),
    perAreaWithoutHeating: ratio(s.kgceWithoutHeating, s.floorArea),
    waterM3: round(s.waterM3),
    waterPerCapita: ratio(s.waterM3, s.headcount),
    co2Tonnes: s.co2Kg === null ? null : round(s.co2Kg / 1000),
    co2PerArea: ratio(s.co2Kg, s.floorArea),
    costYuan: round(s.costFen / 100, 2),
  };
}

export const emptySums = (key: string): Sums => ({ key, institutions: 0, headcount: null, floorArea: null, kgce: 0, kgceWithoutHeating: 0, waterM3: 0, co2Kg: 0, costFen: 0 });

export function addSums(parts: Sums[]): Sums {
  const out = emptySums('total');
  let hc = 0;
  let fa = 0;
  for (const p of parts) {
    out.institutions += p.institutions;
    hc += p.headcount ?? 0;
    fa += p.floorArea ?? 0;
    out.kgce += p.kgce;
    out.kgceWithoutHeating += p.kgceWithoutHeating;
    out.waterM3 += p.waterM3;
    out.co2Kg = out.co2Kg === null || p.co2Kg === null ? null : out.co2Kg + p.co2Kg;
    out.costFen += p.costFen;
  }
  out.headcount = hc || null;
  out.floorArea = fa || null;
  return out;
}

type TargetIndicator = 'per_area' | 'per_capita' | 'water_per_capita' | 'co2_per_area';

/** One target indicator of some sums: null without data or denominator; the numerator for weighting cascades. */
export function valueOf(s: Sums, indicator: TargetIndicator): { value: number | null; numerator: number } {
  const i = indicatorsOf(s, '');
  const hasData = s.kgce > 0 || s.waterM3 > 0;
  switch (indicator) {
    case 'per_area': return { value: hasData ? i.perArea : null, numerator: s.kgce };
    case 'per_capita': return { value: hasData ? i.perCapita : null, numerator: s.kgce };
    case 'water_per_capita': return { value: s.waterM3 > 0 ? i.waterPerCapita : null, numerator: s.waterM3 };
    default: return { value: hasData ? i.co2PerArea : null, numerator: s.co2Kg ?? 0 };
  }
}

/** The value of one target indicator for a subtree and a whole year. */
export async function yearValue(db: Db | Tx, path: string, year: number, indicator: TargetIndicator): Promise<{ value: number | null; numerator: number }> {
  const c = await compute(db, { path, from: `${year}-01`, to: `${year}-12`, method: 'calorific', group: 'total' });
  const s = c.groups.get('total');
  return s ? valueOf(s, indicator) : { value: null, numerator: 0 };
}

export interface Season { fromYear: number; startsMd: string; endsMd: string; source: string }

/** The heating-season versions of a province, newest first. */
export async function seasonsOf(db: Db | Tx, provinceCode: string): Promise<Season[]> {
  const r = await db.execute(sql`select from_year, starts_md, ends_md, source from energy_heating_seasons where province_code = ${provinceCode} order by from_year desc`);
  return (r.rows as { from_year: number; starts_md: string; ends_md: string; source: string }[]).map((x) => ({ fromYear: Number(x.from_year), startsMd: x.starts_md, endsMd: x.ends_md, source: x.source }));
}

/**
 * Days of a month (`YYYY-MM`) inside the heating season valid for its year, and the month's length.
 * A season whose start lies after its end (20 Oct – 20 Apr) wraps the year end; both days count as in.
 */
export function seasonDays(ym: string, s: Season): { inSeason: number; days: number } {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const md = (d: number) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  let inSeason = 0;
  for (let d = 1; d <= days; d++) {
    const x = md(d);
    const wraps = s.startsMd > s.endsMd;
    if (wraps ? x >= s.startsMd || x <= s.endsMd : x >= s.startsMd && x <= s.endsMd) inSeason++;
  }
  return { inSeason, days };
}

/**
 * Indicators inside and outside the heating season for a subtree and period: each month's energy is
 * split by the share of its days inside the season (the version valid for that year), so October
 * and April count partly. Null when the province has no heating season on record.
 */
export async function seasonSplit(db: Db | Tx, q: { path: string; from: string; to: string; method: Method }, total: Sums) {
  const prov = await provinceOf(db, q.path);
  const seasons = await seasonsOf(db, prov.code);
  if (!seasons.length) return null;
  const months = await compute(db, { ...q, group: 'month' });
  return splitBySeason((ym) => months.groups.get(ym)?.kgce ?? 0, seasons, q.from, q.to, total);
}

/**
 * The same split for every row of a breakdown (each child, category or institution): one query
 * for the months of all keys (`compute(..., perMonth)`), then each key's months split by days.
 */
export async function seasonSplits(db: Db | Tx, q: { path: string; from: string; to: string; method: Method; group: 'child' | 'category' | 'institution' }, totals: Map<string, Sums>) {
  const out = new Map<string, SeasonSplitResult>();
  const prov = await provinceOf(db, q.path);
  const seasons = await seasonsOf(db, prov.code);
  if (!seasons.length) return out;
  const months = await compute(db, { ...q, perMonth: true });
  for (const [key, total] of totals) {
    const split = splitBySeason((ym) => months.groups.get(`${key}|${ym}`)?.kgce ?? 0, seasons, q.from, q.to, total);
    if (split) out.set(key, split);
  }
  return out;
}

export type SeasonSplitResult = NonNullable<ReturnType<typeof splitBySeason>>;

/** Splits each month's kgce (`kgceOf`) of a period by the share of its days inside the season valid for its year. */
export function splitBySeason(kgceOf: (ym: string) => number, seasons: Season[], from: string, to: string, total: Sums) {
  let kIn = 0;
  let kOut = 0;
  let dIn = 0;
  let dOut = 0;
  let used: Season | undefined;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? (y++, m = 1) : m++) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    const s = seasons.find((x) => x.fromYear <= y);
    const kgce = kgceOf(ym);
    if (!s) { kOut += kgce; dOut += new Date(Date.UTC(y, m, 0)).getUTCDate(); continue; }
    used = s;
    const { inSeason, days } = seasonDays(ym, s);
    kIn += (kgce * inSeason) / days;
    kOut += (kgce * (days - inSeason)) / days;
    dIn += inSeason;
    dOut += days - inSeason;
  }
  if (!used) return null;
  const part = (k: number, d: number) => ({ totalTce: round(k / 1000), perCapita: ratio(k, total.headcount), perArea: ratio(k, total.floorArea), days: d });
  return { season: { fromYear: used.fromYear, startsMd: used.startsMd, endsMd: used.endsMd, source: used.source }, inSeason: part(kIn, dIn), outsideSeason: part(kOut, dOut) };
}
