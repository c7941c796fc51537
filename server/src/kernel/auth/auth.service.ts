import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { AuditSubject } from './actor';
import { loadGrants } from './actor';
import { audit } from '../audit/audit.service';
import { AppError } from '../http/errors';
import { getSetting } from '../settings/settings.service';
import { users } from './auth.schema';
import { hashPassword, verifyPassword } from './password';
import { completeMfa, createSession, destroySession } from './session';
import { verifyTotp } from './totp';

// A real argon2id hash of a random string: unknown usernames cost the same time as wrong passwords.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= hashPassword(`dummy-${Math.random()}`));

export type LoginStatus = 'ok' | 'totp_required' | 'totp_setup_required' | 'password_change_required';

/** Is a second factor required of this user by the security policy? (Admin roles only.) */
export async function totpRequired(db: Db, userId: number): Promise<boolean> {
  const policy = await getSetting(db, 'security-policy');
  if (!policy.requireTotpForAdmins) return false;
  const { roles } = await loadGrants(db, userId);
  return roles.some((r) => r.isAdmin);
}

/**
 * Counts one failed credential check (password or second factor) atomically — concurrent failures
 * each count — and locks the account when the policy's threshold is reached within its window.
 * The count, the lock and their audit records commit together.
 */
export async function recordFailure(db: Db, who: AuditSubject, userId: number, action: string, reason: string): Promise<Date | null> {
  const policy = await getSetting(db, 'password-policy');
  return db.transaction(async (tx) => {
    const count = sql`case when ${users.lastFailedAt} > now() - make_interval(mins => ${policy.lockoutWindowMinutes}) then ${users.failedLogins} + 1 else 1 end`;
    const [row] = await tx
      .update(users)
      .set({
        failedLogins: count,
        lastFailedAt: sql`now()`,
        lockedUntil: sql`case when ${count} >= ${policy.lockoutThreshold} then now() + make_interval(mins => ${policy.lockoutMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
    await audit(tx, who, { action, objectType: 'user', objectId: userId, after: { reason }, result: 'failed' });
    const locked = row && row.failedLogins >= policy.lockoutThreshold && row.lockedUntil ? row.lockedUntil : null;
    if (locked) await audit(tx, who, { action: 'auth.lock', objectType: 'user', objectId: userId, after: { lockedUntil: locked } });
    return locked;
  });
}

/**
 * Password step of the login. Every refusal costs one argon2 verification and answers the same
 * way, except a locked account, whose message (with the time) the user needs to see.
 */
export async function login(db: Db, who: AuditSubject, username: string, password: string, userAgent?: string) {
  const policy = await getSetting(db, 'password-policy');
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  const fail = async (reason: string, userId: number | null = null) => {
    await db.transaction((tx) => audit(tx, { ...who, userId, username }, { action: 'auth.login', objectType: 'user', objectId: userId ?? undefined, after: { reason }, result: 'failed' }));
    return new AppError('login_failed', 401);
  };
  const passwordOk = await verifyPassword(user?.passwordHash.startsWith('$argon2') ? user.passwordHash : await timingDummy(), password);
  if (!user) throw await fail('unknown_user');
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.transaction((tx) => audit(tx, { ...who, userId: user.id, username }, { action: 'auth.login', objectType: 'user', objectId: user.id, after: { reason: 'account_locked' }, result: 'failed' }));
    throw new AppError('account_locked', 403, { until: formatLocal(user.lockedUntil) });
  }
  if (!user.active) throw await fail('account_disabled', user.id);
  if (!passwordOk || !user.passwordHash.startsWith('$argon2')) {
    const locked = await recordFailure(db, { ...who, userId: user.id, username: user.username }, user.id, 'auth.login', 'wrong_password');
    if (locked) throw new AppError('account_locked', 403, { until: formatLocal(locked) });
    throw new AppError('login_failed', 401);
  }

  const needTotpSetup = !user.totpEnabled && (await totpRequired(db, user.id));
  const mfaPending = user.totpEnabled || needTotpSetup;
  const expired = policy.expiryDays > 0 && Date.now() - user.passwordChangedAt.getTime() > policy.expiryDays * 86_400_000;
  const status: LoginStatus = user.totpEnabled ? 'totp_required' : needTotpSetup ? 'totp_setup_required' : user.mustChangePassword || expired ? 'password_change_required' : 'ok';
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const s = await createSession(tx, user.id, { mfaPending, ip: who.ip, userAgent });
    await audit(tx, { ...who, userId: user.id, username: user.username, orgUnitId: user.orgUnitId }, { action: 'auth.login', objectType: 'user', objectId: user.id, after: { status } });
    return s;
  });
  return { status, ...session };
}

/** Second step: a TOTP code completes a session opened by the password step. */
export async function verifySecondFactor(db: Db, who: AuditSubject & { userId: number }, sessionId: string, code: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, who.userId));
  if (!user?.totpEnabled || !user.totpSecret) throw new AppError('totp_not_setup', 400);
  const step = verifyTotp(user.totpSecret, code, user.totpLastStep);
  if (step === null) {
    const locked = await recordFailure(db, who, user.id, 'auth.totp', 'wrong_code');
    if (locked) {
      await destroySession(db, sessionId);
      throw new AppError('account_locked', 403, { until: formatLocal(locked) });
    }
    throw new AppError('totp_invalid', 400, {}, [{ path: 'code', message: 'totp_invalid' }]);
  }
  await db.transaction(async (tx) => {
    // A code is good once: the step it was accepted for cannot be replayed.
    await tx.update(users).set({ totpLastStep: step, failedLogins: 0 }).where(eq(users.id, user.id));
    await completeMfa(tx, sessionId);
    await audit(tx, who, { action: 'auth.totp', objectType: 'user', objectId: user.id });
  });
}

/** Asia/Shanghai wall-clock time, for messages. */
export function formatLocal(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(d);
}
