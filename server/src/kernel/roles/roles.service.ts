import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import { roleAssignments, rolePermissions, roles, users } from '../auth/auth.schema';
import { ADMIN_TRIAD, builtinRoleDefs, DUTY_PERMISSIONS, isPermission } from '../auth/permissions';
import { AppError, notFound } from '../http/errors';

/** Built-in roles as the code defines them: inserted or brought up to date at every start. */
export async function syncBuiltinRoles(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const def of builtinRoleDefs()) {
      const [role] = await tx
        .insert(roles)
        .values({ code: def.code, nameZh: def.nameZh, nameEn: def.nameEn, description: def.description, builtin: true, isAdmin: def.isAdmin })
        .onConflictDoUpdate({ target: roles.code, set: { nameZh: def.nameZh, nameEn: def.nameEn, description: def.description, builtin: true, isAdmin: def.isAdmin } })
        .returning();
      await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, role!.id));
      if (def.permissions.length) await tx.insert(rolePermissions).values(def.permissions.map((p) => ({ roleId: role!.id, permission: p })));
    }
  });
}

export async function listRoles(db: Db | Tx): Promise<Role[]> {
  const rows = await db.select().from(roles).orderBy(sql`${roles.builtin} desc`, roles.id);
  const perms = await db.select().from(rolePermissions);
  return rows.map((r) => ({
    id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, description: r.description, builtin: r.builtin, isAdmin: r.isAdmin,
    permissions: perms.filter((p) => p.roleId === r.id).map((p) => p.permission).sort(),
  }));
}

export async function getRole(db: Db | Tx, id: number): Promise<Role> {
  const role = (await listRoles(db)).find((r) => r.id === id);
  if (!role) throw notFound();
  return role;
}

export function checkPermissions(perms: string[]): void {
  for (const p of perms) {
    if (!isPermission(p)) throw new AppError('permission_unknown', 400, { permission: p });
    if (DUTY_PERMISSIONS.has(p)) throw new AppError('permission_reserved', 400, { permission: p });
  }
}

/** Custom roles are the security admin's; built-in ones are fixed by the code. */
export async function assertCustom(db: Db | Tx, id: number): Promise<Role> {
  const role = await getRole(db, id);
  if (role.builtin) throw new AppError('role_builtin', 409);
  return role;
}

export async function setPermissions(tx: Tx, roleId: number, perms: string[]): Promise<void> {
  await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  const unique = [...new Set(perms)];
  if (unique.length) await tx.insert(rolePermissions).values(unique.map((permission) => ({ roleId, permission })));
}

/** 三员分立: one person never holds two of the three admin roles. */
export async function assertSeparationOfDuties(tx: Tx, userId: number, roleId: number): Promise<void> {
  const [role] = await tx.select().from(roles).where(eq(roles.id, roleId));
  if (!role) throw notFound();
  if (!(ADMIN_TRIAD as readonly string[]).includes(role.code)) return;
  const held = await tx
    .select({ code: roles.code })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(and(eq(roleAssignments.userId, userId), inArray(roles.code, [...ADMIN_TRIAD])));
  if (held.some((h) => h.code !== role.code)) throw new AppError('admin_duty_conflict', 409);
}

export async function assignmentUser(db: Db | Tx, userId: number) {
  const [u] = await db.select({ id: users.id, orgUnitId: users.orgUnitId }).from(users).where(eq(users.id, userId));
  if (!u) throw notFound();
  return u;
}
