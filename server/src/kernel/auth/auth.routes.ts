import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LocaleBody, LoginBody, LoginResult, Me, Ok, TotpBody, TotpSetup } from '@guanjia/contracts';
import { audit } from '../audit/audit.service';
import { AppError } from '../http/errors';
import { actorOf, subjectOf } from '../http/types';
import { getSetting } from '../settings/settings.service';
import { users } from './auth.schema';
import { formatLocal, login, recordFailure, totpRequired, verifySecondFactor } from './auth.service';
import { buildMe } from './me';
import { checkPolicy, hashPassword, verifyPassword } from './password';
import { SELF } from './permissions';
import { completeMfa, destroySession, destroyUserSessions, SESSION_COOKIE } from './session';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: app.env.trustProxy !== false, path: '/' });

  r.post('/api/auth/login', {
    // Per client and account name: a brute force on one account meets this, then the lockout.
    config: {
      public: true,
      rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}` },
    },
    schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResult } },
  }, async (req, reply) => {
    const result = await login(app.db, subjectOf(req), req.body.username, req.body.password, req.headers['user-agent']);
    setCookie(reply, result.token);
    return { status: result.status, csrfToken: result.csrfToken };
  });

  r.post('/api/auth/totp/verify', {
    config: { permission: SELF, stage: 'mfa', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], body: TotpBody, response: { 200: LoginResult } },
  }, async (req) => {
    const actor = actorOf(req);
    await verifySecondFactor(app.db, { ...subjectOf(req), userId: actor.userId }, actor.sessionId, req.body.code);
    return { status: actor.mustChangePassword ? 'password_change_required' : 'ok', csrfToken: actor.csrfToken } as const;
  });

  r.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (req, reply) => {
    if (req.actor) {
      const actor = req.actor;
      await app.db.transaction(async (tx) => {
        await destroySession(tx, actor.sessionId);
        await audit(tx, subjectOf(req), { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true } as const;
  });

  r.get('/api/auth/me', { config: { permission: SELF, stage: 'any' }, schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
    const actor = actorOf(req);
    if (actor.mfaPending) throw new AppError('totp_required_first', 401);
    return buildMe(app.db, actor);
  });

  r.post('/api/auth/password', { config: { permission: SELF, stage: 'password', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    const [user] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    if (!user) throw new AppError('unauthenticated', 401);
    if (!(await verifyPassword(user.passwordHash, req.body.oldPassword))) {
      // Guessing the old password from a stolen session meets the same lockout as the login.
      const locked = await recordFailure(app.db, subjectOf(req), user.id, 'auth.password.change', 'wrong_password');
      if (locked) {
        await destroyUserSessions(app.db, user.id);
        throw new AppError('account_locked', 403, { until: formatLocal(locked) });
      }
      throw new AppError('password_wrong', 400, {}, [{ path: 'oldPassword', message: 'password_wrong' }]);
    }
    if (req.body.oldPassword === req.body.newPassword) throw new AppError('password_same', 400, {}, [{ path: 'newPassword', message: 'password_same' }]);
    checkPolicy(await getSetting(app.db, 'password-policy'), req.body.newPassword, user.username);
    const passwordHash = await hashPassword(req.body.newPassword);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
      await destroyUserSessions(tx, user.id, actor.sessionId); // other devices sign in again
      await audit(tx, subjectOf(req), { action: 'auth.password.change', objectType: 'user', objectId: user.id });
    });
    return { ok: true } as const;
  });

  r.post('/api/auth/totp/setup', { config: { permission: SELF, stage: 'mfa' }, schema: { tags: ['auth'], response: { 200: TotpSetup } } }, async (req) => {
    const actor = actorOf(req);
    if (actor.totpEnabled) throw new AppError('conflict', 409);
    const secret = newTotpSecret();
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ totpSecret: secret }).where(eq(users.id, actor.userId));
      await audit(tx, subjectOf(req), { action: 'auth.totp.setup', objectType: 'user', objectId: actor.userId });
    });
    return { secret, uri: totpUri(secret, actor.username) };
  });

  r.post('/api/auth/totp/enable', { config: { permission: SELF, stage: 'mfa' }, schema: { tags: ['auth'], body: TotpBody, response: { 200: LoginResult } } }, async (req) => {
    const actor = actorOf(req);
    const [user] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    if (!user?.totpSecret || user.totpEnabled) throw new AppError('totp_not_setup', 400);
    const step = verifyTotp(user.totpSecret, req.body.code);
    if (step === null) throw new AppError('totp_invalid', 400, {}, [{ path: 'code', message: 'totp_invalid' }]);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(eq(users.id, user.id));
      await completeMfa(tx, actor.sessionId);
      await audit(tx, subjectOf(req), { action: 'auth.totp.enable', objectType: 'user', objectId: user.id });
    });
    return { status: actor.mustChangePassword ? 'password_change_required' : 'ok', csrfToken: actor.csrfToken } as const;
  });

  r.post('/api/auth/totp/disable', { config: { permission: SELF }, schema: { tags: ['auth'], body: TotpBody, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    const [user] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    if (!user?.totpEnabled || !user.totpSecret) throw new AppError('totp_not_setup', 400);
    if (await totpRequired(app.db, user.id)) throw new AppError('forbidden', 403);
    if (verifyTotp(user.totpSecret, req.body.code, user.totpLastStep) === null) throw new AppError('totp_invalid', 400, {}, [{ path: 'code', message: 'totp_invalid' }]);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(users.id, user.id));
      await audit(tx, subjectOf(req), { action: 'auth.totp.disable', objectType: 'user', objectId: user.id });
    });
    return { ok: true } as const;
  });

  r.put('/api/auth/locale', { config: { permission: SELF, stage: 'any' }, schema: { tags: ['auth'], body: LocaleBody, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await app.db.transaction(async (tx) => {
      await tx.update(users).set({ locale: req.body.locale }).where(eq(users.id, actor.userId));
      await audit(tx, subjectOf(req), { action: 'user.locale', objectType: 'user', objectId: actor.userId, before: { locale: actor.locale }, after: { locale: req.body.locale } });
    });
    return { ok: true } as const;
  });
}
