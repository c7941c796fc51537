import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { insertUnit } from '../../kernel/org/org.service';

/**
 * Demo data: every demo organ plus a school and a hospital per prefecture registered as public
 * institutions, 2020–2025 monthly electricity, water, natural gas, gasoline and purchased heat
 * (Heilongjiang's heating season, 20 Oct – 20 Apr, from energy_heating_seasons), bulk coal
 * deliveries for county units, annual periods with accepted reports through 2024 and a 2025 round
 * with late reporters, some units off pace, and the province's 2025 targets cascaded evenly.
 * All in set-based SQL.
 */
export async function seedEnergyDemo(tx: Tx): Promise<void> {
  const prefs = (await tx.execute(sql`select id, name, region_code from org_units where kind = 'region' and region_level = 'prefecture' order by sort`)).rows as { id: number; name: string; region_code: string }[];
  for (const p of prefs) {
    const short = p.name.replace(/(市|地区)$/, '');
    await insertUnit(tx, { kind: 'organ', parentId: p.id, name: `${short}市第一中学`.replace('大兴安岭市', '大兴安岭地区'), organLevel: 'prefectural' }, null);
    await insertUnit(tx, { kind: 'organ', parentId: p.id, name: `${short}市人民医院`.replace('大兴安岭市', '大兴安岭地区'), organLevel: 'prefectural' }, null);
  }
  await tx.execute(sql`insert into energy_institutions (org_unit_id, category)
    select id, case when name like '%中学' then 'school' when name like '%医院' then 'hospital' else 'organ' end from org_units where kind = 'organ'`);
  // Denominators: a size from the unit's id; some institutions grew in 2023.
  await tx.execute(sql`insert into energy_denominators (org_unit_id, effective_from, headcount, floor_area, heated_area)
    select i.org_unit_id, '2020-01-01', h.hc, h.fa, h.fa * 0.95
    from energy_institutions i cross join lateral (select
      (case i.category when 'school' then 600 when 'hospital' then 900 else 60 end + abs(hashtext('hc' || i.org_unit_id)) % 150) as hc,
      (case i.category when 'school' then 18000 when 'hospital' then 30000 else 3000 end + abs(hashtext('fa' || i.org_unit_id)) % 6000)::numeric as fa) h`);
  await tx.execute(sql`insert into energy_denominators (org_unit_id, effective_from, headcount, floor_area, heated_area)
    select org_unit_id, '2023-01-01', headcount + 10, floor_area, heated_area from energy_denominators where org_unit_id % 5 = 0`);
  // 2020 electricity CO₂: no factor for 2020 in the published tables; the demo carries 2021's back, labelled as such.
  await tx.execute(sql`insert into energy_factors (kind, energy_type, method, region, year, value, source)
    values ('co2', 'electricity', 'none', 'national', 2020, 0.5568, '演示数据:沿用 2021 年全国因子,正式使用前请核定')`);

  // Monthly data. f = the yearly change: on pace −2 %/year, off pace (every 7th unit) +1 %/year.
  await tx.execute(sql`
    with months as (select g::date as m from generate_series('2020-01-01'::date, '2025-12-01'::date, interval '1 month') g),
    season as (select starts_md, ends_md from energy_heating_seasons where province_code = '230000'),
    base as (
      select i.org_unit_id as u, i.category, d.floor_area::float8 as fa, d.headcount as hc, mo.m,
        extract(year from mo.m)::int - 2020 as yi, extract(month from mo.m)::int as mn,
        power(case when i.org_unit_id % 7 = 0 then 1.01 else 0.98 end, extract(year from mo.m)::int - 2020) as trend,
        0.93 + (abs(hashtext(i.org_unit_id || '/' || mo.m)) % 140) / 1000.0 as noise,
        -- days of the month inside the heating season (20 Oct – 20 Apr)
        greatest(0, least(mo.m + interval '1 month', make_date(extract(year from mo.m)::int, split_part(s.ends_md, '-', 1)::int, split_part(s.ends_md, '-', 2)::int + 1))::date - mo.m)
          + greatest(0, (mo.m + interval '1 month')::date - greatest(mo.m, make_date(extract(year from mo.m)::int, split_part(s.starts_md, '-', 1)::int, split_part(s.starts_md, '-', 2)::int))) as heat_days
      from energy_institutions i
      join energy_denominators d on d.org_unit_id = i.org_unit_id and d.effective_from = '2020-01-01'
      cross join months mo cross join season s
    )
    insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating, bulk)
    select u, m, t.type, round(t.q::numeric, 2), round(t.q * t.price)::bigint, t.heating, false
    from base cross join lateral (values
      ('electricity', fa * (case when mn in (12, 1, 2) then 4.0 when mn in (6, 7, 8) then 3.6 else 3.1 end) * trend * noise, 75.0, false),
      ('water', hc * (case category when 'hospital' then 4.5 when 'school' then 1.2 else 1.9 end) * trend * noise, 450.0, false),
      ('heat', fa * 0.0021 * heat_days * trend * noise, 4000.0, true),
      ('natural_gas', hc * 0.9 * trend * noise, 300.0, false),
      ('gasoline', hc * 0.25 * trend * noise, 1090.0, false)
    ) as t(type, q, price, heating)
    where t.q > 0 and not (t.type = 'heat' and u % 6 = 1)
      and (t.type <> 'natural_gas' or category <> 'organ' or u % 4 = 0) and (t.type <> 'gasoline' or u % 3 = 0)
      and not (u % 11 = 3 and m = '2025-12-01') -- late reporters: December 2025 not filled in yet`);
  // County units with their own boilers: no purchased heat, bulk coal delivered each October for the winter.
  await tx.execute(sql`insert into energy_consumption (org_unit_id, month, energy_type, quantity, cost_fen, for_heating, bulk)
    select i.org_unit_id, make_date(y, 10, 1), 'coal', round((d.floor_area * 22 * power(0.98, y - 2020))::numeric, 0), round(d.floor_area * 22 * 90)::bigint, true, true
    from energy_institutions i join energy_denominators d on d.org_unit_id = i.org_unit_id and d.effective_from = '2020-01-01'
    cross join generate_series(2020, 2025) y where i.org_unit_id % 6 = 1`);

  // Annual periods and reports: 2020–2024 accepted everywhere (institutions and region roll-ups); 2025 in progress.
  await tx.execute(sql`insert into energy_periods (kind, year, seq, starts_on, ends_on, due_on)
    select 'annual', y, 1, make_date(y, 1, 1), make_date(y, 12, 31), make_date(y + 1, 3, 31) from generate_series(2020, 2025) y`);
  await tx.execute(sql`insert into energy_periods (kind, year, seq, starts_on, ends_on, due_on) values ('quarterly', 2026, 1, '2026-01-01', '2026-03-31', '2026-04-20')`);
  await tx.execute(sql`
    with reporters as (
      select i.org_unit_id as id, false as rollup from energy_institutions i
      union all
      select c.id, true from org_units c where c.kind = 'region'
        and exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where u.path like c.path || '%')
    )
    insert into energy_reports (org_unit_id, period_id, status, is_rollup, submitted_at, reviewed_at, return_reason)
    select r.id, p.id,
      case when p.year < 2025 then 'accepted' when r.rollup then 'draft' when r.id % 11 = 3 then 'draft' when r.id % 11 = 5 then 'submitted'
           when r.id % 11 = 7 then 'returned' else 'accepted' end,
      r.rollup, make_date(p.year + 1, 3, 20), case when p.year < 2025 or r.id % 11 not in (3, 5, 7) then make_date(p.year + 1, 3, 28) end,
      case when p.year = 2025 and not r.rollup and r.id % 11 = 7 then '12 月电量与电费单不符,请核对后重报' end
    from reporters r cross join energy_periods p where p.kind = 'annual'`);
  await tx.execute(sql`delete from energy_reports where status = 'draft'`);
  // 2025 roll-ups: a region whose every institution below is accepted has filed and been accepted
  // (most counties); the others wait for their late reporters, as in a real round.
  await tx.execute(sql`
    insert into energy_reports (org_unit_id, period_id, status, is_rollup, submitted_at, reviewed_at)
    select c.id, p.id, 'accepted', true, make_date(p.year + 1, 3, 25), make_date(p.year + 1, 3, 30)
    from org_units c join energy_periods p on p.kind = 'annual' and p.year = 2025
    where c.kind = 'region'
      and exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where u.path like c.path || '%')
      and not exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where u.path like c.path || '%'
        and not exists (select 1 from energy_reports r where r.org_unit_id = i.org_unit_id and r.period_id = p.id and r.status = 'accepted'))`);

  // Province targets (binding = national figures; benchmark and aspirational one and two points tighter), cascaded evenly to prefectures.
  await tx.execute(sql`insert into energy_targets (org_unit_id, indicator, tier, baseline_year, target_year, reduction_pct, source)
    select u.id, d.indicator, t.tier, d.baseline_year, d.target_year, d.reduction_pct + t.extra, case t.tier when 'binding' then d.source else '演示数据:省局设定' end
    from org_units u cross join energy_target_defaults d cross join (values ('binding', 0), ('benchmark', 1), ('aspirational', 2)) t(tier, extra)
    where u.parent_id is null and u.kind = 'region'`);
  await tx.execute(sql`insert into energy_targets (org_unit_id, indicator, tier, baseline_year, target_year, reduction_pct, parent_target_id, source)
    select c.id, t.indicator, t.tier, t.baseline_year, t.target_year, t.reduction_pct, t.id, '分解自 #' || t.id
    from energy_targets t join org_units c on c.parent_id = t.org_unit_id and c.kind = 'region'`);
}
