import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, ImportResult, OneTimePassword, Ok, Page, User, UserCreate, UserQuery, UserUpdate } from '@guanjia/contracts';
import { can } from '../auth/actor';
import { users } from '../auth/auth.schema';
import { hashPassword, oneTimePassword } from '../auth/password';
import { destroyUserSessions } from '../auth/session';
import { audit } from '../audit/audit.service';
import { buildExport, buildTemplate } from '../excel/excel';
import { sendXlsx, today } from '../excel/reply';
import { AppError, fromDbError } from '../http/errors';
import { actorOf, subjectOf } from '../http/types';
import { readUpload } from '../files/upload';
import { assertManageable, assertRank, auditView, exportUsers, getUser, listUsers, userRow } from './users.service';
import { userSheet } from './users.sheet';
import { importUsers } from './users.import';

const tags = ['users'];
const UNIQUE = { users_username_uq: 'username_taken' };

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'kernel.users.read' };
  const write = { permission: 'kernel.users.write' };
  const pii = (req: { actor: Parameters<typeof can>[0] | null }) => can(req.actor!, 'kernel.users.pii');

  r.get('/api/users', { config: read, schema: { tags, querystring: UserQuery, response: { 200: Page(User) } } }, (req) => listUsers(app.db, req.scope, req.query, pii(req)));

  r.get('/api/users/export', { config: read, schema: { tags, querystring: UserQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const rows = await exportUsers(app.db, req.scope, req.query, pii(req));
    const data = await buildExport(userSheet, rows.map((u) => ({ ...u, orgUnit: String(u.orgUnitId) })), req.locale);
    await app.db.transaction((tx) => audit(tx, subjectOf(req), { action: 'user.export', objectType: 'user', after: { rows: rows.length, filters: req.query } }));
    return sendXlsx(reply, data, `${req.locale === 'en' ? 'users' : '用户'}-${today()}`);
  });

  r.get('/api/users/import-template', { config: write, schema: { tags } }, async (req, reply) =>
    sendXlsx(reply, await buildTemplate(userSheet, req.locale), req.locale === 'en' ? 'users-template' : '用户导入模板'));

  r.post('/api/users/import', { config: write, schema: { tags, response: { 200: ImportResult } } }, async (req) => {
    const file = await readUpload(req);
    return { imported: await importUsers(app.db, req.scope, subjectOf(req), file.data, req.locale) };
  });

  r.get('/api/users/:id', { config: read, schema: { tags, params: IdParam, response: { 200: User } } }, (req) => getUser(app.db, req.scope, req.params.id, pii(req)));

  r.post('/api/users', { config: write, schema: { tags, body: UserCreate, response: { 200: OneTimePassword } } }, async (req) => {
    await req.scope.assert(app.db, req.body.orgUnitId);
    await assertRank(app.db, req.body.rank);
    const otp = oneTimePassword();
    const passwordHash = await hashPassword(otp);
    const id = await guard(app.db.transaction(async (tx) => {
      const [u] = await tx.insert(users).values({ ...req.body, passwordHash, mustChangePassword: true }).returning();
      await audit(tx, subjectOf(req), { action: 'user.create', objectType: 'user', objectId: u!.id, after: auditView(u!) });
      return u!.id;
    }));
    return { user: await getUser(app.db, req.scope, id, pii(req)), oneTimePassword: otp };
  });

  r.patch('/api/users/:id', { config: write, schema: { tags, params: IdParam, body: UserUpdate, response: { 200: User } } }, async (req) => {
    const before = await userRow(app.db, req.scope, req.params.id);
    await assertManageable(app.db, req.scope, before.id);
    if (req.body.orgUnitId) await req.scope.assert(app.db, req.body.orgUnitId);
    await assertRank(app.db, req.body.rank);
    await guard(app.db.transaction(async (tx) => {
      const [after] = await tx.update(users).set({ ...req.body, updatedAt: new Date() }).where(eq(users.id, before.id)).returning();
      if (req.body.active === false) await destroyUserSessions(tx, before.id);
      await audit(tx, subjectOf(req), { action: 'user.update', objectType: 'user', objectId: before.id, before: auditView(before), after: auditView(after!) });
    }));
    return getUser(app.db, req.scope, req.params.id, pii(req));
  });

  r.post('/api/users/:id/reset-password', { config: write, schema: { tags, params: IdParam, response: { 200: OneTimePassword } } }, async (req) => {
    const target = await userRow(app.db, req.scope, req.params.id);
    if (target.id === actorOf(req).userId) throw new AppError('forbidden', 403);
    await assertManageable(app.db, req.scope, target.id);
    const otp = oneTimePassword();
    const passwordHash = await hashPassword(otp);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, target.id));
      await destroyUserSessions(tx, target.id);
      await audit(tx, subjectOf(req), { action: 'user.password.reset', objectType: 'user', objectId: target.id });
    });
    return { user: await getUser(app.db, req.scope, target.id, pii(req)), oneTimePassword: otp };
  });

  r.post('/api/users/:id/unlock', { config: write, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const target = await userRow(app.db, req.scope, req.params.id);
    await assertManageable(app.db, req.scope, target.id);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, target.id));
      await audit(tx, subjectOf(req), { action: 'user.unlock', objectType: 'user', objectId: target.id, before: { lockedUntil: target.lockedUntil } });
    });
    return { ok: true } as const;
  });
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw fromDbError(e, UNIQUE) ?? e;
  }
}
