import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { User } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import { users } from '../auth/auth.schema';
import { orgUnits, ranks } from '../org/org.schema';
import type { DataScope } from '../org/scope';
import { AppError, notFound } from '../http/errors';
import { countAll, likePattern, offsetOf, orderBy } from '../http/paging';

export type UserRow = typeof users.$inferSelect;

/** Personal data masked unless the caller may see it in full (MLPS: 个人信息保护). */
export const maskPhone = (p: string | null) => (p ? `${p.slice(0, 3)}****${p.slice(-4)}` : null);
export const maskEmail = (e: string | null) => (e ? e.replace(/^(.).*(@.*)$/, '$1***$2') : null);

/** A department is named with its organ ("省财政厅 · 办公室"): every organ has an 办公室. */
// Columns spelled out with the table name: drizzle leaves them unqualified in single-table selects.
export const qualifiedUnitName = sql<string>`(select case when "org_units"."kind" = 'department' then p.name || ' · ' || "org_units"."name" else "org_units"."name" end
  from org_units p where p.id = coalesce("org_units"."parent_id", "org_units"."id"))`;

const columns = {
  id: users.id, username: users.username, displayName: users.displayName, orgUnitId: users.orgUnitId, orgUnitName: qualifiedUnitName,
  rank: users.rank, phone: users.phone, email: users.email, locale: users.locale, active: users.active,
  locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`, totpEnabled: users.totpEnabled,
  lastLoginAt: users.lastLoginAt, createdAt: users.createdAt,
};

type Selected = { [K in keyof typeof columns]: unknown } & { phone: string | null; email: string | null; lastLoginAt: Date | null; createdAt: Date };

export function toUserDto(row: Selected, showPii: boolean): User {
  return {
    ...(row as unknown as User),
    phone: showPii ? row.phone : maskPhone(row.phone),
    email: showPii ? row.email : maskEmail(row.email),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface UserFilter { q?: string | undefined; orgUnitId?: number | undefined; active?: 'true' | 'false' | undefined; sort?: string | undefined }

function filterOf(scope: DataScope, f: UserFilter): SQL {
  const conds: SQL[] = [scope.where(users.orgUnitId)];
  if (f.q) conds.push(sql`(${users.username} ilike ${likePattern(f.q)} or ${users.displayName} ilike ${likePattern(f.q)})`);
  if (f.orgUnitId) conds.push(sql`${users.orgUnitId} in (select id from org_units where path like (select path from org_units where id = ${f.orgUnitId}) || '%')`);
  if (f.active) conds.push(eq(users.active, f.active === 'true'));
  return and(...conds)!;
}

const sortable = { username: users.username, displayName: users.displayName, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt };

export async function listUsers(db: Db, scope: DataScope, f: UserFilter & { page: number; pageSize: number }, showPii: boolean) {
  const where = filterOf(scope, f);
  const [items, [total]] = await Promise.all([
    db.select(columns).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(where)
      .orderBy(orderBy(f.sort, sortable, users.id)).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: countAll }).from(users).where(where),
  ]);
  return { items: items.map((u) => toUserDto(u as Selected, showPii)), total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** All matching users for an export (same filters as the list), capped to keep memory bounded. */
export async function exportUsers(db: Db, scope: DataScope, f: UserFilter, showPii: boolean, cap = 100_000) {
  const rows = await db.select(columns).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(filterOf(scope, f))
    .orderBy(orderBy(f.sort, sortable, users.id)).limit(cap);
  return rows.map((u) => toUserDto(u as Selected, showPii));
}

export async function getUser(db: Db | Tx, scope: DataScope, id: number, showPii: boolean): Promise<User> {
  const [u] = await db.select(columns).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(and(eq(users.id, id), scope.where(users.orgUnitId)));
  if (!u) throw notFound();
  return toUserDto(u as Selected, showPii);
}

export async function userRow(db: Db | Tx, scope: DataScope, id: number): Promise<UserRow> {
  const [u] = await db.select().from(users).where(and(eq(users.id, id), scope.where(users.orgUnitId)));
  if (!u) throw notFound();
  return u;
}

export async function assertRank(db: Db | Tx, rank: string | null | undefined): Promise<void> {
  if (!rank) return;
  const [r] = await db.select().from(ranks).where(eq(ranks.code, rank));
  if (!r) throw new AppError('rank_unknown', 400, { rank }, [{ path: 'rank', message: 'rank_unknown' }]);
}

/** The user row without secrets, for the audit trail. */
export const auditView = (u: UserRow) => {
  const { passwordHash: _p, totpSecret: _t, ...rest } = u;
  return rest;
};

/**
 * An account the caller may change (edit, disable, reset, unlock): not a security or audit admin
 * (resetting their password would let the system admin act as them — 三员分立), and no role of the
 * target reaches beyond the caller's own scope (a Harbin admin cannot take over a province-wide
 * account by resetting its password).
 */
export async function assertManageable(db: Db | Tx, scope: DataScope, targetUserId: number): Promise<void> {
  const r = await db.execute(sql`select r.code, su.path from role_assignments ra join roles r on r.id = ra.role_id
    join org_units su on su.id = ra.scope_unit_id where ra.user_id = ${targetUserId}`);
  for (const a of r.rows as { code: string; path: string }[]) {
    if (a.code === 'sec_admin' || a.code === 'audit_admin') throw new AppError('admin_account_protected', 403);
    if (!scope.coversPath(a.path)) throw new AppError('account_beyond_scope', 403);
  }
}
