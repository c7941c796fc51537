import { sql, type SQL } from 'drizzle-orm';
import type { BureauRow } from '@guanjia/contracts/canteen';
import type { Db, Tx } from '../../db/client';
import { registerMetric } from '../../kernel/metrics/metrics';

const rows = <T>(r: { rows: Record<string, unknown>[] }) => r.rows as T[];

/**
 * The CTEs `meals`, `t` and `agg`: per canteen matching `canteenCond` (a condition on `c`), the meals'
 * tallies over a period. A meal's booked/served counts are the kitchen's recorded tally when there is
 * one, else the live bookings; no-shows count only past meals. Waste per meal uses only meals where
 * waste was measured. Only the matching canteens' meals are read.
 */
const mealAgg = (canteenCond: SQL, from: string, to: string) => sql`
    meals as (
      select ms.canteen_id, ms.day, ms.meal from canteen_meal_services ms join canteen_canteens c on c.id = ms.canteen_id
        where ms.day between ${from} and ${to} and ${canteenCond}
      union select b.canteen_id, b.day, b.meal from canteen_bookings b join canteen_canteens c on c.id = b.canteen_id
        where b.day between ${from} and ${to} and ${canteenCond}
    ), t as (
      select m.canteen_id, m.day,
        coalesce(ms.booked, (select count(*) from canteen_bookings b where b.canteen_id = m.canteen_id and b.day = m.day and b.meal = m.meal and b.status <> 'cancelled'))::int as booked,
        coalesce(ms.booked_served, (select count(*) from canteen_bookings b where b.canteen_id = m.canteen_id and b.day = m.day and b.meal = m.meal and b.status = 'served'))::int as booked_served,
        coalesce(ms.walk_ins, 0) as walk_ins,
        case when ms.prep_surplus_g is null and ms.unserved_g is null and ms.plate_g is null then null
          else coalesce(ms.prep_surplus_g, 0) + coalesce(ms.unserved_g, 0) + coalesce(ms.plate_g, 0) end as waste_g
      from meals m left join canteen_meal_services ms on ms.canteen_id = m.canteen_id and ms.day = m.day and ms.meal = m.meal
    ), agg as (
      select canteen_id, sum(booked)::int as booked, sum(booked_served + walk_ins)::int as served,
        sum(booked) filter (where day < (now() at time zone 'Asia/Shanghai')::date)::int as past_booked,
        sum(booked - booked_served) filter (where day < (now() at time zone 'Asia/Shanghai')::date)::int as no_shows,
        sum(waste_g)::float8 as waste_g, sum(booked_served + walk_ins) filter (where waste_g is not null)::int as waste_served
      from t group by canteen_id
    )`;

/** Per-canteen figures over a period for the canteens matching `canteenCond` (see mealAgg), with money, diners and ratings. */
export async function canteenFigures(db: Db | Tx, canteenCond: SQL, from: string, to: string): Promise<(BureauRow & { wasteG: number; wasteServed: number; pastBooked: number; noShows: number })[]> {
  const r = await db.execute(sql`
    with ${mealAgg(canteenCond, from, to)}, money as (
      select l.canteen_id, sum(case l.kind when 'charge' then l.amount_fen when 'refund' then -l.amount_fen else 0 end)::float8 as revenue,
        sum(l.amount_fen) filter (where l.kind = 'subsidy')::float8 as subsidy
      from canteen_ledger l join canteen_canteens c on c.id = l.canteen_id
      where (l.at at time zone 'Asia/Shanghai')::date between ${from} and ${to} and ${canteenCond} group by l.canteen_id
    )
    select c.id as "canteenId", c.name as "canteenName", ou.name as "unitName",
      (select count(*)::int from canteen_diners d where d.canteen_id = c.id) as diners,
      coalesce(a.booked, 0) as booked, coalesce(a.served, 0) as served,
      coalesce(a.past_booked, 0) as "pastBooked", coalesce(a.no_shows, 0) as "noShows",
      coalesce(a.waste_g, 0) as "wasteG", coalesce(a.waste_served, 0) as "wasteServed",
      (select round(avg(rt.stars)::numeric, 2)::float8 from canteen_ratings rt join canteen_dishes dd on dd.id = rt.dish_id where dd.canteen_id = c.id and rt.day between ${from} and ${to}) as "avgStars",
      coalesce(mo.revenue, 0)::float8 as "revenueFen", coalesce(mo.subsidy, 0)::float8 as "subsidyFen"
    from canteen_canteens c join org_units ou on ou.id = c.org_unit_id
    left join agg a on a.canteen_id = c.id left join money mo on mo.canteen_id = c.id
    where ${canteenCond} order by c.id`);
  return rows<BureauRow & { wasteG: number; wasteServed: number; pastBooked: number; noShows: number }>(r).map((x) => ({
    ...x,
    revenueFen: Math.round(Number(x.revenueFen)), subsidyFen: Math.round(Number(x.subsidyFen)),
    noShowRate: x.pastBooked > 0 ? Math.round((x.noShows / x.pastBooked) * 1000) / 10 : null,
    wastePerMealG: x.wasteServed > 0 ? Math.round((x.wasteG / x.wasteServed) * 10) / 10 : null,
  }));
}

/** The meal tallies summed over the canteens matching `canteenCond`: what the cockpit metrics read (no money, diners or ratings). */
export async function mealTotals(db: Db | Tx, canteenCond: SQL, from: string, to: string): Promise<{ pastBooked: number; noShows: number; wasteG: number; wasteServed: number }> {
  const r = await db.execute(sql`with ${mealAgg(canteenCond, from, to)}
    select coalesce(sum(past_booked), 0)::int as "pastBooked", coalesce(sum(no_shows), 0)::int as "noShows",
      coalesce(sum(waste_g), 0)::float8 as "wasteG", coalesce(sum(waste_served), 0)::int as "wasteServed" from agg`);
  return rows<{ pastBooked: number; noShows: number; wasteG: number; wasteServed: number }>(r)[0]!;
}

/** Weekly grams per meal served, per canteen: the trend chart. */
export async function wasteTrend(db: Db, canteenCond: SQL, from: string, to: string) {
  return rows<{ week: string; canteenId: number; gramsPerMeal: number | null }>(await db.execute(sql`
    select to_char(date_trunc('week', ms.day), 'YYYY-MM-DD') as week, ms.canteen_id as "canteenId",
      round((sum(coalesce(ms.prep_surplus_g, 0) + coalesce(ms.unserved_g, 0) + coalesce(ms.plate_g, 0))::numeric
        / nullif(sum(coalesce(ms.booked_served, 0) + ms.walk_ins), 0)), 1)::float8 as "gramsPerMeal"
    from canteen_meal_services ms join canteen_canteens c on c.id = ms.canteen_id
    where ms.day between ${from} and ${to} and (ms.prep_surplus_g is not null or ms.unserved_g is not null or ms.plate_g is not null) and ${canteenCond}
    group by 1, 2 order by 1, 2`));
}

const underPath = (path: string) => sql`c.org_unit_id in (select ou2.id from org_units ou2 where ou2.path like ${`${path}%`})`;

/** What the two metrics read (the rest of canteenFigures does not change their values): migration 0007. */
const METRIC_SOURCES = ['canteen\\_meal\\_services', 'canteen\\_bookings', 'canteen\\_canteens'];

registerMetric({
  key: 'canteen.waste_per_meal', monthly: true, sources: METRIC_SOURCES, nameZh: '食堂人均餐厨浪费', nameEn: 'Canteen food waste per meal served', unit: 'g/餐', better: 'lower',
  async compute(db, q) {
    const m = await mealTotals(db, underPath(q.path), q.from, q.to);
    return m.wasteServed > 0 ? Math.round((m.wasteG / m.wasteServed) * 10) / 10 : null;
  },
});

registerMetric({
  key: 'canteen.no_show_rate', monthly: true, sources: METRIC_SOURCES, nameZh: '食堂报餐未就餐率', nameEn: 'Canteen no-show rate', unit: '%', better: 'lower',
  async compute(db, q) {
    const m = await mealTotals(db, underPath(q.path), q.from, q.to);
    return m.pastBooked > 0 ? Math.round((m.noShows / m.pastBooked) * 1000) / 10 : null;
  },
});
