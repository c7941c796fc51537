import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import { DataScope, normalisePaths } from '../org/scope';
import { SELF } from './permissions';

/** The signed-in caller, loaded once per request. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  locale: Locale;
  sessionId: string;
  csrfToken: string;
  ip: string;
  mustChangePassword: boolean;
  mfaPending: boolean;
  totpEnabled: boolean;
  /** permission → scope path prefixes */
  grants: Map<string, string[]>;
  roles: { code: string; nameZh: string; nameEn: string; isAdmin: boolean; scopeUnitId: number; scopePath: string }[];
}

/** Who performed an audited action: an actor, or an anonymous caller (failed login). */
export interface AuditSubject {
  userId: number | null;
  username: string | null;
  orgUnitId: number | null;
  ip: string;
}

export function can(actor: Actor, permission: string): boolean {
  return permission === SELF || actor.grants.has(permission);
}

export function scopeOf(actor: Actor, permission: string): DataScope {
  return new DataScope(actor.grants.get(permission) ?? []);
}

export interface GrantRow { permission: string | null; code: string; name_zh: string; name_en: string; is_admin: boolean; scope_unit_id: number; path: string }

/** One row per (assignment, permission) of a user: reused by the session lookup as a JSON aggregate. */
export const grantRowsSql = (userId: SQL | number) => sql`
    select rp.permission, r.code, r.name_zh, r.name_en, r.is_admin, ra.scope_unit_id, scope_unit.path
    from role_assignments ra
    join roles r on r.id = ra.role_id
    join org_units scope_unit on scope_unit.id = ra.scope_unit_id
    left join role_permissions rp on rp.role_id = r.id
    where ra.user_id = ${userId}`;

/** Roles and permissions of a user, with the scope path of each assignment: one query. */
export async function loadGrants(db: Db, userId: number): Promise<Pick<Actor, 'grants' | 'roles'>> {
  const r = await db.execute(grantRowsSql(userId));
  return parseGrants(r.rows as unknown as GrantRow[]);
}

export function parseGrants(rows: GrantRow[]): Pick<Actor, 'grants' | 'roles'> {
  const grants = new Map<string, string[]>();
  const roles = new Map<string, Actor['roles'][number]>();
  for (const row of rows) {
    roles.set(`${row.code}@${row.scope_unit_id}`, {
      code: row.code, nameZh: row.name_zh, nameEn: row.name_en, isAdmin: row.is_admin, scopeUnitId: row.scope_unit_id, scopePath: row.path,
    });
    if (row.permission) grants.set(row.permission, [...(grants.get(row.permission) ?? []), row.path]);
  }
  for (const [k, v] of grants) grants.set(k, normalisePaths(v));
  return { grants, roles: [...roles.values()] };
}
