import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AlignmentMatrix, ItemDetail, PlanCreate, PlanItemCreate, PlanItemUpdate } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';
import { invalid, notFound } from '../../kernel/http/errors';
import { alignments, milestones, planItems, plans } from './plans.schema';

const LEVEL_RANK: Record<string, number> = { national: 0, provincial: 1, prefecture: 2, county: 3 };
export const PARENT_KINDS: Record<string, (string | null)[]> = {
  chapter: [null], section: ['chapter'], goal: [null, 'chapter', 'section'],
  indicator: [null, 'chapter', 'section', 'goal'], task: [null, 'chapter', 'section', 'goal'],
};

/** The constraint a database error names (PGlite and pg, wrapped by drizzle or not). */
export function constraintOf(e: unknown): string | undefined {
  const x = e as { constraint?: string; cause?: { constraint?: string } };
  return x.constraint ?? x.cause?.constraint;
}

export async function insertPlan(tx: Tx, body: PlanCreate) {
  if (body.parentPlanId) {
    const [up] = await tx.select({ level: plans.level }).from(plans).where(eq(plans.id, body.parentPlanId));
    if (!up || LEVEL_RANK[up.level]! > LEVEL_RANK[body.level]!) throw invalid('plan_parent_plan', {}, 'body.parentPlanId');
  }
  const [row] = await tx.insert(plans).values({ ...body, parentPlanId: body.parentPlanId ?? null }).returning();
  return row!;
}

function checkItemFields(b: Partial<PlanItemCreate>, kind: string): void {
  if (kind === 'indicator' && (!b.unit || b.targetValue == null || b.targetYear == null || !b.direction || !b.binding)) throw invalid('plan_indicator_fields', {}, 'body');
  if (kind === 'task' && (!b.ownerUnitId || !b.deadline)) throw invalid('plan_task_fields', {}, 'body');
}

/** Co-owner departments must be existing org units. */
async function checkCoOwners(tx: Tx, ids: number[] | undefined): Promise<void> {
  const uniq = [...new Set(ids ?? [])];
  if (uniq.length === 0) return;
  const n = (await tx.execute(sql`select count(*)::int as n from org_units where id in (${sql.join(uniq.map((i) => sql`${i}`), sql`, `)})`)).rows[0] as { n: number };
  if (n.n !== uniq.length) throw invalid('plan_co_owner', {}, 'body.coOwnerUnitIds');
}

export async function insertItem(tx: Tx, planId: number, orgUnitId: number, b: PlanItemCreate) {
  checkItemFields(b, b.kind);
  await checkCoOwners(tx, b.coOwnerUnitIds);
  let parentKind: string | null = null;
  if (b.parentId) {
    const [p] = await tx.select({ planId: planItems.planId, kind: planItems.kind }).from(planItems).where(eq(planItems.id, b.parentId));
    if (!p || p.planId !== planId) throw invalid('plan_item_parent', {}, 'body.parentId');
    parentKind = p.kind;
  }
  if (!PARENT_KINDS[b.kind]!.includes(parentKind)) throw invalid('plan_item_parent', {}, 'body.parentId');
  const { milestones: ms, ...fields } = b;
  const [row] = await tx.insert(planItems).values({ ...fields, parentId: b.parentId ?? null, planId, orgUnitId }).returning();
  if (ms?.length) await tx.insert(milestones).values(ms.map((m) => ({ ...m, itemId: row!.id, orgUnitId })));
  return row!;
}

export async function updateItem(tx: Tx, id: number, body: PlanItemUpdate) {
  const [before] = await tx.select().from(planItems).where(eq(planItems.id, id));
  if (!before) throw notFound();
  const { milestones: ms, ...b } = body;
  const merged = { ...before, ...b } as Partial<PlanItemCreate>;
  checkItemFields(merged, before.kind);
  await checkCoOwners(tx, b.coOwnerUnitIds);
  if (b.coOwnerUnitIds) b.coOwnerUnitIds = [...new Set(b.coOwnerUnitIds)];
  const [after] = Object.keys(b).length ? await tx.update(planItems).set(b).where(eq(planItems.id, id)).returning() : [before];
  const msBefore = await tx.select().from(milestones).where(eq(milestones.itemId, id)).orderBy(milestones.due, milestones.id);
  if (ms) {
    const keep = new Set(ms.filter((m) => m.id).map((m) => m.id!));
    if ([...keep].some((k) => !msBefore.some((m) => m.id === k))) throw invalid('plan_milestone_item', {}, 'body.milestones');
    const gone = msBefore.filter((m) => !keep.has(m.id)).map((m) => m.id);
    if (gone.length) await tx.delete(milestones).where(inArray(milestones.id, gone));
    for (const m of ms) {
      if (m.id) await tx.update(milestones).set({ title: m.title, due: m.due }).where(eq(milestones.id, m.id));
      else await tx.insert(milestones).values({ itemId: id, orgUnitId: before.orgUnitId, title: m.title, due: m.due });
    }
  }
  const msAfter = ms ? await tx.select().from(milestones).where(eq(milestones.itemId, id)).orderBy(milestones.due, milestones.id) : msBefore;
  return { before: { ...before, milestones: msBefore }, after: { ...after!, milestones: msAfter } };
}

/** Milestones and co-owner names of one item. */
export async function itemDetail(db: Db, id: number): Promise<ItemDetail> {
  const ms = (await db.execute(sql`select id, title, due::text as due, done_on::text as "doneOn" from plan_milestones where item_id = ${id} order by due, id`)).rows as ItemDetail['milestones'];
  const co = (await db.execute(sql`select u.id, u.name from plan_items i cross join lateral unnest(i.co_owner_unit_ids) with ordinality as c(uid, n)
    join org_units u on u.id = c.uid where i.id = ${id} order by c.n`)).rows as ItemDetail['coOwners'];
  return { milestones: ms, coOwners: co };
}

/** Replaces the upper items an item serves. The database refuses cycles (trigger with a recursive CTE). */
export async function setAlignment(tx: Tx, itemId: number, orgUnitId: number, upperIds: number[]): Promise<void> {
  const [item] = await tx.select({ planId: planItems.planId }).from(planItems).where(eq(planItems.id, itemId));
  if (!item) throw notFound();
  if (upperIds.length) {
    const uppers = await tx.select({ id: planItems.id, planId: planItems.planId }).from(planItems).where(inArray(planItems.id, upperIds));
    if (uppers.length !== new Set(upperIds).size) throw notFound();
    if (uppers.some((u) => u.planId === item.planId)) throw invalid('plan_align_same_plan', {}, 'body.upperItemIds');
  }
  await tx.delete(alignments).where(eq(alignments.itemId, itemId));
  try {
    for (const u of new Set(upperIds)) await tx.insert(alignments).values({ itemId, upperItemId: u, orgUnitId });
  } catch (e) {
    if (constraintOf(e) === 'plan_alignment_cycle') throw invalid('plan_alignment_cycle', {}, 'body.upperItemIds');
    throw e;
  }
}

/**
 * Gaps matrix (衔接矩阵): upper items × lower plans. An upper goal, indicator or task no lower plan
 * serves is a gap; a lower binding indicator with a weaker target than the upper one it serves
 * (same unit; lower target below an "up" target, above a "down" one) is flagged.
 */
export async function alignmentMatrix(db: Db, upperPlanId: number, lowerVisible: (unitIdCol: ReturnType<typeof sql>) => ReturnType<typeof sql>): Promise<AlignmentMatrix> {
  const [up] = await db.select({ id: plans.id, name: plans.name }).from(plans).where(eq(plans.id, upperPlanId));
  if (!up) throw notFound();
  const lower = (await db.execute(sql`select p.id, p.name, u.name as "unitName", p.alignment_status as "alignmentStatus"
    from plan_plans p join org_units u on u.id = p.org_unit_id
    where p.parent_plan_id = ${upperPlanId} and ${lowerVisible(sql`p.org_unit_id`)} order by u.path, p.id`)).rows as AlignmentMatrix['lowerPlans'];
  const rows = (await db.execute(sql`select id, code, title, kind, unit, direction, target_value::float8 as target from plan_items
    where plan_id = ${upperPlanId} and kind in ('goal','indicator','task') order by sort, id`)).rows as { id: number; code: string | null; title: string; kind: 'goal' | 'indicator' | 'task'; unit: string | null; direction: string | null; target: number | null }[];
  const lowerIds = lower.map((l) => l.id);
  const links = lowerIds.length === 0 ? [] : (await db.execute(sql`select a.upper_item_id as "upperId", i.id, i.plan_id as "planId", i.title, i.kind, i.unit, i.binding,
      i.target_value::float8 as target from plan_alignments a join plan_items i on i.id = a.item_id
    where i.plan_id in (${sql.join(lowerIds.map((x) => sql`${x}`), sql`, `)})`)).rows as { upperId: number; id: number; planId: number; title: string; kind: string; unit: string | null; binding: string | null; target: number | null }[];
  let uncovered = 0, weakerCount = 0;
  const out = rows.map((r) => {
    const mine = links.filter((l) => l.upperId === r.id);
    const weaker = r.kind !== 'indicator' || r.target === null ? [] : mine.filter((l) => l.kind === 'indicator' && l.binding === 'binding' && l.unit === r.unit && l.target !== null
      && (r.direction === 'down' ? l.target > r.target! : l.target < r.target!)).map((l) => ({ itemId: l.id, planId: l.planId, title: l.title, targetValue: l.target }));
    if (mine.length === 0) uncovered++;
    weakerCount += weaker.length;
    return {
      upperItemId: r.id, code: r.code, title: r.title, kind: r.kind, covered: mine.length > 0, weaker,
      cells: lower.map((l) => ({ planId: l.id, itemIds: mine.filter((m) => m.planId === l.id).map((m) => m.id) })),
    };
  });
  return { upperPlan: up, lowerPlans: lower, rows: out, uncovered, weakerCount };
}

export async function setAlignmentStatus(tx: Tx, planId: number, status: string): Promise<void> {
  await tx.update(plans).set({ alignmentStatus: status }).where(and(eq(plans.id, planId)));
}
