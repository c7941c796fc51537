import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * Demo canteens at the province bureau, Harbin and Bin County: meals, categories, dishes, menus for
 * last, this and next week (relative to the seed day), takeaway for the coming week, canteen staff
 * accounts, diners with accounts and history, and eight weeks of kitchen tallies with waste.
 * Everything is set-based SQL (no per-row round trips).
 */
const DISHES: [string, string, number, string[], number][] = [
  ['小米粥', 'staple', 100, [], 120], ['豆浆', 'drink', 100, ['大豆'], 90], ['茶叶蛋', 'side', 150, ['鸡蛋'], 75], ['肉包子', 'staple', 150, ['小麦'], 230],
  ['油条', 'staple', 100, ['小麦'], 270], ['锅包肉', 'main', 1200, ['小麦'], 520], ['小鸡炖蘑菇', 'main', 1500, [], 410], ['地三鲜', 'side', 600, [], 260],
  ['酸菜白肉', 'main', 1000, [], 380], ['红烧鲤鱼', 'main', 1400, ['鱼'], 330], ['清炒时蔬', 'side', 400, [], 110], ['拍黄瓜', 'side', 300, [], 60],
  ['西红柿鸡蛋汤', 'soup', 200, ['鸡蛋'], 80], ['米饭', 'staple', 100, [], 230], ['馒头', 'staple', 100, ['小麦'], 220], ['酸奶', 'dessert', 300, ['牛奶'], 120],
];

export async function seedCanteenDemo(tx: Tx): Promise<void> {
  const unit = async (name: string) => ((await tx.execute(sql`select id from org_units where name = ${name} order by id limit 1`)).rows[0] as { id: number }).id;
  const province = await unit('黑龙江省');
  const hrbBureau = await unit('哈尔滨市机关事务管理局');
  const bxBureau = await unit('宾县机关事务服务中心');
  const canteens: [string, number, string, number[]][] = [
    ['省直机关第一食堂', await unit('黑龙江省机关事务管理局'), 'booking', [await unit('黑龙江省机关事务管理局'), await unit('黑龙江省财政厅'), await unit('黑龙江省发展和改革委员会')]],
    ['哈尔滨市机关食堂', hrbBureau, 'booking', [hrbBureau, await unit('哈尔滨市财政局')]],
    ['宾县机关食堂', bxBureau, 'pickup', [await unit('宾县')]],
  ];
  void province;
  const ids: number[] = [];
  for (const [name, orgUnitId, mode, eligible] of canteens) {
    const [row] = (await tx.execute(sql`insert into canteen_canteens (org_unit_id, name, address, charge_mode) values (${orgUnitId}, ${name}, ${'机关办公区一楼'}, ${mode}) returning id`)).rows as { id: number }[];
    ids.push(row!.id);
    await tx.execute(sql`insert into canteen_eligible_units (canteen_id, org_unit_id) select ${row!.id}, unnest(${`{${eligible.join(',')}}`}::int[])`);
  }
  const idArr = `{${ids.join(',')}}`;
  await tx.execute(sql`insert into canteen_meal_periods (canteen_id, meal, starts_at, ends_at, book_days_before, book_cutoff, cancel_days_before, cancel_cutoff)
    select c, m.meal, m.s::time, m.e::time, m.bd, m.bc::time, m.cd, m.cc::time from unnest(${idArr}::int[]) c,
      (values ('breakfast', '07:00', '08:30', 1, '18:00', 1, '20:00'), ('lunch', '11:30', '13:00', 0, '09:30', 0, '09:30'), ('dinner', '17:30', '19:00', 0, '15:00', 0, '15:00')) as m(meal, s, e, bd, bc, cd, cc)`);
  // Prices differ by canteen (the province canteen's are the reference; Harbin's and the county's are lower).
  await tx.execute(sql`insert into canteen_diner_categories (canteen_id, code, name_zh, name_en, breakfast_fen, lunch_fen, dinner_fen, monthly_subsidy_fen, is_default)
    select f.c, k.code, k.zh, k.en, (round(k.b * f.f / 50) * 50)::int, (round(k.l * f.f / 50) * 50)::int, (round(k.d * f.f / 50) * 50)::int, k.s, k.def
    from unnest(${idArr}::int[], '{1.0,0.875,0.625}'::numeric[]) as f(c, f),
      (values ('staff', '在职职工', 'Staff', 300, 800, 800, 20000, true), ('retiree', '离退休人员', 'Retirees', 300, 600, 600, 10000, false), ('visitor', '来访人员', 'Visitors', 800, 2000, 2000, 0, false)) as k(code, zh, en, b, l, d, s, def)`);
  const dishJson = JSON.stringify(DISHES.map(([name, category, price, allergens, kcal]) => ({ name, category, price, allergens, kcal })));
  await tx.execute(sql`insert into canteen_dishes (canteen_id, org_unit_id, name, category, price_fen, allergens, nutrition)
    select c.id, c.org_unit_id, d->>'name', d->>'category', (d->>'price')::int, array(select jsonb_array_elements_text(d->'allergens')), jsonb_build_object('kcal', (d->>'kcal')::int)
    from canteen_canteens c, jsonb_array_elements(${dishJson}::jsonb) d where c.id = any(${idArr}::int[])`);
  // Menus: Monday of last week to Sunday of next week, open days only; breakfast from breakfast
  // dishes, lunch and dinner rotate the mains and sides day by day.
  await tx.execute(sql`with days as (
      select d::date as day, row_number() over (order by d) as n from generate_series(date_trunc('week', (now() at time zone 'Asia/Shanghai')::date) - interval '7 days',
        date_trunc('week', (now() at time zone 'Asia/Shanghai')::date) + interval '13 days', interval '1 day') d where extract(isodow from d) <= 5)
    insert into canteen_menu_items (canteen_id, day, meal, dish_id)
    select c.id, days.day, m.meal, dd.id from canteen_canteens c cross join days cross join (values ('breakfast'), ('lunch'), ('dinner')) m(meal)
      join canteen_dishes dd on dd.canteen_id = c.id
    where c.id = any(${idArr}::int[]) and (
      (m.meal = 'breakfast' and dd.name in ('小米粥', '豆浆', '茶叶蛋', '肉包子', '油条'))
      or (m.meal <> 'breakfast' and dd.category in ('main', 'side') and (dd.id + days.n + (m.meal = 'dinner')::int) % 2 = 0)
      or (m.meal <> 'breakfast' and dd.name in ('西红柿鸡蛋汤', '米饭', '馒头')))`);
  await tx.execute(sql`insert into canteen_takeaway_items (canteen_id, org_unit_id, day, name, unit, price_fen, stock, remaining, slots, order_cutoff)
    select c.id, c.org_unit_id, d::date, t.name, t.unit, t.price, t.stock, t.stock, '{17:00-17:30,17:30-18:00}'::text[], (d::date + time '15:00') at time zone 'Asia/Shanghai'
    from canteen_canteens c, generate_series((now() at time zone 'Asia/Shanghai')::date, (now() at time zone 'Asia/Shanghai')::date + 6, interval '1 day') d,
      (values ('猪肉白菜水饺', '斤', 1800, 120), ('豆沙包', '个', 150, 300), ('酱牛肉', '斤', 4800, 40)) t(name, unit, price, stock)
    where c.id = any(${idArr}::int[]) and extract(isodow from d) <= 5`);
  // Canteen staff (食堂管理员) with the module role over the organ that runs their canteen.
  await tx.execute(sql`with staff(username, display_name, unit_id) as (values ('hlj.canteen', '省直机关食堂管理员', ${canteens[0]![1]}::int), ('hrb.canteen', '哈尔滨机关食堂管理员', ${hrbBureau}::int), ('bx.canteen', '宾县机关食堂管理员', ${bxBureau}::int)),
    ins as (insert into users (username, display_name, org_unit_id, rank, password_hash, must_change_password)
      select s.username, s.display_name, s.unit_id, 'staff', (select password_hash from users where username = 'hlj.staff'), false from staff s returning id, org_unit_id)
    insert into role_assignments (user_id, role_id, scope_unit_id) select ins.id, (select id from roles where code = 'canteen_staff'), ins.org_unit_id from ins`);
  // Diners: every demo user eligible at a canteen, as staff; accounts topped up, two weeks of lunches served.
  await tx.execute(sql`insert into canteen_diners (canteen_id, user_id, category_id)
    select distinct on (c.id, x.id) c.id, x.id, k.id from canteen_canteens c join canteen_eligible_units e on e.canteen_id = c.id join org_units eu on eu.id = e.org_unit_id
      join org_units xu on xu.path like eu.path || '%' join users x on x.org_unit_id = xu.id join canteen_diner_categories k on k.canteen_id = c.id and k.is_default
    where c.id = any(${idArr}::int[])`);
  await tx.execute(sql`with picked as (select distinct on (user_id) user_id, canteen_id, category_id from canteen_diners order by user_id, canteen_id),
    days as (select d::date as day from generate_series((now() at time zone 'Asia/Shanghai')::date - 14, (now() at time zone 'Asia/Shanghai')::date - 1, interval '1 day') d where extract(isodow from d) <= 5)
    insert into canteen_bookings (canteen_id, org_unit_id, user_id, day, meal, category_id, price_fen, status, charged, pickup_code, served_at)
    select p.canteen_id, c.org_unit_id, p.user_id, days.day, 'lunch', p.category_id, k.lunch_fen, 'served', true, 'S' || upper(substr(md5(p.user_id || ':' || days.day), 1, 11)), days.day + time '12:00'
    from picked p cross join days join canteen_canteens c on c.id = p.canteen_id join canteen_diner_categories k on k.id = p.category_id`);
  // Accounts opened with the balance the seeded ledger below adds up to (¥500 topped up − the lunches
  // charged); the ledger rows are then written as a restore writes them (`guanjia.restoring`: the
  // balance trigger stands aside), one set-based insert instead of a trigger update per row.
  await tx.execute(sql`insert into canteen_accounts (kind, org_unit_id, user_id, balance_fen)
    select 'person', x.org_unit_id, x.id, 50000 - coalesce((select sum(b.price_fen) from canteen_bookings b where b.user_id = x.id and b.charged), 0)
    from users x where x.id in (select user_id from canteen_diners)`);
  await tx.execute(sql`insert into canteen_accounts (kind, org_unit_id, canteen_id) select k, c.org_unit_id, c.id from canteen_canteens c, unnest('{cash,bank,revenue,subsidy}'::text[]) k where c.id = any(${idArr}::int[])`);
  await tx.execute(sql`select set_config('guanjia.restoring', 'on', true)`);
  await tx.execute(sql`insert into canteen_ledger (at, kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo)
    select now() - interval '20 days', 'topup', cash.id, a.id, 50000, 'seed:topup:' || a.id, d.canteen_id, 'cashier'
    from (select distinct on (user_id) user_id, canteen_id from canteen_diners order by user_id, canteen_id) d join canteen_accounts a on a.kind = 'person' and a.user_id = d.user_id
      join canteen_accounts cash on cash.canteen_id = d.canteen_id and cash.kind = 'cash'`);
  await tx.execute(sql`insert into canteen_ledger (at, kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo)
    select (b.day + time '12:00') at time zone 'Asia/Shanghai', 'charge', a.id, rev.id, b.price_fen, 'booking:' || b.id || ':charge', b.canteen_id, to_char(b.day, 'YYYY-MM-DD') || ' lunch'
    from canteen_bookings b join canteen_accounts a on a.kind = 'person' and a.user_id = b.user_id join canteen_accounts rev on rev.canteen_id = b.canteen_id and rev.kind = 'revenue'
    where b.charged and b.price_fen > 0 order by b.id`);
  await tx.execute(sql`select set_config('guanjia.restoring', 'off', true)`);
  // Eight weeks of kitchen tallies with the three waste stages (deterministic pseudo-random figures),
  // in proportion to each canteen's registered diners (lunch books ~80–95 % of them, breakfast
  // half, dinner a third), so the bureau view's diners, bookings and waste agree; more no-shows and
  // plate waste at the county canteen (which charges at pickup), and a preparation surplus that
  // shrinks week by week as the forecast learns.
  await tx.execute(sql`insert into canteen_meal_services (canteen_id, org_unit_id, day, meal, booked, booked_served, walk_ins, prepared, prep_surplus_g, unserved_g, plate_g)
    select c.id, c.org_unit_id, d::date, m.meal, v.booked, v.booked - v.noshow, v.walk, v.booked - v.noshow + v.walk + v.extra,
      v.extra * c.portion_grams, v.booked * (10 + v.h % 40), (v.booked - v.noshow + v.walk) * (20 + v.h % 30 + (c.charge_mode = 'pickup')::int * 15)
    from canteen_canteens c cross join generate_series((now() at time zone 'Asia/Shanghai')::date - 56, (now() at time zone 'Asia/Shanghai')::date - 1, interval '1 day') d
      cross join (values ('breakfast', 0.5), ('lunch', 1.0), ('dinner', 0.35)) m(meal, share)
      cross join lateral (select abs(hashtext(c.id || m.meal || d::date)) as h, (select count(*) from canteen_diners dd where dd.canteen_id = c.id) as n,
        ((now() at time zone 'Asia/Shanghai')::date - d::date) as age) hh
      cross join lateral (select greatest(1, round(hh.n * m.share * (0.80 + (hh.h % 16) / 100.0)))::int as b) bb
      cross join lateral (select hh.h, bb.b as booked, round(bb.b * ((hh.h % 13) / 100.0 + case when c.charge_mode = 'pickup' then 0.10 else 0.03 end))::int as noshow,
        (hh.h % 3)::int as walk, round(bb.b * greatest(0.0, 0.06 + (hh.h % 8) / 100.0 - (56 - hh.age) / 7 * 0.01))::int as extra) v
    where c.id = any(${idArr}::int[]) and extract(isodow from d) <= 5`);
  await tx.execute(sql`insert into canteen_ratings (user_id, dish_id, day, stars, comment)
    -- Each canteen is rated differently (province ≈ 4.2, Harbin ≈ 3.8, county ≈ 3.4 stars).
    select b.user_id, dd.id, b.day, case b.canteen_id when ${ids[0]!} then 3 + (h.h % 5 >= 1)::int + (h.h % 5 >= 3)::int
      when ${ids[1]!} then 3 + (h.h % 5 >= 2)::int + (h.h % 5 >= 4)::int - (h.h % 7 = 0)::int else 2 + (h.h % 5 >= 1)::int + (h.h % 5 >= 3)::int - (h.h % 11 = 0)::int end, null
    from canteen_bookings b join canteen_menu_items mi on mi.canteen_id = b.canteen_id and mi.day = b.day and mi.meal = b.meal join canteen_dishes dd on dd.id = mi.dish_id and dd.category = 'main'
      cross join lateral (select abs(hashtext(b.id::text || ':' || dd.id)) as h) h
    where b.status = 'served' and abs(hashtext(b.id::text || dd.id)) % 3 = 0 on conflict do nothing`);
  // The province canteen lets diners pre-order dishes (staples, sides) with their booking.
  await tx.execute(sql`update canteen_canteens set allow_dish_choice = true where id = ${ids[0]!}`);
}
