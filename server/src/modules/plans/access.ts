import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../../kernel/http/errors';
import type { DataScope } from '../../kernel/org/scope';

/**
 * Plans are read within the data scope and also upward: a prefecture reads the provincial and
 * national plans it implements (上位规划), but only writes its own.
 */
export function readableUnits(scope: DataScope, column: SQL | import('drizzle-orm').AnyColumn): SQL {
  if (scope.isEmpty) return sql`false`;
  const up = sql.join(scope.paths.map((p) => sql`${p} like a.path || '%'`), sql` or `);
  return sql`(${scope.where(column)} or ${column} in (select a.id from org_units a where ${up}))`;
}

export async function planUnit(db: Db | Tx, planId: number): Promise<{ orgUnitId: number; path: string; level: string; name: string; parentPlanId: number | null }> {
  const r = await db.execute(sql`select p.org_unit_id as "orgUnitId", u.path, p.level, p.name, p.parent_plan_id as "parentPlanId"
    from plan_plans p join org_units u on u.id = p.org_unit_id where p.id = ${planId}`);
  const row = r.rows[0] as { orgUnitId: number; path: string; level: string; name: string; parentPlanId: number | null } | undefined;
  if (!row) throw notFound();
  return row;
}

/** The plan an item belongs to, for scope checks on item routes. */
export async function itemPlan(db: Db | Tx, itemId: number): Promise<{ planId: number; orgUnitId: number; kind: string; title: string }> {
  const r = await db.execute(sql`select plan_id as "planId", org_unit_id as "orgUnitId", kind, title from plan_items where id = ${itemId}`);
  const row = r.rows[0] as { planId: number; orgUnitId: number; kind: string; title: string } | undefined;
  if (!row) throw notFound();
  return row;
}

export async function assertReadable(db: Db | Tx, scope: DataScope, unitId: number): Promise<void> {
  const r = await db.execute(sql`select 1 from org_units x where x.id = ${unitId} and ${readableUnits(scope, sql`x.id`)}`);
  if (r.rows.length === 0) throw notFound();
}
