import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * Demo office space for every organ of the demo province, in a handful of bulk statements: one
 * building per organ (4 floors × 8 rooms: offices, meeting room, archive or network room,
 * canteen), staff by the organ's level, leaders in single offices and staff sharing; room areas
 * follow the standard, with every third organ's leader office 30% over it, some vacant rooms,
 * rectification cases and retired people with rooms to vacate. (No pending approvals: the kernel's
 * tests expect empty inboxes in the demo province; requests are made in the app.)
 */
export async function seedOfficeDemo(tx: Tx): Promise<void> {
  await generateOffices(tx, sql`select id from org_units where kind = 'organ'`, 'HLJ', '2020-01-01');
  await seeding(tx, true);
  // Every organ with a demo organ admin has its leader's office 25% over the standard, so each sees a case.
  await tx.execute(sql`update office_rooms r set usable_area = round(r.usable_area * 1.25, 1), gross_area = round(r.gross_area * 1.25, 1)
    where r.id in (select min(x.id) from office_rooms x join role_assignments ra on ra.scope_unit_id = x.org_unit_id join roles ro on ro.id = ra.role_id
                   where ro.code = 'organ_admin' and x.room_class = 'office' and x.status = 'in_use' group by x.org_unit_id)`);
  await tx.execute(sql`insert into office_rectifications (room_id, org_unit_id, over_area, opened_on, deadline)
    select c.room_id, c.org_unit_id, c.over_area, current_date - 20, current_date + (case when c.room_id % 2 = 0 then 40 else 5 end)
    from office_room_compliance(current_date) c where c.verdict = 'over' and c.room_id % 3 <> 0`);
  // A retired section chief in every county organ whose room is still to be vacated.
  await tx.execute(sql`with p as (update office_persons p set status = 'retired', left_on = current_date - 20
      from org_units g where g.id = p.org_unit_id and g.organ_level = 'county' and p.rank_code = 'section_chief' returning p.id)
    insert into office_vacate_tasks (occupancy_id, org_unit_id, due_on)
    select o.id, o.org_unit_id, (current_date - 20 + interval '1 month')::date from office_occupancies o join p on p.id = o.person_id`);
  await seeding(tx, false);
  await seedFollowUps(tx);
}

/**
 * Decisions already taken for the provincial finance department (recorded as decided, without an
 * approval, so no inbox fills): a lease, a construction project under way, and this year's works
 * plan with two major repairs of non-office rooms; and in every organ a deputy section chief
 * promoted on 1 July of last year (a past day shows the old rank).
 */
async function seedFollowUps(tx: Tx): Promise<void> {
  const d = sql`(now() at time zone 'Asia/Shanghai')::date`;
  await tx.execute(sql`with g as (select id from org_units where name = '黑龙江省财政厅' and kind = 'organ'),
    q as (insert into office_requests (kind, org_unit_id, needed_area, headcount, reason, status, path, decided_on)
      select 'allocation', g.id, a, n, r, 'approved', p, ${d} - k from g,
        (values (1200, 60, '新组建的数据中心整体办公', 'lease', 40), (3000, 150, '机构改革后业务用房不足', 'build', 200)) v(a, n, r, p, k) returning id, org_unit_id, path, needed_area)
    , l as (insert into office_leases (request_id, org_unit_id, lessor, address, area, start_on, end_on, annual_rent_fen)
      select id, org_unit_id, '哈尔滨市国有资产经营有限公司', '哈尔滨市南岗区红军街 15 号', needed_area, date_trunc('year', ${d})::date, (date_trunc('year', ${d}) + interval '3 years' - interval '1 day')::date, 156000000
      from q where path = 'lease' returning id)
    insert into office_projects (request_id, org_unit_id, name, area, budget_fen, status, started_on)
      select id, org_unit_id, '省财政厅业务用房建设项目', needed_area, 4500000000, 'under_construction', ${d} - 120 from q where path = 'build'`);
  await tx.execute(sql`insert into office_requests (kind, org_unit_id, room_id, method, reason, status, decided_on, estimated_cost_fen, plan_year, works_status)
    select 'repair', r.org_unit_id, r.id, 'major', w.reason, 'approved', ${d} - 30, w.cost, extract(year from ${d})::int, w.st
    from (select r.*, row_number() over (order by r.id) as n from office_rooms r join org_units g on g.id = r.org_unit_id
          where g.name = '黑龙江省财政厅' and r.room_class <> 'office') r
    join (values (1, '档案室防潮与消防改造', 48000000::bigint, 'in_progress'), (2, '会议室屋面防水大修', 26500000::bigint, 'planned')) w(n, reason, cost, st) on w.n = r.n`);
  // One promotion per organ, dated: the rank history the engine reads on past days.
  await tx.execute(sql`with p as (select distinct on (x.org_unit_id) x.id from office_persons x where x.rank_code = 'deputy_section_chief' and x.status = 'active' order by x.org_unit_id, x.id),
    closed as (update office_person_ranks r set during = daterange(null, make_date(extract(year from ${d})::int - 1, 7, 1)) from p where r.person_id = p.id and upper_inf(r.during) returning r.person_id)
    insert into office_person_ranks (person_id, rank_code, during) select person_id, 'section_chief', daterange(make_date(extract(year from ${d})::int - 1, 7, 1), null) from closed`);
  await tx.execute(sql`select set_config('office.rank_dated', 'on', true)`);
  await tx.execute(sql`update office_persons p set rank_code = r.rank_code from office_person_ranks r where r.person_id = p.id and r.during @> ${d} and p.rank_code <> r.rank_code`);
  await tx.execute(sql`select set_config('office.rank_dated', 'off', true)`);
}

/**
 * Seeding rewrites rooms' areas several times; those rewrites are not history (the room was
 * always so). While on, the attribute-history trigger stands aside; when switched off, each room's
 * open version takes the room's final values.
 */
async function seeding(tx: Tx, on: boolean): Promise<void> {
  await tx.execute(sql`select set_config('office.seeding', ${on ? 'on' : 'off'}, true)`);
  if (on) return;
  await tx.execute(sql`update office_room_versions v set room_class = r.room_class, sub_type = r.sub_type, usable_area = r.usable_area, gross_area = r.gross_area,
      washroom_area = r.washroom_area, capacity = r.capacity
    from office_rooms r where r.id = v.room_id and upper_inf(v.during)
      and (v.room_class, v.sub_type, v.usable_area, v.gross_area, v.washroom_area, v.capacity) is distinct from (r.room_class, r.sub_type, r.usable_area, r.gross_area, r.washroom_area, r.capacity)`);
}

/**
 * Buildings, floors, rooms, persons and occupancies for the organs `organs` selects (a query
 * returning `id`). Used by the demo seed and, at province scale, by the benchmark generator.
 */
export async function generateOffices(tx: Tx, organs: ReturnType<typeof sql>, prefix: string, from: string, opts: { floors?: number; roomsPerFloor?: number; buildings?: number; persons?: number } = {}): Promise<void> {
  const floors = opts.floors ?? 4;
  const perFloor = opts.roomsPerFloor ?? 8;
  const buildings = opts.buildings ?? 1;
  await seeding(tx, true);
  await tx.execute(sql`create temporary table gen_organs on commit drop as select o.id, row_number() over (order by o.id) as n from (${organs}) o`);
  await tx.execute(sql`insert into office_buildings (org_unit_id, code, name, address, title_cert_no, cert_area, owner, gross_area, year_built, structure, lat, lng)
    select o.id, ${prefix} || '-' || lpad(o.id::text, 5, '0') || '-' || k, g.name || case when k = 1 then '办公楼' else k || '号楼' end,
      '黑龙江省' || g.name || '院内', '黑(' || (2010 + o.n % 10) || ')不动产权第' || lpad((o.n * 10 + k)::text, 7, '0') || '号',
      ${floors * perFloor * 30}::numeric + case when o.n % 7 = 0 then 60 else 0 end, '黑龙江省机关事务管理局', ${floors * perFloor * 30},
      1985 + o.n % 35, case when o.n % 4 = 0 then 'brick_concrete' else 'frame' end, 45.75 + (o.n % 50) * 0.05, 126.6 + (o.n % 40) * 0.08
    from gen_organs o join org_units g on g.id = o.id, generate_series(1, ${buildings}) k`);
  await tx.execute(sql`insert into office_floors (building_id, org_unit_id, level, name)
    select b.id, b.org_unit_id, l, l || '层' from office_buildings b join gen_organs o on o.id = b.org_unit_id, generate_series(1, ${floors}) l
    where b.code like ${`${prefix}-%`}`);
  // Room i on a floor: 1–6 offices, 7 meeting room, 8 canteen (ground floor) / network room (top) / archive.
  await tx.execute(sql`insert into office_rooms (building_id, floor_id, org_unit_id, number, room_class, sub_type, usable_area, gross_area, capacity, status)
    select f.building_id, f.id, f.org_unit_id, (f.level * 100 + i)::text,
      case when i <= 6 then 'office' when i = 7 then 'service' when f.level = 1 then 'ancillary' when f.level = ${floors} then 'plant' else 'service' end,
      case when i <= 6 then 'office' when i = 7 then 'meeting' when f.level = 1 then 'canteen' when f.level = ${floors} then 'network' else 'archive' end,
      case when i <= 6 then 18 when i = 7 then 60 else 40 end, case when i <= 6 then 24 when i = 7 then 75 else 50 end,
      3, 'in_use'
    from office_floors f join gen_organs o on o.id = f.org_unit_id, generate_series(1, ${perFloor}) i`);
  await tx.execute(sql`insert into office_room_uses (room_id, org_unit_id, status, during)
    select r.id, r.org_unit_id, 'in_use', daterange(${from}::date, null) from office_rooms r join gen_organs o on o.id = r.org_unit_id`);
  // Staff by level: leaders (1 + 2 deputies + middle ranks) in single offices, the rest sharing.
  await tx.execute(sql`insert into office_persons (org_unit_id, name, rank_code)
    select o.id, (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','马','朱','胡'])[1 + (o.n + k) % 15] ||
        (array['建国','秀英','志强','丽华','海峰','春生','晓东','雪梅','宏伟','明远','桂兰','国庆','玉兰','文博','思远'])[1 + (o.n * 7 + k) % 15],
      case when k = 1 then (case when g.organ_level = 'township' then 'head' else 'bureau_chief' end)
           when k <= 3 then (case when g.organ_level = 'township' then 'deputy_head' else 'deputy_bureau_chief' end)
           when k <= 5 then (case when g.organ_level in ('central', 'provincial') then 'division_chief' else 'section_chief' end)
           when k <= 7 then (case when g.organ_level in ('central', 'provincial') then 'deputy_division_chief' else 'deputy_section_chief' end)
           else 'staff' end
    from gen_organs o join org_units g on g.id = o.id, generate_series(1, ${opts.persons ?? Math.max(3, Math.round(((floors - 1) * 6 + 5) * 1.6))}) k`);
  // Persons 1–5 of an organ get offices 1–5 of the organ (single), the rest 2–3 to a room from office 6 on.
  await tx.execute(sql`with p as (select p.id, p.org_unit_id, row_number() over (partition by p.org_unit_id order by p.id) k from office_persons p join gen_organs o on o.id = p.org_unit_id),
    r as (select r.id, r.org_unit_id, row_number() over (partition by r.org_unit_id order by r.building_id, r.number) k from office_rooms r join gen_organs o on o.id = r.org_unit_id where r.room_class = 'office')
    insert into office_occupancies (room_id, person_id, org_unit_id, kind, during)
    select r.id, p.id, p.org_unit_id, 'main', daterange(${from}::date, null)
    from p join r on r.org_unit_id = p.org_unit_id and r.k = case when p.k <= 5 then p.k else 6 + (p.k - 6) / 3 end
    where r.k <= (select count(*) from office_rooms x where x.org_unit_id = p.org_unit_id and x.room_class = 'office') - 1`);
  // Areas follow the standard: single offices exactly at it, every third organ's leader 30% over,
  // shared rooms at 95%; offices left empty become the vacancy pool (kept by their organ).
  await tx.execute(sql`update office_rooms r set usable_area = round(c.ent * case when c.k = 1 and o.n % 3 = 0 then 1.3 when c.n > 1 then 0.95 else 1 end, 1),
      gross_area = round(c.ent * 1.35, 1)
    from (select o.room_id, count(*) n, sum(s.area_m2) ent, min(rp.k) k from office_occupancies o join office_persons p on p.id = o.person_id
          join org_units g on g.id = p.org_unit_id join office_standard_on(current_date) s on s.organ_level = g.organ_level and s.rank_code = p.rank_code
          join (select id, row_number() over (partition by org_unit_id order by id) k from office_persons) rp on rp.id = p.id
          join gen_organs go on go.id = p.org_unit_id group by o.room_id) c, gen_organs o
    where r.id = c.room_id and o.id = r.org_unit_id`);
  await tx.execute(sql`update office_room_uses u set status = 'vacant' from office_rooms r join gen_organs o on o.id = r.org_unit_id
    where u.room_id = r.id and r.room_class = 'office' and not exists (select 1 from office_occupancies x where x.room_id = r.id)`);
  await tx.execute(sql`update office_rooms r set usable_area = 20 + (r.id % 4) * 8, gross_area = 28 + (r.id % 4) * 10
    from gen_organs o where o.id = r.org_unit_id and r.status = 'vacant'`);
  await seeding(tx, false);
}
