import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { OrgUnit } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import type { DataScope } from './scope';
import { AppError, invalid, notFound } from '../http/errors';
import { orgUnitHistory, orgUnits } from './org.schema';
import { isValidUscc } from './uscc';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
type Kind = OrgUnitRow['kind'];

/** Which kinds may sit under which: regions nest, organs sit in regions (or under organs), departments in organs. */
const ALLOWED_PARENTS: Record<Kind, Kind[]> = {
  region: ['region'],
  organ: ['region', 'organ'],
  department: ['organ', 'department'],
};

const childCount = sql<number>`(select count(*)::int from org_units c where c.parent_id = "org_units"."id")`;
const dtoColumns = {
  id: orgUnits.id, kind: orgUnits.kind, parentId: orgUnits.parentId, name: orgUnits.name, regionCode: orgUnits.regionCode,
  regionLevel: orgUnits.regionLevel, organLevel: orgUnits.organLevel, uscc: orgUnits.uscc, sort: orgUnits.sort, active: orgUnits.active, childCount,
};

export async function listChildren(db: Db, scope: DataScope, parentId?: number): Promise<OrgUnit[]> {
  if (parentId === undefined) {
    // The roots the caller can see: the top of each scope subtree.
    if (scope.isEmpty) return [];
    const paths = sql.join(scope.paths.map((p) => sql`${p}`), sql`, `);
    return db.select(dtoColumns).from(orgUnits).where(sql`${orgUnits.path} in (${paths})`).orderBy(asc(orgUnits.sort), asc(orgUnits.id));
  }
  await scope.assert(db, parentId);
  return db.select(dtoColumns).from(orgUnits).where(eq(orgUnits.parentId, parentId)).orderBy(asc(orgUnits.sort), asc(orgUnits.id));
}

export async function searchUnits(db: Db, scope: DataScope, q: string, limit = 50): Promise<OrgUnit[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select(dtoColumns)
    .from(orgUnits)
    .where(and(scope.where(orgUnits.id), sql`(${orgUnits.name} ilike ${like} or ${orgUnits.regionCode} like ${like} or ${orgUnits.uscc} ilike ${like})`))
    .orderBy(sql`length(${orgUnits.path})`, asc(orgUnits.id))
    .limit(limit);
}

export async function getUnit(db: Db | Tx, scope: DataScope, id: number): Promise<OrgUnit> {
  await scope.assert(db, id);
  const [u] = await db.select(dtoColumns).from(orgUnits).where(eq(orgUnits.id, id));
  if (!u) throw notFound();
  return u;
}

async function rowOf(db: Db | Tx, id: number): Promise<OrgUnitRow> {
  const [u] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!u) throw notFound();
  return u;
}

export interface NewUnit {
  kind: Kind;
  parentId: number | null;
  name: string;
  regionCode?: string | undefined;
  regionLevel?: OrgUnitRow['regionLevel'] | undefined;
  organLevel?: OrgUnitRow['organLevel'] | undefined;
  uscc?: string | undefined;
  sort?: number | undefined;
}

function checkFields(u: NewUnit): void {
  const isRegion = u.kind === 'region';
  const isOrgan = u.kind === 'organ';
  if (isRegion !== Boolean(u.regionCode && u.regionLevel) || isOrgan !== Boolean(u.organLevel)) throw invalid('org_kind_fields');
  if (u.uscc !== undefined && (u.kind !== 'organ' || !isValidUscc(u.uscc))) throw invalid('uscc_invalid', {}, 'uscc');
}

const TREE_LOCK = 727004;

/**
 * Paths change only in moves. A move takes the tree lock exclusively; inserts take it shared and
 * read their parent's path after it, so no unit is ever created under a stale path and two moves
 * cannot pass each other's cycle check.
 */
export async function lockTree(tx: Tx, mode: 'shared' | 'exclusive'): Promise<void> {
  await tx.execute(mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${TREE_LOCK})` : sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
}

/**
 * The parent a new unit goes under, read inside the inserting transaction after taking the tree
 * lock in shared mode — one round trip (database function, migration 0003).
 */
export async function lockedParentOf(tx: Tx, id: number): Promise<OrgUnitRow | undefined> {
  const r = await tx.execute(sql`select * from org_parent_for_insert(${id}::int)`);
  return r.rows[0] ? toRow(r.rows[0]) : undefined;
}

/**
 * Inserts a unit with its path and its opening history record in one statement.
 * No scope check: callers do it (see org.routes.ts).
 */
export async function insertUnit(tx: Tx, u: NewUnit, changedBy: number | null, knownParent?: OrgUnitRow): Promise<OrgUnitRow> {
  checkFields(u);
  let parentPath = '/';
  if (u.parentId !== null) {
    const parent = knownParent ?? (await rowOf(tx, u.parentId));
    if (!ALLOWED_PARENTS[u.kind].includes(parent.kind)) throw invalid('org_parent_kind', { child: u.kind, parent: parent.kind });
    parentPath = parent.path;
  }
  const r = await tx.execute(sql`
    with n as (select nextval(pg_get_serial_sequence('org_units', 'id'))::int as id),
    u as (
      insert into org_units (id, kind, parent_id, path, name, region_code, region_level, organ_level, uscc, sort)
      select n.id, ${u.kind}, ${u.parentId}, ${parentPath} || n.id || '/', ${u.name}, ${u.regionCode ?? null}, ${u.regionLevel ?? null},
             ${u.organLevel ?? null}, ${u.uscc?.toUpperCase() ?? null}, ${u.sort ?? 0}
      from n returning *),
    h as (insert into org_unit_history (org_unit_id, name, parent_id, path, changed_by) select id, name, parent_id, path, ${changedBy}::int from u)
    select * from u`);
  return toRow(r.rows[0]!);
}

function toRow(r: Record<string, unknown>): OrgUnitRow {
  return {
    id: r.id as number, kind: r.kind as Kind, parentId: (r.parent_id as number | null) ?? null, path: r.path as string, name: r.name as string,
    regionCode: (r.region_code as string | null) ?? null, regionLevel: (r.region_level as OrgUnitRow['regionLevel']) ?? null,
    organLevel: (r.organ_level as OrgUnitRow['organLevel']) ?? null, uscc: (r.uscc as string | null) ?? null, sort: r.sort as number,
    active: r.active as boolean, createdAt: new Date(r.created_at as string), updatedAt: new Date(r.updated_at as string),
  };
}

export const toUnitDto = (r: OrgUnitRow, childCount = 0): OrgUnit => ({
  id: r.id, kind: r.kind, parentId: r.parentId, name: r.name, regionCode: r.regionCode, regionLevel: r.regionLevel,
  organLevel: r.organLevel, uscc: r.uscc, sort: r.sort, active: r.active, childCount,
});

/** Closes the open history record and opens a new one: the name/parent as of now. */
async function recordHistory(tx: Tx, unit: OrgUnitRow, changedBy: number): Promise<void> {
  const now = new Date();
  await tx.update(orgUnitHistory).set({ validTo: now }).where(and(eq(orgUnitHistory.orgUnitId, unit.id), isNull(orgUnitHistory.validTo)));
  await tx.insert(orgUnitHistory).values({ orgUnitId: unit.id, name: unit.name, parentId: unit.parentId, path: unit.path, validFrom: now, changedBy });
}

export interface UnitPatch { name?: string | undefined; uscc?: string | null | undefined; organLevel?: OrgUnitRow['organLevel'] | undefined; sort?: number | undefined; active?: boolean | undefined }

export async function updateUnit(tx: Tx, id: number, patch: UnitPatch, changedBy: number): Promise<{ before: OrgUnitRow; after: OrgUnitRow }> {
  const before = await rowOf(tx, id);
  if (patch.uscc && (before.kind !== 'organ' || !isValidUscc(patch.uscc))) throw invalid('uscc_invalid', {}, 'uscc');
  if (patch.organLevel && before.kind !== 'organ') throw invalid('org_kind_fields');
  if (patch.active === false) {
    const r = await tx.execute(sql`select (select count(*) from org_units where parent_id = ${id} and active)::int
      + (select count(*) from users where org_unit_id = ${id} and active)::int as n`);
    if ((r.rows[0] as { n: number }).n > 0) throw new AppError('org_has_children', 409);
  }
  const [after] = await tx
    .update(orgUnits)
    .set({ ...patch, ...(patch.uscc ? { uscc: patch.uscc.toUpperCase() } : {}), updatedAt: new Date() })
    .where(eq(orgUnits.id, id))
    .returning();
  if (patch.name !== undefined && patch.name !== before.name) await recordHistory(tx, after!, changedBy);
  return { before, after: after! };
}

/** Moves a unit and its subtree under a new parent: every descendant's path is rewritten. */
export async function moveUnit(tx: Tx, id: number, newParentId: number, changedBy: number): Promise<{ before: OrgUnitRow; after: OrgUnitRow }> {
  await lockTree(tx, 'exclusive');
  const before = await rowOf(tx, id);
  const parent = await rowOf(tx, newParentId);
  if (parent.path.startsWith(before.path)) throw invalid('org_move_cycle');
  if (!ALLOWED_PARENTS[before.kind].includes(parent.kind)) throw invalid('org_parent_kind', { child: before.kind, parent: parent.kind });
  const newPath = `${parent.path}${id}/`;
  await tx.execute(sql`update org_units set path = ${newPath} || substr(path, ${before.path.length + 1}), updated_at = now()
    where path like ${`${before.path}%`}`);
  const [after] = await tx.update(orgUnits).set({ parentId: newParentId }).where(eq(orgUnits.id, id)).returning();
  await recordHistory(tx, after!, changedBy);
  return { before, after: after! };
}

export async function unitHistory(db: Db, id: number) {
  const r = await db.execute(sql`select h.name, h.parent_id, p.name as parent_name, h.valid_from, h.valid_to
    from org_unit_history h left join org_units p on p.id = h.parent_id where h.org_unit_id = ${id} order by h.valid_from desc, h.id desc`);
  return (r.rows as Record<string, unknown>[]).map((h) => ({
    name: h.name as string,
    parentId: (h.parent_id as number | null) ?? null,
    parentName: (h.parent_name as string | null) ?? null,
    validFrom: new Date(h.valid_from as string).toISOString(),
    validTo: h.valid_to ? new Date(h.valid_to as string).toISOString() : null,
  }));
}
