import { z } from 'zod';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AssignmentCreate, IdParam, Ok, Page, PageQuery, Permission, Role, RoleAssignment, RoleCreate, RoleUpdate } from '@guanjia/contracts';
import { roleAssignments, roles, users } from '../auth/auth.schema';
import { allPermissions, DUTY_PERMISSIONS } from '../auth/permissions';
import { audit } from '../audit/audit.service';
import { AppError, fromDbError, notFound } from '../http/errors';
import { countAll, offsetOf } from '../http/paging';
import { actorOf, subjectOf } from '../http/types';
import { orgUnits } from '../org/org.schema';
import { assertCustom, assertSeparationOfDuties, assignmentUser, checkPermissions, getRole, listRoles, setPermissions } from './roles.service';

const tags = ['roles'];

export async function roleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'kernel.roles.read' };
  const write = { permission: 'kernel.roles.write' };
  const grant = { permission: 'kernel.roles.grant' };

  r.get('/api/permissions', { config: read, schema: { tags, response: { 200: z.array(Permission) } } }, () =>
    allPermissions().map((p) => ({ ...p, reserved: DUTY_PERMISSIONS.has(p.code) })));
  r.get('/api/roles', { config: read, schema: { tags, response: { 200: z.array(Role) } } }, () => listRoles(app.db));

  // A custom role applies wherever it is granted: only a security admin over a whole tree edits one.
  const assertRootScope = (scope: { coversRoot: boolean }) => {
    if (!scope.coversRoot) throw new AppError('scope_root_required', 403);
  };

  r.post('/api/roles', { config: write, schema: { tags, body: RoleCreate, response: { 200: Role } } }, async (req) => {
    assertRootScope(req.scope);
    checkPermissions(req.body.permissions);
    try {
      const id = await app.db.transaction(async (tx) => {
        const [role] = await tx.insert(roles).values({ code: req.body.code, nameZh: req.body.nameZh, nameEn: req.body.nameEn, description: req.body.description ?? null }).returning();
        await setPermissions(tx, role!.id, req.body.permissions);
        await audit(tx, subjectOf(req), { action: 'role.create', objectType: 'role', objectId: role!.id, after: req.body });
        return role!.id;
      });
      return getRole(app.db, id);
    } catch (e) {
      throw fromDbError(e, { roles_code_unique: 'role_code_taken' }) ?? e;
    }
  });

  r.patch('/api/roles/:id', { config: write, schema: { tags, params: IdParam, body: RoleUpdate, response: { 200: Role } } }, async (req) => {
    assertRootScope(req.scope);
    const before = await assertCustom(app.db, req.params.id);
    if (req.body.permissions) checkPermissions(req.body.permissions);
    await app.db.transaction(async (tx) => {
      const { permissions, ...fields } = req.body;
      if (Object.keys(fields).length) await tx.update(roles).set(fields).where(eq(roles.id, before.id));
      if (permissions) await setPermissions(tx, before.id, permissions);
      await audit(tx, subjectOf(req), { action: 'role.update', objectType: 'role', objectId: before.id, before, after: await getRole(tx, before.id) });
    });
    return getRole(app.db, req.params.id);
  });

  r.delete('/api/roles/:id', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    assertRootScope(req.scope);
    const before = await assertCustom(app.db, req.params.id);
    await app.db.transaction(async (tx) => {
      const [{ n }] = (await tx.select({ n: countAll }).from(roleAssignments).where(eq(roleAssignments.roleId, before.id))) as [{ n: number }];
      if (n > 0) throw new AppError('role_in_use', 409);
      await tx.delete(roles).where(eq(roles.id, before.id));
      await audit(tx, subjectOf(req), { action: 'role.delete', objectType: 'role', objectId: before.id, before });
    });
    return { ok: true } as const;
  });

  const AssignmentQuery = PageQuery.extend({ userId: z.coerce.number().int().positive().optional(), roleId: z.coerce.number().int().positive().optional() });
  r.get('/api/role-assignments', { config: grant, schema: { tags, querystring: AssignmentQuery, response: { 200: Page(RoleAssignment) } } }, async (req) => {
    const q = req.query;
    const conds: SQL[] = [req.scope.where(roleAssignments.scopeUnitId)];
    if (q.userId) conds.push(eq(roleAssignments.userId, q.userId));
    if (q.roleId) conds.push(eq(roleAssignments.roleId, q.roleId));
    const where = and(...conds);
    const rows = await app.db
      .select({
        id: roleAssignments.id, userId: users.id, username: users.username, displayName: users.displayName, roleId: roles.id, roleCode: roles.code,
        roleNameZh: roles.nameZh, roleNameEn: roles.nameEn, scopeUnitId: roleAssignments.scopeUnitId, scopeUnitName: orgUnits.name, createdAt: roleAssignments.createdAt,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
      .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.scopeUnitId))
      .where(where)
      .orderBy(roleAssignments.id)
      .limit(q.pageSize)
      .offset(offsetOf(q));
    const [total] = await app.db.select({ n: countAll }).from(roleAssignments).where(where);
    return { items: rows.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/role-assignments', { config: grant, schema: { tags, body: AssignmentCreate, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    if (req.body.userId === actor.userId) throw new AppError('self_grant', 403);
    const target = await assignmentUser(app.db, req.body.userId);
    await req.scope.assert(app.db, target.orgUnitId);
    await req.scope.assert(app.db, req.body.scopeUnitId);
    try {
      await app.db.transaction(async (tx) => {
        // Serialise grants to one user so two concurrent grants cannot both pass the duty check.
        await tx.execute(sql`select id from users where id = ${target.id} for update`);
        await assertSeparationOfDuties(tx, target.id, req.body.roleId);
        const [a] = await tx.insert(roleAssignments).values({ ...req.body, grantedBy: actor.userId }).returning();
        await audit(tx, subjectOf(req), { action: 'role.grant', objectType: 'user', objectId: target.id, after: a });
      });
    } catch (e) {
      throw fromDbError(e, { role_assignments_uq: 'assignment_exists' }) ?? e;
    }
    return { ok: true } as const;
  });

  r.delete('/api/role-assignments/:id', { config: grant, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const [a] = await app.db.select().from(roleAssignments).where(eq(roleAssignments.id, req.params.id));
    if (!a || !(await req.scope.contains(app.db, a.scopeUnitId))) throw notFound();
    if (a.userId === actorOf(req).userId) throw new AppError('self_grant', 403);
    await app.db.transaction(async (tx) => {
      await tx.delete(roleAssignments).where(eq(roleAssignments.id, a.id));
      await audit(tx, subjectOf(req), { action: 'role.revoke', objectType: 'user', objectId: a.userId, before: a });
    });
    return { ok: true } as const;
  });
}
