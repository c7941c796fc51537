import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { AuditSubject } from './actor';
import { loadGrants } from './actor';
import { audit } from '../audit/audit.service';
import { AppError } from '../http/errors';
import { getSetting } from '../settings/settings.service';
import { users } from './auth.schema';
import { hashPassword, verifyPassword } from './password';
import { completeMfa, createSession } from './session';
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
 * Password step of the login. Failures are counted and audited (and committed: they are the
 * evidence); the account locks after the policy's threshold within its window.
 */
export async function login(db: Db, who: AuditSubject, username: string, password: string, userAgent?: string) {
  const policy = await getSetting(db, 'password-policy');
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  const fail = async (code: string, params: Record<string, unknown> = {}, userId: number | null = null) => {
    await db.transaction((tx) => audit(tx, { ...who, userId, username }, { action: 'auth.login', objectType: 'user', objectId: userId ?? undefined, after: { reason: code }, result: 'failed' }));
    return new AppError(code, code === 'login_failed' ? 401 : 403, params);
  };
  if (!user) {
    await verifyPassword(await timingDummy(), password);
    throw await fail('login_failed');
  }
  if (!user.active) throw await fail('account_disabled', {}, user.id);
  if (user.lockedUntil && user.lockedUntil > new Date()) throw await fail('account_locked', { until: formatLocal(user.lockedUntil) }, user.id);

  if (!(await verifyPassword(user.passwordHash, password))) {
    const inWindow = user.lastFailedAt && Date.now() - user.lastFailedAt.getTime() < policy.lockoutWindowMinutes * 60_000;
    const failed = (inWindow ? user.failedLogins : 0) + 1;
    const lock = failed >= policy.lockoutThreshold;
    const lockedUntil = lock ? new Date(Date.now() + policy.lockoutMinutes * 60_000) : null;
    await db.update(users).set({ failedLogins: lock ? 0 : failed, lastFailedAt: new Date(), ...(lock ? { lockedUntil } : {}) }).where(eq(users.id, user.id));
    if (lock) {
      await db.transaction((tx) => audit(tx, { ...who, userId: user.id, username: user.username }, { action: 'auth.lock', objectType: 'user', objectId: user.id, after: { lockedUntil } }));
      throw await fail('account_locked', { until: formatLocal(lockedUntil!) }, user.id);
    }
    throw await fail('login_failed', {}, user.id);
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
  if (!verifyTotp(user.totpSecret, code)) {
    await db.transaction((tx) => audit(tx, who, { action: 'auth.totp', objectType: 'user', objectId: user.id, result: 'failed' }));
    throw new AppError('totp_invalid', 400, {}, [{ path: 'code', message: 'totp_invalid' }]);
  }
  await db.transaction(async (tx) => {
    await completeMfa(tx, sessionId);
    await audit(tx, who, { action: 'auth.totp', objectType: 'user', objectId: user.id });
  });
}

/** Asia/Shanghai wall-clock time, for messages. */
export function formatLocal(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(d);
}
