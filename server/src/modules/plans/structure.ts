import { sql } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { PlanItemCreate } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';
import { importFailed, parseImport, type RowError } from '../../kernel/excel/excel';
import { defineSheet } from '../../kernel/excel/sheet';
import { translate } from '../../kernel/i18n/messages';
import { insertItem, PARENT_KINDS } from './plans.service';

/**
 * A plan's structure as one sheet (规划结构): chapters, sections, goals, indicators and tasks, one
 * per row, each naming its parent by code. The same layout is the import template, the import and
 * the export, so an exported plan re-imports into an empty one unchanged.
 */
export interface StructureRow {
  code: string; kind: string; parentCode: string | null; title: string; weight: string | null;
  unit: string | null; baselineYear: number | null; baselineValue: string | null; targetYear: number | null; targetValue: string | null;
  direction: string | null; binding: string | null; metricKey: string | null;
  owner: string | null; coOwners: string | null; deadline: string | null; milestones: string | null;
}

export const structureSheet = defineSheet<StructureRow>({
  name: { zh: '规划结构', en: 'Plan structure' },
  maxRows: 5000,
  columns: [
    { key: 'code', header: { zh: '编号', en: 'Code' }, type: 'text', required: true, unique: true, maxLength: 30, width: 10, hint: { zh: '本规划内唯一,下级事项用它指明上级', en: 'Unique in the plan; children name their parent by it' } },
    { key: 'kind', header: { zh: '类型', en: 'Kind' }, type: 'enum', required: true, options: [
      { value: 'chapter', zh: '章', en: 'Chapter' }, { value: 'section', zh: '节', en: 'Section' }, { value: 'goal', zh: '目标', en: 'Goal' },
      { value: 'indicator', zh: '指标', en: 'Indicator' }, { value: 'task', zh: '任务', en: 'Task' },
    ] },
    { key: 'parentCode', header: { zh: '上级编号', en: 'Parent code' }, type: 'text', maxLength: 30, width: 10, hint: { zh: '章→节→目标/指标/任务;上级须在前面的行或已在规划中', en: 'chapter → section → goal/indicator/task; the parent must be on an earlier row or already in the plan' } },
    { key: 'title', header: { zh: '名称', en: 'Title' }, type: 'text', required: true, maxLength: 200, width: 40 },
    { key: 'weight', header: { zh: '权重', en: 'Weight' }, type: 'decimal', hint: { zh: '同级事项间的权重,默认 1', en: 'Weight among siblings, 1 if empty' } },
    { key: 'unit', header: { zh: '计量单位', en: 'Unit' }, type: 'text', maxLength: 30 },
    { key: 'baselineYear', header: { zh: '基期年份', en: 'Baseline year' }, type: 'int' },
    { key: 'baselineValue', header: { zh: '基期值', en: 'Baseline' }, type: 'decimal' },
    { key: 'targetYear', header: { zh: '目标年份', en: 'Target year' }, type: 'int' },
    { key: 'targetValue', header: { zh: '目标值', en: 'Target' }, type: 'decimal' },
    { key: 'direction', header: { zh: '方向', en: 'Direction' }, type: 'enum', options: [{ value: 'up', zh: '越高越好', en: 'Higher is better' }, { value: 'down', zh: '越低越好', en: 'Lower is better' }] },
    { key: 'binding', header: { zh: '属性', en: 'Type' }, type: 'enum', options: [{ value: 'binding', zh: '约束性', en: 'Binding' }, { value: 'anticipatory', zh: '预期性', en: 'Anticipatory' }] },
    { key: 'metricKey', header: { zh: '实时指标', en: 'Live metric' }, type: 'text', maxLength: 60, hint: { zh: '可选,如 energy.per_capita', en: 'Optional, e.g. energy.per_capita' } },
    { key: 'owner', header: { zh: '牵头单位', en: 'Owner department' }, type: 'text', maxLength: 100, width: 20, hint: { zh: '任务必填:本规划编制单位下的机构名称', en: 'Tasks: the name of a unit under the plan owner' } },
    { key: 'coOwners', header: { zh: '配合单位', en: 'Co-owners' }, type: 'text', maxLength: 500, width: 24, hint: { zh: '多个用顿号或分号分隔', en: 'Several: separate with 、 or ;' } },
    { key: 'deadline', header: { zh: '完成时限', en: 'Deadline' }, type: 'date' },
    { key: 'milestones', header: { zh: '节点', en: 'Milestones' }, type: 'text', maxLength: 2000, width: 36, hint: { zh: '名称:日期,多个用分号分隔,如 完成招标:2026-03-31;竣工:2026-09-30', en: 'name:date; several separated by ;' } },
  ],
});

const splitList = (s: string | null) => (s ?? '').split(/[、;;,,\n]/).map((x) => x.trim()).filter(Boolean);

/**
 * Units under the plan owner by name, or by a name path ending in it ("黑龙江省机关事务管理局/办公室")
 * when the name alone repeats. The shallowest match wins; two at the same depth are ambiguous.
 */
async function unitNames(db: Db | Tx, planUnitPath: string) {
  const rows = (await db.execute(sql`select id, name, parent_id as "parentId", path from org_units where path like ${`${planUnitPath}%`} order by length(path)`)).rows as { id: number; name: string; parentId: number | null; path: string }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = (id: number): string[] => {
    const r = byId.get(id);
    return r ? [...(r.parentId !== null && byId.has(r.parentId) ? names(r.parentId) : []), r.name] : [];
  };
  const chains = rows.map((r) => ({ id: r.id, depth: r.path.length, chain: names(r.id) }));
  const resolve = (text: string): number | 'missing' | 'ambiguous' => {
    const want = text.split('/').map((x) => x.trim()).filter(Boolean);
    const hits = chains.filter((c) => want.length <= c.chain.length && want.every((w, i) => c.chain[c.chain.length - want.length + i] === w));
    if (hits.length === 0) return 'missing';
    const min = Math.min(...hits.map((h) => h.depth));
    const top = hits.filter((h) => h.depth === min);
    return top.length === 1 ? top[0]!.id : 'ambiguous';
  };
  /** The shortest name path that finds this unit again. */
  const nameFor = (id: number): string => {
    const chain = chains.find((c) => c.id === id)?.chain ?? [];
    for (let k = 1; k <= chain.length; k++) {
      const text = chain.slice(-k).join('/');
      if (resolve(text) === id) return text;
    }
    return chain.join('/');
  };
  return { resolve, nameFor };
}

/**
 * All-or-nothing: every row is checked (cells, parents and levels, indicator and task fields, units,
 * milestones, codes already in the plan); any error → a row-level report and nothing saved.
 */
export async function importStructure(db: Db, planId: number, plan: { orgUnitId: number; path: string }, file: Buffer, locale: Locale,
  onInserted: (tx: Tx, created: number) => Promise<void>): Promise<number> {
  const { rows, errors } = await parseImport(structureSheet, file, locale);
  const err = (row: number, col: 'code' | 'parentCode' | 'kind' | 'owner' | 'coOwners' | 'milestones' | 'weight' | 'metricKey', message: string) => {
    const c = structureSheet.columns.find((x) => x.key === col)!;
    errors.push({ row, column: locale === 'en' ? c.header.en : c.header.zh, message });
  };
  const existing = new Map(((await db.execute(sql`select code, kind from plan_items where plan_id = ${planId} and code is not null`)).rows as { code: string; kind: string }[]).map((r) => [r.code, r.kind]));
  const unit = (await unitNames(db, plan.path)).resolve;
  const kinds = new Map(existing);
  const items: { row: number; code: string; parentCode: string | null; body: PlanItemCreate }[] = [];
  for (const { row, value: v } of rows) {
    if (!v.code || !v.kind || !v.title) continue; // cell errors already reported
    if (existing.has(v.code)) err(row, 'code', translate(locale, 'plan_import_code_exists', { code: v.code }));
    const parentKind = v.parentCode ? kinds.get(v.parentCode) : null;
    if (v.parentCode && parentKind === undefined) err(row, 'parentCode', translate(locale, 'plan_import_parent_missing', { code: v.parentCode }));
    else if (!PARENT_KINDS[v.kind]!.includes(parentKind ?? null)) err(row, 'kind', translate(locale, 'plan_item_parent'));
    if (v.kind === 'indicator' && (!v.unit || v.targetValue === null || v.targetYear === null || !v.direction || !v.binding)) err(row, 'kind', translate(locale, 'plan_indicator_fields'));
    let ownerUnitId: number | null = null;
    const coOwnerUnitIds: number[] = [];
    if (v.kind === 'task') {
      if (!v.owner || !v.deadline) err(row, 'kind', translate(locale, 'plan_task_fields'));
      if (v.owner) {
        const u = unit(v.owner);
        if (typeof u === 'number') ownerUnitId = u;
        else err(row, 'owner', translate(locale, u === 'missing' ? 'plan_import_unit_missing' : 'plan_import_unit_ambiguous', { name: v.owner }));
      }
      for (const name of splitList(v.coOwners)) {
        const u = unit(name);
        if (typeof u === 'number') coOwnerUnitIds.push(u);
        else err(row, 'coOwners', translate(locale, u === 'missing' ? 'plan_import_unit_missing' : 'plan_import_unit_ambiguous', { name }));
      }
    }
    const milestones: { title: string; due: string }[] = [];
    for (const m of splitList(v.milestones)) {
      const x = /^(.+?)[::]\s*(\d{4}-\d{2}-\d{2})$/.exec(m);
      if (!x || Number.isNaN(Date.parse(x[2]!))) err(row, 'milestones', translate(locale, 'plan_import_milestone', { text: m }));
      else milestones.push({ title: x[1]!.trim(), due: x[2]! });
    }
    if (v.weight !== null && Number(v.weight) < 0) err(row, 'weight', translate(locale, 'plan_import_weight'));
    if (v.metricKey && !/^[a-z]+\.[a-z0-9_]+$/.test(v.metricKey)) err(row, 'metricKey', translate(locale, 'plan_import_metric', { key: v.metricKey }));
    kinds.set(v.code, v.kind);
    const num = (s: string | null) => (s === null ? null : Number(s));
    items.push({
      row, code: v.code, parentCode: v.parentCode,
      body: {
        kind: v.kind as PlanItemCreate['kind'], code: v.code, title: v.title, weight: v.weight === null ? 1 : Number(v.weight), sort: row,
        unit: v.unit, baselineYear: v.baselineYear, baselineValue: num(v.baselineValue), targetYear: v.targetYear, targetValue: num(v.targetValue),
        direction: v.direction as 'up' | 'down' | null, binding: v.binding as 'binding' | 'anticipatory' | null, metricKey: v.metricKey,
        ownerUnitId, coOwnerUnitIds, deadline: v.deadline, ...(milestones.length ? { milestones } : {}),
      },
    });
  }
  if (errors.length) throw importFailed(errors as RowError[]);
  return db.transaction(async (tx) => {
    const ids = new Map(((await tx.execute(sql`select code, id from plan_items where plan_id = ${planId} and code is not null`)).rows as { code: string; id: number }[]).map((r) => [r.code, r.id]));
    for (const it of items) {
      const row = await insertItem(tx, planId, plan.orgUnitId, { ...it.body, parentId: it.parentCode ? ids.get(it.parentCode)! : null });
      ids.set(it.code, row.id);
    }
    await onInserted(tx, items.length);
    return items.length;
  });
}

/** The plan's structure in the import layout. */
export async function structureRows(db: Db, planId: number, planUnitPath: string): Promise<StructureRow[]> {
  const units = await unitNames(db, planUnitPath);
  const r = await db.execute(sql`select i.id, i.code, i.kind, p.code as "parentCode", i.title, i.weight::float8 as weight, i.unit, i.baseline_year as "baselineYear",
      i.baseline_value::float8 as "baselineValue", i.target_year as "targetYear", i.target_value::float8 as "targetValue", i.direction, i.binding, i.metric_key as "metricKey",
      i.owner_unit_id as "ownerUnitId", i.co_owner_unit_ids as "coOwnerIds", i.deadline::text as deadline,
      (select string_agg(m.title || ':' || m.due::text, ';' order by m.due, m.id) from plan_milestones m where m.item_id = i.id) as milestones,
      i.parent_id as "parentId", i.sort
    from plan_items i left join plan_items p on p.id = i.parent_id
    where i.plan_id = ${planId}`);
  type R = StructureRow & { id: number; parentId: number | null; sort: number; ownerUnitId: number | null; coOwnerIds: number[] | null };
  const all = r.rows as unknown as R[];
  // Depth-first, so every parent comes before its children (the import needs that order).
  const kids = new Map<number | null, R[]>();
  for (const x of all) kids.set(x.parentId, [...(kids.get(x.parentId) ?? []), x]);
  for (const list of kids.values()) list.sort((a, b) => a.sort - b.sort || a.id - b.id);
  const out: StructureRow[] = [];
  const walk = (pid: number | null) => {
    for (const x of kids.get(pid) ?? []) {
      // Numbers stay numbers in the workbook (the sheet's decimal columns read them back as text).
      const { ownerUnitId, coOwnerIds, ...rest } = x;
      out.push({
        ...rest, code: x.code ?? `#${x.id}`, parentCode: x.parentId === null ? null : (x.parentCode ?? `#${x.parentId}`),
        owner: ownerUnitId === null ? null : units.nameFor(ownerUnitId), coOwners: (coOwnerIds ?? []).map((u) => units.nameFor(u)).join('、') || null,
      } as unknown as StructureRow);
      walk(x.id);
    }
  };
  walk(null);
  return out;
}
