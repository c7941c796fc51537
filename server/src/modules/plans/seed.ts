import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { closeRound } from './evaluation.service';
import { HLJ_CHAPTERS, HLJ_INDICATORS, HLJ_TASKS, NATIONAL_ITEMS, SUGGESTION_TEXTS } from './seed-data';

const one = async <T>(tx: Tx, q: ReturnType<typeof sql>): Promise<T> => (await tx.execute(q)).rows[0] as T;
const idOf = async (tx: Tx, q: ReturnType<typeof sql>) => (await one<{ id: number }>(tx, q)).id;

/**
 * Demo data (bulk SQL): the national government-affairs plan's main items, the Heilongjiang
 * 2021–2025 plan (7 chapters, 19 sections, indicators bound to live metrics, tasks), the 13
 * prefecture plans aligned to it with yearly reports, a closed mid-term evaluation of the 13
 * prefectures, an open 2025 round, and the call for suggestions with its 42 answered suggestions.
 */
export async function seedPlansDemo(tx: Tx): Promise<void> {
  const province = await idOf(tx, sql`select id from org_units where region_code = '230000'`);
  const bureau = await idOf(tx, sql`select id from org_units where name = '黑龙江省机关事务管理局'`);
  const dept = async (name: string) => idOf(tx, sql`select id from org_units where parent_id = ${bureau} and name = ${name}`);

  // National plan (国管局《机关事务工作“十四五”规划》), held by the province as its upper plan.
  const national = await idOf(tx, sql`insert into plan_plans (org_unit_id, name, level, kind, start_year, end_year, status, alignment_status)
    values (${province}, '机关事务工作“十四五”规划(国家机关事务管理局)', 'national', 'special', 2021, 2025, 'published', 'none') returning id`);
  const natIds = new Map<string, number>();
  for (const [i, n] of NATIONAL_ITEMS.entries()) {
    const id = await idOf(tx, sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, unit, baseline_year, baseline_value, target_year, target_value, direction, binding, owner_unit_id, deadline)
      values (${national}, ${province}, ${n.kind}, ${n.code}, ${n.title}, ${i}, ${n.unit ?? null}, ${n.unit ? 2020 : null}, ${n.baseline ?? null}, ${n.unit ? 2025 : null}, ${n.target ?? null}, ${n.direction ?? null}, ${n.binding ?? null},
        ${n.kind === 'task' ? province : null}, ${n.kind === 'task' ? '2025-12-31' : null}) returning id`);
    natIds.set(n.code, id);
  }

  // Heilongjiang plan: 7 chapters, 19 sections, indicators and tasks under the sections.
  const hlj = await idOf(tx, sql`insert into plan_plans (org_unit_id, name, level, kind, start_year, end_year, parent_plan_id, status, alignment_status)
    values (${province}, '黑龙江省机关事务工作“十四五”规划', 'provincial', 'special', 2021, 2025, ${national}, 'published', 'approved') returning id`);
  const sectionIds = new Map<string, number>();
  for (const [ci, ch] of HLJ_CHAPTERS.entries()) {
    const chId = await idOf(tx, sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, weight) values (${hlj}, ${province}, 'chapter', ${`第${ci + 1}章`}, ${ch.title}, ${ci}, ${ch.weight}) returning id`);
    for (const [si, s] of ch.sections.entries()) {
      sectionIds.set(s, await idOf(tx, sql`insert into plan_items (plan_id, org_unit_id, parent_id, kind, title, sort) values (${hlj}, ${province}, ${chId}, 'section', ${s}, ${si}) returning id`));
    }
  }
  const hljIds = new Map<string, number>();
  for (const [i, x] of HLJ_INDICATORS.entries()) {
    const id = await idOf(tx, sql`insert into plan_items (plan_id, org_unit_id, parent_id, kind, code, title, sort, weight, unit, baseline_year, baseline_value, target_year, target_value, direction, binding, metric_key)
      values (${hlj}, ${province}, ${sectionIds.get(x.section)!}, 'indicator', ${x.code}, ${x.title}, ${10 + i}, ${x.weight}, ${x.unit}, 2020, ${x.baseline}, 2025, ${x.target}, ${x.direction}, ${x.binding}, ${x.metricKey ?? null}) returning id`);
    hljIds.set(x.code, id);
    if (x.serves) await tx.execute(sql`insert into plan_alignments (item_id, upper_item_id, org_unit_id) values (${id}, ${natIds.get(x.serves)!}, ${province})`);
  }
  for (const [i, x] of HLJ_TASKS.entries()) {
    const id = await idOf(tx, sql`insert into plan_items (plan_id, org_unit_id, parent_id, kind, code, title, sort, owner_unit_id, co_owner_unit_ids, deadline)
      values (${hlj}, ${province}, ${sectionIds.get(x.section)!}, 'task', ${x.code}, ${x.title}, ${20 + i}, ${await dept(x.owner)}, ${`{${await dept(x.coOwner)}}`}::int[], ${x.deadline}) returning id`);
    hljIds.set(x.code, id);
    await tx.execute(sql`insert into plan_milestones (item_id, org_unit_id, title, due, done_on)
      values (${id}, ${province}, '完成方案', (${x.deadline}::date - 365), (${x.deadline}::date - 380)), (${id}, ${province}, '完成验收', ${x.deadline}::date, null)`);
    if (x.serves) await tx.execute(sql`insert into plan_alignments (item_id, upper_item_id, org_unit_id) values (${id}, ${natIds.get(x.serves)!}, ${province})`);
  }
  // Yearly periods 2021–2025 (2021–2024 closed) and the province's reports on manual items.
  await tx.execute(sql`insert into plan_report_periods (plan_id, org_unit_id, label, starts, ends, closed)
    select ${hlj}, ${province}, y || '年', make_date(y, 1, 1), make_date(y, 12, 31), false from generate_series(2021, 2025) y`);
  const staffId = await idOf(tx, sql`select id from users where username = 'hlj.staff'`);
  await tx.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, value, note, reported_by, created_at)
    select i.id, p.id, ${province}, round((i.baseline_value + (i.target_value - i.baseline_value) * (extract(year from p.starts) - 2020) / 5.0 * 0.9)::numeric, 2)::float8::numeric,
      '年度统计', ${staffId}, p.ends::timestamptz
    from plan_items i join plan_report_periods p on p.plan_id = i.plan_id
    where i.plan_id = ${hlj} and i.kind = 'indicator'`);
  await tx.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, status, note, reported_by, created_at)
    select i.id, p.id, ${province}, case when i.sort % 4 = 1 then 'amber' when i.sort % 7 = 3 then 'red' else 'green' end, '按计划推进', ${staffId}, p.ends::timestamptz
    from plan_items i join plan_report_periods p on p.plan_id = i.plan_id
    where i.plan_id = ${hlj} and i.kind = 'task' and extract(year from p.starts) >= 2023`);

  // 13 prefecture plans aligned to the provincial one: E1, E4, E7 and T1, T2 (a few gaps, a few weaker targets).
  await tx.execute(sql`insert into plan_plans (org_unit_id, name, level, kind, start_year, end_year, parent_plan_id, status, alignment_status)
    select u.id, u.name || '机关事务工作“十四五”规划', 'prefecture', 'special', 2021, 2025, ${hlj}, 'published', case when u.sort % 3 = 0 then 'approved' else 'none' end
    from org_units u where u.region_level = 'prefecture' order by u.sort`);
  await tx.execute(sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, weight, unit, baseline_year, baseline_value, target_year, target_value, direction, binding)
    select p.id, p.org_unit_id, 'indicator', 'P' || r.code, r.title, r.sort, r.weight, r.unit, 2020, round(r.baseline_value * (0.95 + (u.sort % 5) * 0.03), 2)::float8::numeric, 2025,
      (case when r.code = 'E1' and u.sort in (4, 9) then r.target_value * 1.04 when r.direction = 'down' then r.target_value * 0.99 else r.target_value end)::float8::numeric, r.direction, r.binding
    from plan_plans p join org_units u on u.id = p.org_unit_id join plan_items r on r.plan_id = ${hlj} and r.code in ('E1', 'E4', 'E7')
    where p.parent_plan_id = ${hlj} and not (r.code = 'E7' and u.sort in (2, 11))`);
  await tx.execute(sql`insert into plan_items (plan_id, org_unit_id, kind, code, title, sort, owner_unit_id, deadline)
    select p.id, p.org_unit_id, 'task', 'P' || r.code, r.title, r.sort, p.org_unit_id, r.deadline
    from plan_plans p join plan_items r on r.plan_id = ${hlj} and r.code in ('T1', 'T2') where p.parent_plan_id = ${hlj}`);
  await tx.execute(sql`insert into plan_alignments (item_id, upper_item_id, org_unit_id)
    select i.id, r.id, i.org_unit_id from plan_items i join plan_plans p on p.id = i.plan_id join plan_items r on r.plan_id = ${hlj} and 'P' || r.code = i.code
    where p.parent_plan_id = ${hlj}`);
  await tx.execute(sql`insert into plan_report_periods (plan_id, org_unit_id, label, starts, ends, closed)
    select p.id, p.org_unit_id, y || '年', make_date(y, 1, 1), make_date(y, 12, 31), false from plan_plans p, generate_series(2021, 2025) y where p.parent_plan_id = ${hlj}`);
  // Each prefecture progresses at its own pace (u.sort spreads them) towards its targets.
  await tx.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, value, note, created_at)
    select i.id, rp.id, i.org_unit_id,
      round((i.baseline_value + (i.target_value - i.baseline_value) * least(1.1, (extract(year from rp.starts) - 2020) / 4.0 * (0.45 + ((u.sort * 7) % 13) / 20.0)))::numeric, 2)::float8::numeric,
      '市(地)年度填报', rp.ends::timestamptz
    from plan_items i join plan_plans p on p.id = i.plan_id join org_units u on u.id = p.org_unit_id join plan_report_periods rp on rp.plan_id = p.id
    where p.parent_plan_id = ${hlj} and i.kind = 'indicator'`);
  await tx.execute(sql`insert into plan_progress_reports (item_id, period_id, org_unit_id, status, note, created_at)
    select i.id, rp.id, i.org_unit_id, (array['green', 'green', 'amber', 'red'])[1 + (u.sort + i.sort) % 4], '市(地)年度填报', rp.ends::timestamptz
    from plan_items i join plan_plans p on p.id = i.plan_id join org_units u on u.id = p.org_unit_id join plan_report_periods rp on rp.plan_id = p.id
    where p.parent_plan_id = ${hlj} and i.kind = 'task' and rp.label = '2024年'`);
  // (Values go through float8 so they have no trailing zeros: a backup's JSON round trip keeps them identical.)
  // Reported years are closed now (the trigger refuses reports into closed periods, so this comes last).
  await tx.execute(sql`update plan_report_periods set closed = true where ends < '2025-01-01'`);

  // Evaluation: a published scheme, a closed mid-term round (frozen ranking) and an open 2025 round.
  const scheme = await idOf(tx, sql`insert into plan_schemes (org_unit_id, name, total, plan_id) values (${province}, '市(地)机关事务“十四五”规划实施评估方案', 100, ${hlj}) returning id`);
  const version = await idOf(tx, sql`insert into plan_scheme_versions (scheme_id, org_unit_id, version) values (${scheme}, ${province}, 1) returning id`);
  const rubric = JSON.stringify([
    { level: 'A', score: 100, descZh: '全面完成,有创新、可推广', descEn: 'Fully done, innovative, replicable' },
    { level: 'B', score: 85, descZh: '基本完成,成效明显', descEn: 'Mostly done, clear results' },
    { level: 'C', score: 70, descZh: '部分完成,仍有差距', descEn: 'Partly done, gaps remain' },
    { level: 'D', score: 50, descZh: '推进缓慢', descEn: 'Slow progress' },
  ]);
  await tx.execute(sql`insert into plan_criteria (version_id, org_unit_id, code, name, kind, weight, formula, rubric, sort) values
    (${version}, ${province}, 'Q1', '公共机构节能目标完成情况', 'quantitative', 30, 'rate(E1) * 100', null, 1),
    (${version}, ${province}, 'Q2', '办公用房使用合规情况', 'quantitative', 20, 'rate(E4) * 100', null, 2),
    (${version}, ${province}, 'Q3', '标准化建设', 'quantitative', 10, 'min(100, actual(E7) / target(E7) * 100)', null, 3),
    (${version}, ${province}, 'R1', '体制机制改革与职能落实', 'qualitative', 20, null, ${rubric}::jsonb, 4),
    (${version}, ${province}, 'R2', '法治建设与人才队伍建设', 'qualitative', 20, null, ${rubric}::jsonb, 5)`);
  await tx.execute(sql`update plan_scheme_versions set status = 'published', published_at = '2023-06-01' where id = ${version}`);
  const mid = await idOf(tx, sql`insert into plan_eval_rounds (org_unit_id, version_id, name, kind, year) values (${province}, ${version}, '“十四五”规划中期评估(2023年)', 'midterm', 2023) returning id`);
  // The 2025 round mixes full and focused evaluation (全面/重点): Heihe and Daxinganling are evaluated on energy saving (Q1) and reform (R1) only.
  await tx.execute(sql`insert into plan_eval_rounds (org_unit_id, version_id, name, kind, year, focused_unit_ids, focus_criterion_ids)
    values (${province}, ${version}, '2025年度评估', 'annual', 2025,
      array(select id from org_units where region_code in ('231100', '232700') order by id),
      array(select id from plan_criteria where version_id = ${version} and code in ('Q1', 'R1') order by sort))`);
  await tx.execute(sql`insert into plan_eval_reviews (round_id, criterion_id, org_unit_id, reviewer_id, level, score, comment)
    select ${mid}, c.id, u.id, rv.id, l.level, l.score, ''
    from plan_criteria c cross join org_units u cross join users rv
    cross join lateral (select (array['A','B','C','D'])[1 + (u.sort * 3 + c.sort + rv.id) % 4] as level) lv
    join lateral (select x->>'level' as level, (x->>'score')::numeric as score from jsonb_array_elements(c.rubric) x) l on l.level = lv.level
    where c.version_id = ${version} and c.kind = 'qualitative' and u.region_level = 'prefecture' and rv.username in ('hlj.staff', 'hrb.staff', 'qqhr.staff')`);
  await closeRound(tx, mid);

  // The call for suggestions on the draft (征求意见稿): 42 suggestions, answered, some linked to items.
  const draft = await idOf(tx, sql`insert into plan_suggestion_drafts (plan_id, org_unit_id, title, open) values (${hlj}, ${province}, '黑龙江省机关事务工作“十四五”规划(征求意见稿)', false) returning id`);
  const linkIds = [...hljIds.values()];
  await tx.execute(sql`insert into plan_suggestions (draft_id, org_unit_id, source, author, content, outcome, reason, item_ids, answered_by, created_at)
    select ${draft}, ${province}, (array['staff', 'grassroots', 'expert', 'staff', 'grassroots'])[1 + g % 5],
      (array['省直机关干部', '市(地)机关事务局', '高校专家', '局机关处室', '县级机关事务中心'])[1 + g % 5],
      (array(select jsonb_array_elements_text(${JSON.stringify(SUGGESTION_TEXTS)}::jsonb)))[1 + g % ${SUGGESTION_TEXTS.length}] || '(第' || g || '条)',
      (array['adopted', 'adopted', 'partly', 'not_adopted', 'adopted', 'partly'])[1 + g % 6],
      (array['已吸收采纳,修改相关表述', '已在相应章节增加内容', '部分采纳,纳入年度计划推进', '与国家规划口径不一致,暂不采纳', '已增加量化指标', '部分采纳,由市(地)结合实际落实'])[1 + g % 6],
      case when g % 6 in (0, 1, 4) then array[(${`{${linkIds.join(',')}}`}::int[])[1 + g % ${linkIds.length}]] else '{}'::int[] end, ${staffId}, '2021-07-01'::timestamptz + g * interval '1 day'
    from generate_series(1, 42) g`);
}
