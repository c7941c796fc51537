import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { preparedStatement } from '../../db/prepared';
import { grantRowsSql, type GrantRow } from './actor';
import { sessions } from './auth.schema';

export const SESSION_COOKIE = 'gj_sid';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored). */
export async function createSession(tx: Tx, userId: number, opts: { mfaPending: boolean; ip: string; userAgent?: string | undefined }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await tx.insert(sessions).values({ id: sha256(token), userId, csrfToken, mfaPending: opts.mfaPending, ip: opts.ip, userAgent: opts.userAgent?.slice(0, 300) ?? null });
  return { token, csrfToken };
}

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  mfaPending: boolean;
  lastSeenAt: Date;
  userId: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  locale: 'zh-CN' | 'en';
  active: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabled: boolean;
  /** The user's role assignments and permissions, loaded with the session in one query. */
  grants: GrantRow[];
}

/** Every request's session lookup: a named prepared statement (planned once per connection, not per request). */
const sessionLookup = preparedStatement<{ id: string }>('kernel_session', (p) => sql`
    select s.id, s.csrf_token, s.mfa_pending, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.org_unit_id, u.locale,
           u.active, u.must_change_password, u.password_changed_at, u.totp_enabled, (select n from grants_epoch)::text as epoch
    from sessions s join users u on u.id = s.user_id where s.id = ${p.id}`);

export async function findSession(db: Db, token: string): Promise<SessionUser | undefined> {
  const r = await sessionLookup.execute(db, { id: sha256(token) });
  const row = r.rows[0] as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    sessionId: row.id as string,
    csrfToken: row.csrf_token as string,
    mfaPending: row.mfa_pending as boolean,
    lastSeenAt: new Date(row.last_seen_at as string),
    userId: row.user_id as number,
    username: row.username as string,
    displayName: row.display_name as string,
    orgUnitId: row.org_unit_id as number,
    locale: row.locale as 'zh-CN' | 'en',
    active: row.active as boolean,
    mustChangePassword: row.must_change_password as boolean,
    passwordChangedAt: new Date(row.password_changed_at as string),
    totpEnabled: row.totp_enabled as boolean,
    grants: await cachedGrants(db, row.user_id as number, row.epoch as string),
  };
}

/**
 * Grants per user, cached in this process for as long as the grants epoch (bumped by triggers on
 * roles, permissions, assignments and org paths, in the same transaction) has not moved.
 */
const grantCache = new Map<number, { epoch: string; rows: GrantRow[] }>();
async function cachedGrants(db: Db, userId: number, epoch: string): Promise<GrantRow[]> {
  const hit = grantCache.get(userId);
  if (hit && hit.epoch === epoch) return hit.rows;
  const r = await db.execute(grantRowsSql(userId));
  const rows = r.rows as unknown as GrantRow[];
  if (grantCache.size > 20_000) grantCache.clear();
  grantCache.set(userId, { epoch, rows });
  return rows;
}

/** Marks activity; written at most every 30 s per session to keep reads cheap. */
export async function touchSession(db: Db, s: SessionUser): Promise<void> {
  if (Date.now() - s.lastSeenAt.getTime() < 30_000) return;
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, s.sessionId));
}

export async function destroySession(db: Db | Tx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function destroyUserSessions(db: Db | Tx, userId: number, except?: string): Promise<void> {
  await db.delete(sessions).where(except ? sql`${sessions.userId} = ${userId} and ${sessions.id} <> ${except}` : eq(sessions.userId, userId));
}

export async function completeMfa(db: Db | Tx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ mfaPending: false }).where(eq(sessions.id, sessionId));
}

/** Deletes sessions idle beyond the timeout (a scheduled job; requests also check on read). */
export async function purgeIdleSessions(db: Db, idleMinutes: number): Promise<number> {
  const r = await db.execute(sql`delete from sessions where last_seen_at < now() - make_interval(mins => ${idleMinutes}) returning id`);
  return r.rows.length;
}
